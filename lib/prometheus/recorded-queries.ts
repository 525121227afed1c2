import type { TcpMetric, TrafficQuery } from '@/lib/graph/samples';
import { HTTP_GROUP_BY, LATENCY_GROUP_BY, QUANTILES, TCP_GROUP_BY, TCP_METRICS, waypointBranches, ZTUNNEL, type NamedQuery } from './graph-queries';
import { assertNamespaces, inSet, or, selector, type Matcher } from './promql';

// The graph's ztunnel and waypoint queries over the recording rules of
// deploy/prometheus/ambient-lens.rules.yaml (the Envoy sidecar queries stay raw: sidecar meshes are
// the small part, and their series carry `reporter` views the rules would have to keep apart).
// Every 30 s the rules record:
// - per TCP counter, ONE series per edge: `sum by (<the graph's labels>) (rate(x{app="ztunnel",
//   reporter="destination"}[2m])) or <the same over reporter="source">`. This is the raw queries'
//   choice (graph-queries.ts: the destination ztunnel's view, else the client's) made once at record
//   time, so a graph reads each edge once instead of both ztunnels' series (half the series: on the
//   5,000-workload mesh 9,005 instead of 17,824 per counter, docs/benchmarks.md).
//   An edge series keeps as labels only the three namespaces a graph selects by (EDGE_SELECT_LABELS),
//   and joins every label the graph reads, in a fixed order, into one label `edge` (label_join,
//   EDGE_SEPARATOR between values; a missing label is an empty part, read as 'unknown' like an empty
//   label). The graph's queries sum by `edge` alone (it holds the namespaces): Prometheus writes one
//   label per series instead of 13 to 16 names and values, and the server reads it in place
//   (vector-scan.ts). On the 5,000-workload mesh a counter's answer fell from 6.5 to 2.2-2.6 MB, and
//   the probe and 4 queries from 1.08-1.43 s to 0.39-0.57 s (docs/benchmarks.md);
// - per waypoint counter, `sum by (reporter, <labels>) (rate(x{reporter="waypoint"}[2m]))`
//   (a waypoint reports each request once);
// - per family a marker, `vector(1)`, which the probe reads (recording-rules.ts) to learn that the
//   family's rules ran at the window's start: one series, where asking for the recorded counters
//   themselves walked every one of them.
// The per-pod rate is taken BEFORE the sum, so a restarting pod (a counter reset) is handled by
// rate() on its own series, as in the raw queries. The graph then averages the recorded rate over
// its window: avg_over_time(r[d]) is the mean of the 2-minute rates across d, which equals the raw
// rate(x[d]) for steady traffic and differs only by how the first and last 2 minutes are weighted
// (a share of at most 2m/d of the window).

export const RULE_INTERVAL_SECONDS = 30;
export const RULE_RATE_RANGE = '2m';

/** The recorded edge series of a ztunnel TCP counter (one per edge, no `reporter`). */
export const recordedEdgeName = (metric: string) => `ambient_lens:${metric}:edge_packed_rate${RULE_RATE_RANGE}`;
/** The recorded series of a waypoint counter. */
export const recordedName = (metric: string) => `ambient_lens:${metric}:rate${RULE_RATE_RANGE}`;
/** Written by each family's rules every evaluation: the probe's evidence that the family is recorded. */
export const RULES_MARKER = { tcp: 'ambient_lens:istio_tcp_edge_rules_loaded', http: 'ambient_lens:istio_requests_rules_loaded' } as const;

const WAYPOINT: Matcher = ['reporter', '=', 'waypoint'];

/** The labels a recorded edge keeps as its own: the namespaces a graph's queries select by. */
export const EDGE_SELECT_LABELS = ['source_workload_namespace', 'destination_workload_namespace', 'destination_service_namespace'] as const;
/**
 * The label holding a recorded edge's other labels, and what separates their values: ASCII DEL, which
 * no Kubernetes name, principal or Istio label value holds, and which JSON writes as it is (a control
 * character such as the unit separator \x1f comes escaped, and every answer's edge would need
 * decoding: ./vector-scan.ts).
 */
export const EDGE_LABEL = 'edge';
export const EDGE_SEPARATOR = '\u007f';
/**
 * The labels joined into `edge` for a TCP counter, in order: every label the graph reads, namespaces
 * included, the source's first, then the destination's, then the rest (policy or flags), so that each
 * peer is one run of `edge` a reader keys on as it is (to-samples.ts).
 */
export function edgePackedLabels(metric: TcpMetric): readonly string[] {
  return EDGE_PARTS.flatMap((part) => TCP_GROUP_BY[metric].filter((l) => edgePart(l) === part));
}
const EDGE_PARTS = ['source', 'destination', 'rest'] as const;
/** Which part of a packed edge a label is in. */
export const edgePart = (l: string): (typeof EDGE_PARTS)[number] => (l.startsWith('source_') ? 'source' : l.startsWith('destination_') ? 'destination' : 'rest');

