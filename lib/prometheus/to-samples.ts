import { z } from 'zod';
import type { DestinationLabels, HttpSample, LatencySample, PeerLabels, TcpMetric, TcpSample, TrafficSamples } from '@/lib/graph/samples';
import type { NamedQuery } from './graph-queries';

// Prometheus instant-vector JSON -> TrafficSample. The vendor shape (`metric`, `value: [ts, "1.5"]`)
// stops here. Series that map to the same sample (labels we do not read) are summed.

export const vectorSchema = z.array(
  z.object({
    metric: z.record(z.string(), z.string()),
    value: z.tuple([z.number(), z.string()]),
  }),
);
export type PrometheusVector = z.infer<typeof vectorSchema>;

/**
 * The vector's shape checked in place (vectorSchema's rules, without copying each element: a
 * 5,000-workload answer has ~100k series): the same array typed, or undefined when malformed.
 */
export function checkVector(result: unknown): PrometheusVector | undefined {
  if (!Array.isArray(result)) return undefined;
  for (const s of result as unknown[]) {
    if (typeof s !== 'object' || s === null) return undefined;
    const { metric, value } = s as { metric?: unknown; value?: unknown };
    if (typeof metric !== 'object' || metric === null || Array.isArray(metric)) return undefined;
    for (const k in metric) if (typeof (metric as Record<string, unknown>)[k] !== 'string') return undefined;
    if (!Array.isArray(value) || value.length !== 2 || typeof value[0] !== 'number' || typeof value[1] !== 'string') return undefined;
  }
  return result as PrometheusVector;
}

/** Prometheus encodes floats as strings, including "NaN", "+Inf" and "-Inf". */
export function parseSampleValue(raw: string): number {
  if (raw === '+Inf') return Infinity;
  if (raw === '-Inf') return -Infinity;
  return Number(raw);
}

type Labels = Record<string, string>;
const label = (m: Labels, name: string) => m[name] || 'unknown';

/** Label names per side, built once (not per series: a 5k mesh's answers have ~65k series). */
const PEER_NAMES = { source: peerNames('source'), destination: peerNames('destination') };
function peerNames(side: 'source' | 'destination') {
  const n = (l: string) => `${side}_${l}`;
  return {
    cluster: n('cluster'), namespace: n('workload_namespace'), workload: n('workload'), canonicalService: n('canonical_service'),
    canonicalRevision: n('canonical_revision'), app: n('app'), version: n('version'), principal: n('principal'),
  };
}

function peer(m: Labels, side: 'source' | 'destination'): PeerLabels {
  const n = PEER_NAMES[side];
  return {
    cluster: label(m, n.cluster),
    namespace: label(m, n.namespace),
    workload: label(m, n.workload),
    canonicalService: label(m, n.canonicalService),
    canonicalRevision: label(m, n.canonicalRevision),
    app: label(m, n.app),
    version: label(m, n.version),
    principal: label(m, n.principal),
  };
}

function destination(m: Labels): DestinationLabels {
  return {
    ...peer(m, 'destination'),
    service: label(m, 'destination_service'),
    serviceName: label(m, 'destination_service_name'),
    serviceNamespace: label(m, 'destination_service_namespace'),
  };
}

function reporterOf<R extends string>(m: Labels, allowed: readonly R[]): R | undefined {
  const r = m.reporter;
  return allowed.find((a) => a === r);
}

/**
 * Sums samples that share a key, keeping first-seen order. The key is the tuple of label values the
 * sample is made of, joined with a byte no label value holds; it is built from the series' labels
 * before any sample object, so a duplicate costs one string and no allocation of peers.
 */
function summedBy<S extends { value: number }>(vector: PrometheusVector, key: (m: Labels) => string, make: (m: Labels, value: number) => S): S[] {
  const byKey = new Map<string, S>();
  for (const s of vector) {
    const value = parseSampleValue(s.value[1]);
    if (!(Number.isFinite(value) && value >= 0)) continue;
    const k = key(s.metric);
    const hit = byKey.get(k);
    if (hit) hit.value += value;
    else byKey.set(k, make(s.metric, value));
  }
  return [...byKey.values()];
}

