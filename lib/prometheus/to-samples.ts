import { z } from 'zod';
import type { DestinationLabels, HttpSample, LatencySample, PeerLabels, TcpMetric, TcpSample, TrafficSamples } from '@/lib/graph/samples';
import type { NamedQuery } from './graph-queries';
import { label, LabelInterner } from './label-interner';
import { MetricsError } from './errors';
import { EDGE_LABEL, EDGE_SEPARATOR, edgePart } from './recorded-queries';
import { columnsOf, parseSampleValue, type VectorColumns } from './vector-scan';
import { PairIndex } from '@/lib/graph/pair-index';

// Prometheus instant-vector JSON -> TrafficSample. The vendor shape (`metric`, `value: [ts, "1.5"]`)
// stops here. Series that map to the same sample (labels we do not read) are summed. A recorded edge
// answer arrives as columns (its `edge` label and the values, ./vector-scan.ts), the others parsed.

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

/**
 * Samples summed per source, destination and the sample's own labels (`rest`), in first-seen order.
 * A node pair finds its samples through a PairIndex of the two interned ids (nothing allocated per
 * series), its samples chained by index; the own labels are told apart by comparing the short
 * `rest` strings.
 */
class PairSums<S extends { value: number }> {
  readonly samples: S[] = [];
  private readonly rests: string[] = [];
  /** The next sample of the same pair, or -1. */
  private readonly next: number[] = [];
  private readonly pairs = new PairIndex();
  /** Per pair: its last sample (the chain runs back from it). */
  private readonly heads: number[] = [];

  add(source: { id: number }, destination: { id: number }, rest: string, value: number, make: () => S): void {
    if (!this.addTo(source, destination, rest, value)) this.insert(source, destination, rest, make());
  }

  /** Adds value to the sample of (source, destination, rest) when there is one; false when there is none. */
  addTo(source: { id: number }, destination: { id: number }, rest: string, value: number): boolean {
    const pair = this.pairs.get(source.id, destination.id);
    if (pair < 0) return false;
    for (let j = this.heads[pair]!; j >= 0; j = this.next[j]!) {
      if (this.rests[j] === rest) {
        this.samples[j]!.value += value;
        return true;
      }
    }
    return false;
  }

