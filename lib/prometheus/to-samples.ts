import { z } from 'zod';
import type { DestinationLabels, HttpSample, LatencySample, PeerLabels, TcpMetric, TcpSample, TrafficSamples } from '@/lib/graph/samples';
import type { NamedQuery } from './graph-queries';
import { label, LabelInterner } from './label-interner';
import { MetricsError } from './errors';
import { EDGE_LABEL, EDGE_SEPARATOR, edgePart } from './recorded-queries';

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

function reporterOf<R extends string>(m: Labels, allowed: readonly R[]): R | undefined {
  const r = m.reporter;
  return allowed.find((a) => a === r);
}

/**
 * Sums series that map to the same sample (labels we do not read, '' read as 'unknown'), keeping
 * first-seen order. Peers come from the interner: the key is their ids and the few labels of the
 * sample's own, so a series costs one short string, and a duplicate no object at all.
 */
function summedBy<S extends { value: number }>(
  vector: PrometheusVector,
  interner: LabelInterner,
  rest: (m: Labels) => string,
  make: (m: Labels, source: PeerLabels, destination: DestinationLabels, value: number) => S,
): S[] {
  const sums = new PairSums<S>();
  for (const s of vector) {
    const value = parseSampleValue(s.value[1]);
    if (!(Number.isFinite(value) && value >= 0)) continue;
    const m = s.metric;
    const source = interner.peer(m, 'source');
    const destination = interner.destination(m);
    sums.add(source, destination, rest(m), value, () => make(m, source.labels, destination.labels, value));
  }
  return sums.samples;
}

/** Interned ids stay far below it (one per distinct peer), so id * PAIR_FACTOR + id is exact. */
const PAIR_FACTOR = 2 ** 26;

/**
 * Samples summed per source, destination and the sample's own labels (`rest`), in first-seen order.
 * Keyed by the two interned ids as one number, the own labels told apart in a short list: no key
 * string is built per series.
 */
class PairSums<S extends { value: number }> {
  private readonly byPair = new Map<number, { rest: string; sample: S }[]>();
  readonly samples: S[] = [];

  add(source: { id: number }, destination: { id: number }, rest: string, value: number, make: () => S): void {
    const pair = source.id * PAIR_FACTOR + destination.id;
    const same = this.byPair.get(pair);
    if (same) {
      for (const x of same) {
        if (x.rest === rest) {
          x.sample.value += value;
          return;
        }
      }
    }
    const sample = make();
    this.samples.push(sample);
    if (same) same.push({ rest, sample });
    else this.byPair.set(pair, [{ rest, sample }]);
  }
}

/**
 * `reporter` is set when the series carries the label, or when the caller knows which view it asked for.
 * Pass one interner to every answer of a build so that its samples share their peers.
 */
export function toTcpSamples(
  metric: TcpMetric,
  vector: PrometheusVector,
  reporter?: 'source' | 'destination',
  proxy?: 'sidecar',
  interner = new LabelInterner(),
): TcpSample[] {
  const reporterOfTcp = (m: Labels) => reporterOf(m, ['source', 'destination'] as const) ?? reporter;
  return summedBy(
    vector,
    interner,
    (m) => `${reporterOfTcp(m) ?? ''}\u0001${label(m, 'connection_security_policy')}\u0001${m.response_flags || '-'}`,
    (m, source, destination, value): TcpSample => {
      const r = reporterOfTcp(m);
      return {
        metric,
        ...(r ? { reporter: r } : {}),
        ...(proxy ? { proxy } : {}),
        source,
        destination,
        securityPolicy: label(m, 'connection_security_policy'),
        responseFlags: m.response_flags || '-',
        value,
      };
    },
  );
}