const PEER_LABELS = ['cluster', 'workload_namespace', 'workload', 'canonical_service', 'canonical_revision', 'app', 'version', 'principal'];
/** The labels read through label() ('' and missing read as 'unknown'), in one fixed order. */
const KEY_LABELS = [
  ...PEER_LABELS.map((l) => `source_${l}`),
  ...PEER_LABELS.map((l) => `destination_${l}`),
  'destination_service', 'destination_service_name', 'destination_service_namespace', 'connection_security_policy',
];

/** The sample's fields as one string, normalised exactly as the mappers below read them; '\u0001' separates values. */
function tupleKey(m: Labels, extra: string): string {
  let k = extra;
  for (const n of KEY_LABELS) k += '\u0001' + (m[n] || 'unknown');
  return k + '\u0001' + (m.response_flags || '-');
}

/** `reporter` is set when the series carries the label, or when the caller knows which view it asked for. */
export function toTcpSamples(metric: TcpMetric, vector: PrometheusVector, reporter?: 'source' | 'destination', proxy?: 'sidecar'): TcpSample[] {
  const reporterOfTcp = (m: Labels) => reporterOf(m, ['source', 'destination'] as const) ?? reporter;
  return summedBy(
    vector,
    (m) => tupleKey(m, reporterOfTcp(m) ?? ''),
    (m, value): TcpSample => {
      const r = reporterOfTcp(m);
      return {
        metric,
        ...(r ? { reporter: r } : {}),
        ...(proxy ? { proxy } : {}),
        source: peer(m, 'source'),
        destination: destination(m),
        securityPolicy: label(m, 'connection_security_policy'),
        responseFlags: m.response_flags || '-',
        value,
      };
    },
  );
}

export function toHttpSamples(vector: PrometheusVector): HttpSample[] {
  const reporterOfHttp = (m: Labels) => reporterOf(m, ['source', 'destination', 'waypoint'] as const) ?? 'waypoint';
  const protocol = (m: Labels) => (m.request_protocol === 'grpc' ? 'grpc' : 'http');
  return summedBy(
    vector,
    (m) => tupleKey(m, `${reporterOfHttp(m)}\u0001${protocol(m)}\u0001${m.response_code || '0'}\u0001${m.grpc_response_status ?? ''}`),
    (m, value): HttpSample => ({
      reporter: reporterOfHttp(m),
      source: peer(m, 'source'),
      destination: destination(m),
      protocol: protocol(m),
      responseCode: m.response_code || '0',
      grpcStatus: m.grpc_response_status ?? '',
      securityPolicy: label(m, 'connection_security_policy'),
      responseFlags: m.response_flags || '-',
      value,
    }),
  );
}

export function toLatencySamples(quantile: 0.5 | 0.95 | 0.99, vector: PrometheusVector): LatencySample[] {
  return vector.map((s): LatencySample => {
    const v = parseSampleValue(s.value[1]);
    const pick = (side: 'source' | 'destination') => ({
      cluster: label(s.metric, `${side}_cluster`),
      namespace: label(s.metric, `${side}_workload_namespace`),
      workload: label(s.metric, `${side}_workload`),
    });
    const reporter = reporterOf(s.metric, ['source', 'destination'] as const);
    return { ...(reporter ? { reporter } : {}), source: pick('source'), destination: pick('destination'), quantile, valueMs: Number.isFinite(v) ? v : null };
  });
}

/** The answers to graphQueries() -> one TrafficSamples. */
export function toTrafficSamples(answers: { query: NamedQuery; vector: PrometheusVector }[]): TrafficSamples {
  const out: TrafficSamples = { tcp: [], http: [], latency: [] };
  for (const { query, vector } of answers) {
    if (query.kind === 'tcp') out.tcp.push(...toTcpSamples(query.metric, vector, undefined, query.proxy));
    else if (query.kind === 'http') out.http.push(...toHttpSamples(vector));
    else out.latency.push(...toLatencySamples(query.quantile, vector));
  }
  return out;
}
