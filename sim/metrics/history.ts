// History as OpenMetrics text for `promtool tsdb create-blocks-from openmetrics`: every series a
// scrape of the kubernetes-pods job would have stored over [start, end] at `step` (ztunnel, waypoint
// and sidecar pods), with the same target labels (job, instance, namespace, pod, node, pod labels).
// Streamed: big scales write GBs.

import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { SimMesh } from '../mesh/mesh';
import type { Series } from '../traffic/series';
import { escapeLabelValue, familyOf, formatValue } from './exposition';
import { SCRAPE_JOB, type ScrapeTarget } from './targets';

export interface HistoryOptions {
  start: number;
  end: number;
  step: number;
  file: string;
}

const TYPES: Record<string, [string, string]> = {
  istio_tcp_connections_opened: ['counter', 'The total number of TCP connections opened.'],
  istio_tcp_connections_closed: ['counter', 'The total number of TCP connections closed.'],
  istio_tcp_received_bytes: ['counter', 'The size of total bytes received during request in case of a TCP connection.'],
  istio_tcp_sent_bytes: ['counter', 'The size of total bytes sent during response in case of TCP connection.'],
  istio_requests: ['counter', 'Total requests handled by an Istio proxy.'],
  istio_request_duration_milliseconds: ['histogram', 'Duration of requests handled by an Istio proxy in milliseconds.'],
};

/** OpenMetrics family name: counters drop `_total`, histograms their suffixes. */
function omFamily(name: string): string {
  return name.endsWith('_total') ? name.slice(0, -'_total'.length) : familyOf(name);
}

function labelText(labels: Record<string, string>): string {
  return `{${Object.entries(labels).map(([k, v]) => `${k}="${escapeLabelValue(v)}"`).join(',')}}`;
}

export async function writeOpenMetricsHistory(mesh: SimMesh, options: HistoryOptions): Promise<{ series: number; samples: number }> {
  const { start, end, step } = options;
  if (!(step > 0) || end < start) throw new Error(`bad history range ${start}..${end} step ${step}`);
  mesh.sync();
  // Pods replaced since (a rollout) keep their history under their own target labels.
  const targets = new Map<string, ScrapeTarget>(mesh.historyTargets().map((t) => [t.key, t]));
  const all = mesh.timeline.seriesBetween(start, end);
  const families = new Map<string, [string, Series, ScrapeTarget][]>();
  for (const [key, s] of all) {
    const target = targets.get(s.target);
    if (!target) continue;
    const f = omFamily(s.name);
    const list = families.get(f);
    if (list) list.push([key, s, target]);
    else families.set(f, [[key, s, target]]);
  }
  const times: number[] = [];
  for (let t = start; t <= end; t += step) times.push(t);

  const out = createWriteStream(options.file);
  let buffer = '';
  let samples = 0;
  const flush = async (force = false) => {
    if (buffer.length < 1 << 20 && !force) return;
    if (!out.write(buffer)) await once(out, 'drain');
    buffer = '';
  };
  for (const [family, list] of families) {
    const [type, help] = TYPES[family] ?? ['unknown', family];
    buffer += `# HELP ${family} ${help}\n# TYPE ${family} ${type}\n`;
    for (const [key, s, target] of list) {
      const labels = labelText({ ...s.labels, job: SCRAPE_JOB, instance: target.instance, ...target.labels });
      for (const t of times) {
        if (!mesh.timeline.segmentAt(t).series.has(key)) continue;
        buffer += `${s.name}${labels} ${formatValue(mesh.timeline.counter(key, t))} ${t}\n`;
        samples++;
      }
      await flush();
    }
  }
  // ztunnel build info, so dashboards listing ztunnels by istio_build see history too.
  buffer += '# HELP istio_build Istio component build info\n# TYPE istio_build gauge\n';
  for (const target of targets.values()) {
    if (target.kind !== 'ztunnel') continue;
    const labels = labelText({ component: 'ztunnel', tag: 'unknown', job: SCRAPE_JOB, instance: target.instance, ...target.labels });
    for (const t of times) buffer += `istio_build${labels} 1 ${t}\n`;
  }
  buffer += '# EOF\n';
  await flush(true);
  out.end();
  await once(out, 'finish');
  return { series: all.size, samples };
}
