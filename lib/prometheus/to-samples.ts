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

/** Prometheus encodes floats as strings, including "NaN", "+Inf" and "-Inf". */
export function parseSampleValue(raw: string): number {
  if (raw === '+Inf') return Infinity;
  if (raw === '-Inf') return -Infinity;
  return Number(raw);
}

type Labels = Record<string, string>;
const label = (m: Labels, name: string) => m[name] || 'unknown';

function peer(m: Labels, side: 'source' | 'destination'): PeerLabels {
  return {
    cluster: label(m, `${side}_cluster`),
    namespace: label(m, `${side}_workload_namespace`),
    workload: label(m, `${side}_workload`),
    canonicalService: label(m, `${side}_canonical_service`),
    canonicalRevision: label(m, `${side}_canonical_revision`),
    app: label(m, `${side}_app`),
    version: label(m, `${side}_version`),
    principal: label(m, `${side}_principal`),
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

/** Sums samples whose fields other than `value` are equal, keeping first-seen order. */
function summed<S extends { value: number }>(samples: S[]): S[] {
  const byKey = new Map<string, S>();
  for (const s of samples) {
    const key = JSON.stringify({ ...s, value: 0 });
    const hit = byKey.get(key);
    if (hit) hit.value += s.value;
    else byKey.set(key, { ...s });
  }
  return [...byKey.values()];
}

const finiteRates = (vector: PrometheusVector) =>
  vector.flatMap((s) => {
    const value = parseSampleValue(s.value[1]);
    return Number.isFinite(value) && value >= 0 ? [{ m: s.metric, value }] : [];
  });

/** `reporter` is set when the series carries the label, or when the caller knows which view it asked for. */
export function toTcpSamples(metric: TcpMetric, vector: PrometheusVector, reporter?: 'source' | 'destination', proxy?: 'sidecar'): TcpSample[] {
  return summed(
    finiteRates(vector).map(({ m, value }): TcpSample => {
      const r = reporterOf(m, ['source', 'destination'] as const) ?? reporter;
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
    }),
  );
}

export function toHttpSamples(vector: PrometheusVector): HttpSample[] {
  return summed(
    finiteRates(vector).map(({ m, value }): HttpSample => ({
      reporter: reporterOf(m, ['source', 'destination', 'waypoint'] as const) ?? 'waypoint',
      source: peer(m, 'source'),
      destination: destination(m),
      protocol: m.request_protocol === 'grpc' ? 'grpc' : 'http',
      responseCode: m.response_code || '0',
      grpcStatus: m.grpc_response_status ?? '',
      securityPolicy: label(m, 'connection_security_policy'),
      responseFlags: m.response_flags || '-',
      value,
    })),
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