export function toHttpSamples(vector: PrometheusVector, interner = new LabelInterner()): HttpSample[] {
  const reporterOfHttp = (m: Labels) => reporterOf(m, ['source', 'destination', 'waypoint'] as const) ?? 'waypoint';
  const protocol = (m: Labels) => (m.request_protocol === 'grpc' ? 'grpc' : 'http');
  return summedBy(
    vector,
    interner,
    (m) =>
      `${reporterOfHttp(m)}\u0001${protocol(m)}\u0001${m.response_code || '0'}\u0001${m.grpc_response_status ?? ''}\u0001${label(m, 'connection_security_policy')}\u0001${m.response_flags || '-'}`,
    (m, source, destination, value): HttpSample => ({
      reporter: reporterOfHttp(m),
      source,
      destination,
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

/**
 * A recorded edge answer's labels restored: `edge` split back into the query's `packed` labels
 * (recorded-queries.ts). An `edge` that does not split into as many values is a malformed answer,
 * not a guess. The returned function fills and returns ONE object, overwritten by the next call:
 * what reads it keeps values, never the object (the interner copies them).
 */
function edgeUnpacker(packed: readonly string[]): (m: Labels) => Labels {
  const out: Labels = {};
  return (m) => {
    const parts = m[EDGE_LABEL]?.split(EDGE_SEPARATOR);
    if (parts?.length !== packed.length) {
      throw new MetricsError('prometheus_error', `Prometheus returned a recorded edge whose "${EDGE_LABEL}" label does not hold ${packed.length} values`);
    }
    for (let i = 0; i < packed.length; i++) out[packed[i]!] = parts[i]!;
    return out;
  };
}

/**
 * toTcpSamples of a recorded edge answer. The source's and the destination's runs of `edge` key the
 * interner, so a peer's labels are restored and walked once per build, not once per series; policy
 * and flags are read from the rest.
 */
function toRecordedTcpSamples(metric: TcpMetric, vector: PrometheusVector, packed: readonly string[], interner: LabelInterner): TcpSample[] {
  const unpack = edgeUnpacker(packed);
  const sourceParts = packed.filter((l) => edgePart(l) === 'source').length;
  const peerParts = sourceParts + packed.filter((l) => edgePart(l) === 'destination').length;
  const policyAt = packed.indexOf('connection_security_policy') - peerParts;
  const flagsAt = packed.indexOf('response_flags') - peerParts;
  const oneRest = packed.length - peerParts === 1;
  const sums = new PairSums<TcpSample>();
  for (const s of vector) {
    const value = parseSampleValue(s.value[1]);
    if (!(Number.isFinite(value) && value >= 0)) continue;
    const m = s.metric;
    const edge = m[EDGE_LABEL] ?? '';
    // Where the source's and the destination's runs end; as many values as labels, or malformed.
    let at = -1;
    let sourceEnd = -1;
    let peersEnd = -1;
    for (let i = 1; i < packed.length; i++) {
      at = edge.indexOf(EDGE_SEPARATOR, at + 1);
      if (at < 0) break;
      if (i === sourceParts) sourceEnd = at;
      if (i === peerParts) peersEnd = at;
    }
    if (at < 0 || sourceEnd < 0 || peersEnd < 0 || edge.includes(EDGE_SEPARATOR, at + 1)) unpack(m); // throws
    const labels = () => unpack(m);
    const source = interner.sourceByKey(edge.slice(0, sourceEnd), labels);
    const destination = interner.destinationByKey(edge.slice(sourceEnd + 1, peersEnd), labels);
    const rest = oneRest ? [edge.slice(peersEnd + 1)] : edge.slice(peersEnd + 1).split(EDGE_SEPARATOR);
    const securityPolicy = (policyAt >= 0 && rest[policyAt]) || 'unknown';
    const responseFlags = (flagsAt >= 0 && rest[flagsAt]) || '-';
    sums.add(source, destination, `${securityPolicy}\u0001${responseFlags}`, value, () => ({
      metric, source: source.labels, destination: destination.labels, securityPolicy, responseFlags, value,
    }));
  }
  return sums.samples;
}

/** A recorded edge answer's series with their labels restored (a copy of each: see edgeUnpacker). */
export function unpackEdges(vector: PrometheusVector, packed: readonly string[]): PrometheusVector {
  const unpack = edgeUnpacker(packed);
  return vector.map((s) => ({ metric: { ...unpack(s.metric) }, value: s.value }));
}

/** The answers to graphQueries() -> one TrafficSamples. */
export function toTrafficSamples(answers: { query: NamedQuery; vector: PrometheusVector }[]): TrafficSamples {
  const interner = new LabelInterner();
  return concatSamples(answers.map(({ query, vector }) => answerSamples(query, vector, interner)));
}

/**
 * One answer's samples. The answers of one build share an interner; each can be converted as soon as
 * it arrives (overlapping the wait for the others, and letting its parsed JSON go), then concatSamples
 * puts them together in the queries' order, which gives toTrafficSamples's result.
 */
export function answerSamples(query: NamedQuery, vector: PrometheusVector, interner: LabelInterner): TrafficSamples {
  if (query.kind === 'tcp') {
    const tcp = query.packed ? toRecordedTcpSamples(query.metric, vector, query.packed, interner) : toTcpSamples(query.metric, vector, undefined, query.proxy, interner);
    return { tcp, http: [], latency: [] };
  }
  if (query.kind === 'http') return { tcp: [], http: toHttpSamples(vector, interner), latency: [] };
  return { tcp: [], http: [], latency: toLatencySamples(query.quantile, vector) };
}

export function concatSamples(parts: readonly TrafficSamples[]): TrafficSamples {
  const out: TrafficSamples = { tcp: [], http: [], latency: [] };
  for (const part of parts) {
    // A loop, not push(...): an answer of 100k series would overflow the call's arguments.
    for (const s of part.tcp) out.tcp.push(s);
    for (const s of part.http) out.http.push(s);
    for (const s of part.latency) out.latency.push(s);
  }
  return out;
}
