// Exposition text parses as Prometheus text format and carries the model's counters;
// TrafficSamples equal the model's rates; history is valid OpenMetrics.

import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ObjectStore } from '../store';
import { buildBookinfo } from '../scenarios/bookinfo';
import { SimMesh } from '../mesh/mesh';
import { trafficSamples, histogramQuantile } from '../traffic/samples';
import { sumRate } from '../traffic/rates';
import { writeOpenMetricsHistory } from './history';

const T = 1_760_000_000;
const mesh = new SimMesh({ store: new ObjectStore(), scenario: buildBookinfo(), profile: 'constant', origin: T - 3600, now: () => T });

interface Parsed { name: string; labels: Record<string, string>; value: number }
function parseExposition(text: string): { samples: Parsed[]; types: Map<string, string> } {
  const types = new Map<string, string>();
  const samples: Parsed[] = [];
  let family = '';
  for (const line of text.split('\n')) {
    if (!line) continue;
    const type = /^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|untyped)$/.exec(line);
    if (type) {
      expect(types.has(type[1]!), `family ${type[1]} repeated`).toBe(false);
      types.set(type[1]!, type[2]!);
      family = type[1]!;
      continue;
    }
    if (line.startsWith('# HELP ')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (\S+)$/.exec(line);
    expect(m, line).not.toBeNull();
    const name = m![1]!;
    expect(name === family || name.startsWith(`${family}_`), `${name} outside its family ${family}`).toBe(true);
    const labels: Record<string, string> = {};
    for (const l of (m![3] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]!] = l[2]!;
    samples.push({ name, labels, value: Number(m![4]) });
  }
  return { samples, types };
}

describe('ztunnel and waypoint metrics', () => {
  it('parse as text exposition with the model\'s counter values', () => {
    for (const t of mesh.targets()) {
      const text = mesh.metricsText(t.namespace, t.pod, T)!;
      const { samples, types } = parseExposition(text);
      expect(samples.every((s) => Number.isFinite(s.value))).toBe(true);
      if (t.kind === 'ztunnel') {
        expect(types.get('istio_build')).toBe('gauge');
        expect(samples.find((s) => s.name === 'istio_build')?.labels).toEqual({ component: 'ztunnel', tag: 'unknown' });
        expect(samples.some((s) => s.name === 'workload_manager_active_proxy_count')).toBe(true);
      } else {
        expect(types.get('istio_request_duration_milliseconds')).toBe('histogram');
        const count = samples.filter((s) => s.name === 'istio_request_duration_milliseconds_count').reduce((a, s) => a + s.value, 0);
        const total = samples.filter((s) => s.name === 'istio_requests_total').reduce((a, s) => a + s.value, 0);
        expect(count).toBeCloseTo(total, 6);
        expect(total).toBeCloseTo(12 * 3600, 6);
      }
      for (const [key, s] of mesh.targetSeries(t.key, T)) {
        const found = samples.find((x) => x.name === s.name && JSON.stringify(x.labels) === JSON.stringify(s.labels));
        expect(found?.value).toBeCloseTo(mesh.timeline.counter(key, T), 6);
      }
    }
  });
});

describe('TrafficSamples from the model', () => {
  const samples = trafficSamples(mesh.timeline, { namespaces: ['bookinfo'], duration: 300, queryTime: T });

  it('has one sample per reporter series with the model\'s rate', () => {
    const destInto = samples.tcp.filter((s) => s.metric === 'receivedBytes' && s.reporter === 'destination' && s.destination.workload === 'productpage-v1');
    expect(destInto.reduce((a, s) => a + s.value, 0)).toBeCloseTo(sumRate(mesh.timeline, 'istio_tcp_received_bytes_total', { reporter: 'destination', destination_workload: 'productpage-v1' }, T, 300), 9);
    expect(destInto.map((s) => s.source.workload).sort()).toEqual(['bookinfo-gateway-istio', 'legacy-client-v1', 'loadgen-v1', 'unknown', 'web-v1']);
    const egress = samples.tcp.find((s) => s.metric === 'sentBytes' && s.destination.service === 'unknown');
    expect(egress).toMatchObject({ reporter: 'source', securityPolicy: 'unknown', value: 2000 });
    const deny = samples.tcp.find((s) => s.responseFlags === 'DENY');
    expect(deny).toMatchObject({ metric: 'connectionsClosed', reporter: 'destination', value: 0.3 });
  });

  it('has waypoint requests and latency quantiles', () => {
    expect(samples.http.reduce((a, s) => a + s.value, 0)).toBeCloseTo(12, 9);
    expect(samples.http.every((s) => s.reporter === 'waypoint' && s.source.workload === 'productpage-v1')).toBe(true);
    const p50 = samples.latency.find((l) => l.destination.workload === 'reviews-v1' && l.quantile === 0.5);
    expect(p50?.valueMs).toBeCloseTo(25, 9);
    expect(trafficSamples(mesh.timeline, { namespaces: ['nothing-here'], duration: 300, queryTime: T })).toEqual({ tcp: [], http: [], latency: [] });
  });

  it('computes histogram_quantile like Prometheus', () => {
    const b = [{ le: 10, value: 5 }, { le: 20, value: 10 }, { le: Infinity, value: 10 }];
    expect(histogramQuantile(0.5, b)).toBe(10);
    expect(histogramQuantile(0.75, b)).toBe(15);
    expect(histogramQuantile(0.99, [{ le: 10, value: 1 }, { le: Infinity, value: 2 }])).toBe(10);
    expect(histogramQuantile(0.5, [{ le: Infinity, value: 0 }])).toBeNull();
  });
});

describe('OpenMetrics history', () => {
  it('writes grouped families with second timestamps and ends with # EOF', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'om-'));
    try {
      const file = join(dir, 'h.om');
      const stats = await writeOpenMetricsHistory(mesh, { start: T - 60, end: T, step: 15, file });
      const text = await readFile(file, 'utf8');
      expect(text.endsWith('# EOF\n')).toBe(true);
      expect(text).toMatch(/^# HELP istio_tcp_connections_opened /);
      expect(text).toContain('# TYPE istio_tcp_received_bytes counter\n');
      expect(text).toMatch(/\nistio_tcp_received_bytes_total\{reporter="[a-z]+",.*job="kubernetes-pods",instance="10\.[\d.]+:15020",.*pod="ztunnel-[a-z0-9]{5}",node="ambient-[a-z0-9-]+"\} [\d.]+ 17599999\d\d\n/);
      expect(stats.samples).toBe(stats.series * 5);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