  /** The first sample of (source, destination, rest). */
  insert(source: { id: number }, destination: { id: number }, rest: string, sample: S): void {
    const pair = this.pairs.add(source.id, destination.id);
    this.next.push(this.heads[pair] ?? -1);
    this.heads[pair] = this.samples.push(sample) - 1;
    this.rests.push(rest);
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

const malformedEdge = (count: number) =>
  new MetricsError('prometheus_error', `Prometheus returned a recorded edge whose "${EDGE_LABEL}" label does not hold ${count} values`);

/**
 * A recorded edge's labels restored: `edge` split back into the query's `packed` labels
 * (recorded-queries.ts). An `edge` that does not split into as many values is a malformed answer,
 * not a guess. The returned function fills and returns ONE object, overwritten by the next call:
 * what reads it keeps values, never the object.
 */
function edgeUnpacker(packed: readonly string[]): (edge: string | undefined) => Labels {
  const out: Labels = {};
  return (edge) => {
    const parts = edge?.split(EDGE_SEPARATOR);
    if (parts?.length !== packed.length) throw malformedEdge(packed.length);
    for (let i = 0; i < packed.length; i++) out[packed[i]!] = parts[i]!;
    return out;
  };
}

const PEER_FIELDS = { cluster: 'cluster', namespace: 'workload_namespace', workload: 'workload', canonicalService: 'canonical_service', canonicalRevision: 'canonical_revision', app: 'app', version: 'version', principal: 'principal' } as const;

/**
 * A side's labels read from its run of a recorded edge, `names` being the run's labels in order, as
 * label() reads them ('' and missing are 'unknown'). A run that does not hold a value per label makes
 * the whole edge (of `count` values) malformed.
 */
function runReader(names: readonly string[], side: 'source' | 'destination', count: number): (run: string) => DestinationLabels {
  const at = (l: string) => names.indexOf(l);
  const peer = Object.values(PEER_FIELDS).map((f) => at(`${side}_${f}`));
  const [c, ns, w, cs, cr, a, v, p] = peer as [number, number, number, number, number, number, number, number];
  const [s, sn, sns] = [at('destination_service'), at('destination_service_name'), at('destination_service_namespace')];
  return (run) => {
    const x = run.split(EDGE_SEPARATOR);
    if (x.length !== names.length) throw malformedEdge(count);
    return {
      cluster: part(x, c), namespace: part(x, ns), workload: part(x, w), canonicalService: part(x, cs), canonicalRevision: part(x, cr), app: part(x, a), version: part(x, v), principal: part(x, p),
      service: part(x, s), serviceName: part(x, sn), serviceNamespace: part(x, sns),
    };
  };
}

/** A run's value at i as label() reads it ('' and absent, i < 0, are 'unknown'). A function of its own, not a closure per run: the run reader is called for each new peer. */
function part(values: readonly string[], i: number): string {
  return (i >= 0 && values[i]) || 'unknown';
}

/**
 * toTcpSamples of a recorded edge answer, read as its `edge` column. The source's and the
 * destination's runs of `edge` key the interner, so a peer's labels are restored and walked once per
 * build, not once per series; policy and flags are read from the rest, which also tells apart the
 * samples of one node pair (normalised, '' read as 'unknown', only where a part is empty).
 */
function toRecordedTcpSamples(metric: TcpMetric, edges: readonly string[], values: readonly number[], packed: readonly string[], interner: LabelInterner): TcpSample[] {
  const sourceNames = packed.filter((l) => edgePart(l) === 'source');
  const destinationNames = packed.filter((l) => edgePart(l) === 'destination');
  const sourceParts = sourceNames.length;
  const restParts = packed.length - sourceParts - destinationNames.length;
  const peerParts = packed.length - restParts;
  const sourceLayout = sourceNames.join();
  const destinationLayout = destinationNames.join();
  const readSource = runReader(sourceNames, 'source', packed.length);
  const readDestination = runReader(destinationNames, 'destination', packed.length);
  const policyAt = packed.indexOf('connection_security_policy') - peerParts;
  const flagsAt = packed.indexOf('response_flags') - peerParts;
  const sums = new PairSums<TcpSample>();
  for (let i = 0; i < edges.length; i++) {
    const value = values[i] as number;
    if (!(Number.isFinite(value) && value >= 0)) continue;
    const edge = edges[i] as string;
    // The source's run ends at its last separator counted from the start, the rest starts after its
    // first counted from the end. A new source or destination run has its values counted when it is
    // read, so an edge of known runs between them holds as many values as labels.
    let sourceEnd = -1;
    for (let k = 0; k < sourceParts && (k === 0 || sourceEnd >= 0); k++) sourceEnd = edge.indexOf(EDGE_SEPARATOR, sourceEnd + 1);
    let peersEnd = edge.length;
    for (let k = 0; k < restParts && peersEnd > 0; k++) peersEnd = edge.lastIndexOf(EDGE_SEPARATOR, peersEnd - 1);
    if (sourceEnd < 0 || peersEnd <= sourceEnd) throw malformedEdge(packed.length);
    const source = interner.sourceOfRun(sourceLayout, edge, 0, sourceEnd, readSource);
    const destination = interner.destinationOfRun(destinationLayout, edge, sourceEnd + 1, peersEnd, readDestination);
    let rest = edge.slice(peersEnd + 1);
    if (sums.addTo(source, destination, rest, value)) continue;
    const parts = restParts === 1 ? [rest] : rest.split(EDGE_SEPARATOR);
    const securityPolicy = (policyAt >= 0 && parts[policyAt]) || 'unknown';
    const responseFlags = (flagsAt >= 0 && parts[flagsAt]) || '-';
    if (parts.includes('')) {
      // '' reads as 'unknown' (or '-'): such a series sums with its spelled-out twin.
      rest = parts.map((p, k) => (k === policyAt ? securityPolicy : k === flagsAt ? responseFlags : p || 'unknown')).join(EDGE_SEPARATOR);
      if (sums.addTo(source, destination, rest, value)) continue;
    }
    sums.insert(source, destination, rest, { metric, source: source.labels, destination: destination.labels, securityPolicy, responseFlags, value });
  }
  return sums.samples;
}

/** A recorded edge answer's series with their labels restored (a copy of each: see edgeUnpacker). */
export function unpackEdges(vector: PrometheusVector, packed: readonly string[]): PrometheusVector {
  const unpack = edgeUnpacker(packed);
  return vector.map((s) => ({ metric: { ...unpack(s.metric[EDGE_LABEL]) }, value: s.value }));
}

/** The labels of a query's answer that answerSamples reads as columns (VectorColumns); undefined: it reads the whole vector. */
export function columnsWanted(query: NamedQuery): readonly string[] | undefined {
  return query.kind === 'tcp' && query.packed ? [EDGE_LABEL] : undefined;
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
export function answerSamples(query: NamedQuery, answer: PrometheusVector | VectorColumns, interner: LabelInterner): TrafficSamples {
  if (query.kind === 'tcp' && query.packed) {
    const { labels, values } = Array.isArray(answer) ? columnsOf(answer, [EDGE_LABEL]) : answer;
    return { tcp: toRecordedTcpSamples(query.metric, labels[0] ?? [], values, query.packed, interner), http: [], latency: [] };
  }
  // Only a recorded edge answer is read as columns (columnsWanted).
  const vector = Array.isArray(answer) ? answer : [];
  if (query.kind === 'tcp') return { tcp: toTcpSamples(query.metric, vector, undefined, query.proxy, interner), http: [], latency: [] };
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