export interface RecordingRule {
  record: string;
  expr: string;
  family: keyof typeof RULES_MARKER;
}

const rate = (by: readonly string[], metric: string, matchers: Matcher[]) =>
  `sum by (${by.join(', ')}) (rate(${selector(metric, matchers)}[${RULE_RATE_RANGE}]))`;

/** The rules deploy/ holds, in order: the TCP family's (marker first), then the waypoints'. */
export function recordingRules(): RecordingRule[] {
  const tcp = (Object.keys(TCP_METRICS) as TcpMetric[]).map((m): RecordingRule => {
    // label_join's destination, separator (PromQL's escape of EDGE_SEPARATOR) and sources.
    const joined = [EDGE_LABEL, '\\x7f', ...edgePackedLabels(m)].map((x) => `"${x}"`).join(', ');
    const view = (reporter: string) =>
      `sum by (${[...EDGE_SELECT_LABELS, EDGE_LABEL].join(', ')}) (label_join(rate(${selector(TCP_METRICS[m], [ZTUNNEL, ['reporter', '=', reporter]])}[${RULE_RATE_RANGE}]), ${joined}))`;
    return { family: 'tcp', record: recordedEdgeName(TCP_METRICS[m]), expr: `${view('destination')} or ${view('source')}` };
  });
  const http = [
    { metric: 'istio_requests_total', by: HTTP_GROUP_BY },
    { metric: 'istio_request_duration_milliseconds_bucket', by: LATENCY_GROUP_BY },
  ].map(({ metric, by }): RecordingRule => ({ family: 'http', record: recordedName(metric), expr: rate(['reporter', ...by], metric, [WAYPOINT]) }));
  return [
    { family: 'tcp', record: RULES_MARKER.tcp, expr: 'vector(1)' },
    ...tcp,
    { family: 'http', record: RULES_MARKER.http, expr: 'vector(1)' },
    ...http,
  ];
}

function sumAvgBy(labels: readonly string[], recordedSelector: string, durationSeconds: number): string {
  if (!Number.isInteger(durationSeconds) || durationSeconds <= 0) throw new RangeError(`bad duration ${durationSeconds}`);
  return `sum by (${labels.join(',')}) (avg_over_time(${recordedSelector}[${durationSeconds}s]))`;
}

/**
 * The recorded edges a graph of these namespaces R shows, in disjoint parts: into R, out of R to
 * elsewhere, and unserviced calls into R (a client outside R calling a service of R that no workload
 * answered). The same edges as graph-queries.ts's five reporter branches: the reporter choice they
 * make per edge is already made in the recorded series.
 */
export function recordedEdgeBranches(namespaces: readonly string[]): Matcher[][] {
  if (namespaces.length === 0) return [[]];
  return [
    [inSet('destination_workload_namespace', namespaces)],
    [inSet('source_workload_namespace', namespaces), inSet('destination_workload_namespace', namespaces, true)],
    [inSet('source_workload_namespace', namespaces, true), ['destination_workload_namespace', '=', 'unknown'], inSet('destination_service_namespace', namespaces)],
  ];
}

/** graphQueries(), with the same ids, kinds and answers' labels, over the recorded series. */
export function recordedGraphQueries(query: TrafficQuery): NamedQuery[] {
  assertNamespaces(query.namespaces);
  const d = query.duration;
  const edges = recordedEdgeBranches(query.namespaces);
  const tcp = (Object.keys(TCP_METRICS) as TcpMetric[]).map((metric): NamedQuery => ({
    id: `tcp_${metric}`,
    kind: 'tcp',
    metric,
    packed: edgePackedLabels(metric),
    // By `edge` alone: it holds the three namespaces too, so the answer leaves them out (a third of
    // its bytes), and any label a ruler adds (a replica's, a tenant's) is summed away.
    promql: `${or(edges.map((m) => sumAvgBy([EDGE_LABEL], selector(recordedEdgeName(TCP_METRICS[metric]), m), d)))} > 0`,
  }));
  const waypoint = waypointBranches(query.namespaces);
  const http: NamedQuery = {
    id: 'http_requests',
    kind: 'http',
    promql: `${or(waypoint.map((m) => sumAvgBy(HTTP_GROUP_BY, selector(recordedName('istio_requests_total'), m), d)))} > 0`,
  };
  const buckets = or(waypoint.map((m) => sumAvgBy(LATENCY_GROUP_BY, selector(recordedName('istio_request_duration_milliseconds_bucket'), m), d)));
  const latency = QUANTILES.map((quantile): NamedQuery => ({
    id: `latency_p${Math.round(quantile * 100)}`,
    kind: 'latency',
    quantile,
    promql: `histogram_quantile(${quantile}, ${buckets})`,
  }));
  return [...tcp, http, ...latency];
}
