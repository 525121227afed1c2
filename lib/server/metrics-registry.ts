import 'server-only';
import { processWide } from './process-wide';

// The dashboard's own Prometheus metrics (GET /metrics, text exposition 0.0.4). One registry per
// process (processWide): Next bundles proxy.ts, route handlers and pages separately, and all of them
// must count into the same numbers.

type Labels = Record<string, string>;

const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

interface Histogram {
  buckets: number[];
  sum: number;
  count: number;
}

/** A gauge read at scrape time (e.g. the Kubernetes cache's state), one sample per label set. */
export type GaugeCollector = () => Array<{ labels: Labels; value: number }>;

interface Registry {
  requests: Map<string, number>;
  durations: Map<string, Histogram>;
  gauges: Map<string, { help: string; collect: GaugeCollector }>;
  started: number;
}

function registry(): Registry {
  return processWide<Registry>('metrics-registry', () => ({ requests: new Map(), durations: new Map(), gauges: new Map(), started: Date.now() / 1000 }));
}

const escapeLabel = (v: string) => v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
const labelText = (labels: Labels) => {
  const entries = Object.entries(labels);
  return entries.length ? `{${entries.map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(',')}}` : '';
};
const keyOf = (labels: Labels) => JSON.stringify(labels);

/** Counts one handled request; `route` is the handler's name (never the raw URL: bounded cardinality). */
export function recordHttpRequest(route: string, method: string, status: number, seconds: number): void {
  const r = registry();
  const counterKey = keyOf({ route, method, status: String(status) });
  r.requests.set(counterKey, (r.requests.get(counterKey) ?? 0) + 1);
  const histKey = keyOf({ route, method });
  const h = r.durations.get(histKey) ?? { buckets: DURATION_BUCKETS.map(() => 0), sum: 0, count: 0 };
  DURATION_BUCKETS.forEach((le, i) => {
    if (seconds <= le) h.buckets[i] = (h.buckets[i] ?? 0) + 1;
  });
  h.sum += seconds;
  h.count += 1;
  r.durations.set(histKey, h);
}

/** Registers (or replaces) a gauge; the name must follow Prometheus naming. */
export function registerGauge(name: string, help: string, collect: GaugeCollector): void {
  if (!/^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(name)) throw new Error(`invalid metric name ${name}`);
  registry().gauges.set(name, { help, collect });
}

export function renderMetrics(): string {
  const r = registry();
  const lines: string[] = [];
  lines.push('# HELP ambient_lens_http_requests_total HTTP requests handled, by route handler, method and status.');
  lines.push('# TYPE ambient_lens_http_requests_total counter');
  for (const [key, value] of r.requests) lines.push(`ambient_lens_http_requests_total${labelText(JSON.parse(key) as Labels)} ${value}`);
  lines.push('# HELP ambient_lens_http_request_duration_seconds Time to answer an HTTP request, by route handler and method.');
  lines.push('# TYPE ambient_lens_http_request_duration_seconds histogram');
  for (const [key, h] of r.durations) {
    const labels = JSON.parse(key) as Labels;
    DURATION_BUCKETS.forEach((le, i) => lines.push(`ambient_lens_http_request_duration_seconds_bucket${labelText({ ...labels, le: String(le) })} ${h.buckets[i] ?? 0}`));
    lines.push(`ambient_lens_http_request_duration_seconds_bucket${labelText({ ...labels, le: '+Inf' })} ${h.count}`);
    lines.push(`ambient_lens_http_request_duration_seconds_sum${labelText(labels)} ${h.sum}`);
    lines.push(`ambient_lens_http_request_duration_seconds_count${labelText(labels)} ${h.count}`);
  }
  for (const [name, gauge] of r.gauges) {
    lines.push(`# HELP ${name} ${gauge.help}`);
    lines.push(`# TYPE ${name} gauge`);
    let samples: Array<{ labels: Labels; value: number }> = [];
    try {
      samples = gauge.collect();
    } catch {
      // A collector that cannot answer is reported as absent, not as a failed scrape.
      samples = [];
    }
    for (const s of samples) lines.push(`${name}${labelText(s.labels)} ${s.value}`);
  }
  lines.push('# HELP ambient_lens_process_start_time_seconds Start time of the process since the Unix epoch.');
  lines.push('# TYPE ambient_lens_process_start_time_seconds gauge');
  lines.push(`ambient_lens_process_start_time_seconds ${Math.floor(r.started)}`);
  const mem = process.memoryUsage();
  lines.push('# HELP ambient_lens_process_resident_memory_bytes Resident memory size in bytes.');
  lines.push('# TYPE ambient_lens_process_resident_memory_bytes gauge');
  lines.push(`ambient_lens_process_resident_memory_bytes ${mem.rss}`);
  lines.push('# HELP ambient_lens_nodejs_heap_used_bytes V8 heap in use, in bytes.');
  lines.push('# TYPE ambient_lens_nodejs_heap_used_bytes gauge');
  lines.push(`ambient_lens_nodejs_heap_used_bytes ${mem.heapUsed}`);
  return lines.join('\n') + '\n';
}
