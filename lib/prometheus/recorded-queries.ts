import type { TcpMetric, TrafficQuery } from '@/lib/graph/samples';
import { HTTP_GROUP_BY, LATENCY_GROUP_BY, QUANTILES, TCP_GROUP_BY, TCP_METRICS, waypointBranches, ZTUNNEL, ztunnelOnly, type NamedQuery } from './graph-queries';
import { assertNamespaces, or, selector, type Matcher } from './promql';

// The graph's ztunnel and waypoint queries over the recording rules of
// deploy/prometheus/ambient-lens.rules.yaml (the Envoy sidecar queries stay raw: sidecar meshes are
// the small part, and their series carry `reporter` views the rules would have to keep apart).
// Each rule records, every 30 s, `sum by (reporter, <the graph's labels>) (rate(<counter>{<whose>}[2m]))`,
// <whose> being ztunnel's own series (app="ztunnel": sidecars report istio_tcp_* too) or the
// waypoints' (reporter="waypoint"). The per-pod rate is taken BEFORE the sum, so a restarting pod
// (a counter reset) is handled by rate() on its own series, as in the raw queries. The graph then
// averages the recorded rate over its window: avg_over_time(r[d]) is the mean of the 2-minute rates
// across d, which equals the raw rate(x[d]) for steady traffic and differs only by how the first
// and last 2 minutes are weighted (at most 2m/d of the window, 3% at the default 10 minutes).
// Prometheus reads a few thousand recorded series instead of every pod's raw series.

export const RULE_INTERVAL_SECONDS = 30;
export const RULE_RATE_RANGE = '2m';

export const recordedName = (metric: string) => `ambient_lens:${metric}:rate${RULE_RATE_RANGE}`;

const WAYPOINT: Matcher = ['reporter', '=', 'waypoint'];

/** What each rule records: its name, the raw counter, whose series it reads and the labels it keeps. */
export function recordingRules(): { record: string; metric: string; matcher: Matcher; by: string[] }[] {
  const tcp = (Object.keys(TCP_METRICS) as TcpMetric[]).map((m) => ({ metric: TCP_METRICS[m], matcher: ZTUNNEL, by: TCP_GROUP_BY[m] }));
  return [
    ...tcp,
    { metric: 'istio_requests_total', matcher: WAYPOINT, by: HTTP_GROUP_BY },
    { metric: 'istio_request_duration_milliseconds_bucket', matcher: WAYPOINT, by: LATENCY_GROUP_BY },
  ].map(({ metric, matcher, by }) => ({ record: recordedName(metric), metric, matcher, by: ['reporter', ...by] }));
}

/** A rule's PromQL, as deploy/ holds it. */
export function ruleExpr(rule: ReturnType<typeof recordingRules>[number]): string {
  return `sum by (${rule.by.join(', ')}) (rate(${selector(rule.metric, [rule.matcher])}[${RULE_RATE_RANGE}]))`;
}

function sumAvgBy(labels: readonly string[], recordedSelector: string, durationSeconds: number): string {
  if (!Number.isInteger(durationSeconds) || durationSeconds <= 0) throw new RangeError(`bad duration ${durationSeconds}`);
  return `sum by (${labels.join(',')}) (avg_over_time(${recordedSelector}[${durationSeconds}s]))`;
}

/** graphQueries(), with the same ids, kinds and answers' labels, over the recorded series. */
export function recordedGraphQueries(query: TrafficQuery): NamedQuery[] {
  assertNamespaces(query.namespaces);
  const d = query.duration;
  const tcp = (Object.keys(TCP_METRICS) as TcpMetric[]).map((metric): NamedQuery => ({
    id: `tcp_${metric}`,
    kind: 'tcp',
    metric,
    promql: `${or(ztunnelOnly(query.namespaces).map((m) => sumAvgBy(TCP_GROUP_BY[metric], selector(recordedName(TCP_METRICS[metric]), m), d)))} > 0`,
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
