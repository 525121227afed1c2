// TrafficSamples straight from the model (demo without Prometheus): the same numbers the graph
// would get from Prometheus — one sample per distinct istio label set, rates over the window.

import { z } from 'zod';
import { isDnsLabel } from '../../lib/graph/kube-names';
import type { DestinationLabels, HttpSample, LatencySample, PeerLabels, TcpMetric, TcpSample, TrafficQuery, TrafficSamples } from '../../lib/graph/samples';
import type { Timeline } from './timeline';
import { seriesRates } from './rates';
import { TCP_METRICS } from './series';

export const trafficQuerySchema = z.object({
  namespaces: z
    .string()
    .max(1000 * 64, 'at most 1000 namespace names')
    .optional()
    .transform((s) => (s ? s.split(',').map((n) => n.trim()).filter(Boolean) : []))
    .pipe(z.array(z.string().refine(isDnsLabel, 'namespace must be a DNS label')).max(1000)),
  duration: z.coerce.number().int().min(1).max(30 * 86400).default(300),
  time: z.coerce.number().finite().positive().optional(),
});

/** GET /sim/traffic/range: the samples at each step of [start, end], each a rate over `duration`. */
export const trafficRangeSchema = z
  .object({
    namespaces: trafficQuerySchema.shape.namespaces,
    duration: trafficQuerySchema.shape.duration,
    start: z.coerce.number().int().positive(),
    end: z.coerce.number().int().positive(),
    step: z.coerce.number().int().min(1),
  })
  .refine((q) => q.end >= q.start && (q.end - q.start) / q.step <= 1000, { message: 'end before start, or more than 1000 steps', path: ['step'] });

const METRIC_BY_NAME: Record<string, TcpMetric> = Object.fromEntries(Object.entries(TCP_METRICS).map(([k, v]) => [v, k as TcpMetric]));

function peerOf(l: Record<string, string>, side: 'source' | 'destination'): PeerLabels {
  return {
    cluster: l[`${side}_cluster`] ?? 'unknown',
    namespace: l[`${side}_workload_namespace`] ?? 'unknown',
    workload: l[`${side}_workload`] ?? 'unknown',
    canonicalService: l[`${side}_canonical_service`] ?? 'unknown',
    canonicalRevision: l[`${side}_canonical_revision`] ?? 'unknown',
    app: l[`${side}_app`] ?? 'unknown',
    version: l[`${side}_version`] ?? 'unknown',
    principal: l[`${side}_principal`] ?? 'unknown',
  };
}

function destinationOf(l: Record<string, string>): DestinationLabels {
  return { ...peerOf(l, 'destination'), service: l.destination_service ?? 'unknown', serviceName: l.destination_service_name ?? 'unknown', serviceNamespace: l.destination_service_namespace ?? 'unknown' };
}

function inScope(l: Record<string, string>, namespaces: Set<string>): boolean {
  return namespaces.size === 0 || namespaces.has(l.source_workload_namespace ?? '') || namespaces.has(l.destination_workload_namespace ?? '') || namespaces.has(l.destination_service_namespace ?? '');
}

/** Prometheus' histogram_quantile over (le, rate) pairs. */
export function histogramQuantile(q: number, buckets: { le: number; value: number }[]): number | null {
  const sorted = [...buckets].sort((a, b) => a.le - b.le);
  const total = sorted[sorted.length - 1]?.value ?? 0;
  if (!(total > 0)) return null;
  const rank = q * total;
  let prevLe = 0;
  let prevCount = 0;
  for (const b of sorted) {
    if (b.value >= rank) {
      if (b.le === Infinity) return prevLe;
      return prevLe + (b.le - prevLe) * ((rank - prevCount) / (b.value - prevCount));
    }
    prevLe = b.le;
    prevCount = b.value;
  }
  return prevLe;
}

export function trafficSamples(timeline: Timeline, query: TrafficQuery): TrafficSamples {
  const namespaces = new Set(query.namespaces);
  const t = query.queryTime;
  const rates = seriesRates(timeline, t, query.duration, (s) => inScope(s.labels, namespaces));
  const merged = new Map<string, { name: string; labels: Record<string, string>; rate: number; sidecar: boolean }>();
  for (const r of rates) {
    // Envoy's istio_tcp_* share names and reporters with ztunnel's: the exposing pod tells them apart.
    const sidecar = !/\/ztunnel-/.test(r.series.target);
    const key = `${r.series.name}\u0000${sidecar}\u0000${Object.values(r.series.labels).join('\u0000')}`;
    const m = merged.get(key);
    if (m) m.rate += r.rate;
    else merged.set(key, { name: r.series.name, labels: r.series.labels, rate: r.rate, sidecar });
  }
  const tcp: TcpSample[] = [];
  const http: HttpSample[] = [];
  const hist = new Map<string, { l: Record<string, string>; buckets: Map<number, number> }>();
  for (const { name, labels: l, rate, sidecar } of merged.values()) {
    const metric = METRIC_BY_NAME[name];
    if (metric && rate > 0) {
      tcp.push({ metric, reporter: l.reporter as 'source' | 'destination', ...(sidecar ? { proxy: 'sidecar' as const } : {}), source: peerOf(l, 'source'), destination: destinationOf(l), securityPolicy: l.connection_security_policy ?? 'unknown', responseFlags: l.response_flags ?? '-', value: rate });
    } else if (name === 'istio_requests_total' && rate > 0) {
      http.push({ reporter: l.reporter as HttpSample['reporter'], source: peerOf(l, 'source'), destination: destinationOf(l), protocol: l.request_protocol === 'grpc' ? 'grpc' : 'http', responseCode: l.response_code ?? '0', grpcStatus: l.grpc_response_status ?? '', securityPolicy: l.connection_security_policy ?? 'unknown', responseFlags: l.response_flags ?? '-', value: rate });
    } else if (name === 'istio_request_duration_milliseconds_bucket') {
      const key = [l.reporter, l.source_cluster, l.source_workload_namespace, l.source_workload, l.destination_cluster, l.destination_workload_namespace, l.destination_workload].join('\u0000');
      const h = hist.get(key) ?? { l, buckets: new Map() };
      const le = l.le === '+Inf' ? Infinity : Number(l.le);
      h.buckets.set(le, (h.buckets.get(le) ?? 0) + rate);
      hist.set(key, h);
    }
  }
  const latency: LatencySample[] = [];
  for (const { l, buckets } of hist.values()) {
    const list = [...buckets].map(([le, value]) => ({ le, value }));
    for (const quantile of [0.5, 0.95, 0.99] as const) {
      latency.push({
        ...(l.reporter === 'source' || l.reporter === 'destination' ? { reporter: l.reporter } : {}),
        source: { cluster: l.source_cluster ?? 'unknown', namespace: l.source_workload_namespace ?? 'unknown', workload: l.source_workload ?? 'unknown' },
        destination: { cluster: l.destination_cluster ?? 'unknown', namespace: l.destination_workload_namespace ?? 'unknown', workload: l.destination_workload ?? 'unknown' },
        quantile,
        valueMs: histogramQuantile(quantile, list),
      });
    }
  }
  return { tcp, http, latency };
}
