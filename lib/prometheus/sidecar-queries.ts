import type { TcpMetric, TrafficQuery } from '@/lib/graph/samples';
import { inSet, or, selector, sumRateBy, type Matcher } from './promql';
import { HTTP_GROUP_BY, LATENCY_GROUP_BY, QUANTILES, TCP_GROUP_BY, TCP_METRICS, type NamedQuery } from './graph-queries';

// Envoy sidecars' series, beside ztunnel's and the waypoint's: a CONSTANT number of extra queries
// (4 TCP, 1 HTTP, 3 latency) whatever the namespace count. Unlike the ztunnel queries, `reporter`
// stays in the group-by: a client sidecar ("source", policy `unknown`) and a server sidecar
// ("destination", `mutual_tls`/`none`) label the same request differently, so `or` could not fold
// them; the graph core picks one view per edge (lib/graph/passes/sidecar-views.ts).
// Envoy and ztunnel share the istio_tcp_* names and reporter values: the scrape target's `app`
// label tells them apart (ztunnel pods are `app="ztunnel"`), as Kiali's own queries do.

export const NOT_ZTUNNEL: Matcher = ['app', '!=', 'ztunnel'];
const SIDECAR_REPORTERS: Matcher = ['reporter', '=~', 'destination|source'];

/** Traffic into R, out of R, and into R's services with no workload; `or` folds the overlap. */
function sidecarBranches(namespaces: readonly string[]): Matcher[][] {
  if (namespaces.length === 0) return [[SIDECAR_REPORTERS]];
  return [
    [SIDECAR_REPORTERS, inSet('destination_workload_namespace', namespaces)],
    [SIDECAR_REPORTERS, inSet('source_workload_namespace', namespaces)],
    [SIDECAR_REPORTERS, ['destination_workload_namespace', '=', 'unknown'], inSet('destination_service_namespace', namespaces)],
  ];
}

export function sidecarQueries(query: TrafficQuery): NamedQuery[] {
  const d = query.duration;
  const branches = sidecarBranches(query.namespaces);
  const tcp = (Object.keys(TCP_METRICS) as TcpMetric[]).map((metric): NamedQuery => ({
    id: `sidecar_tcp_${metric}`,
    kind: 'tcp',
    metric,
    proxy: 'sidecar',
    promql: `${or(branches.map((m) => sumRateBy(['reporter', ...TCP_GROUP_BY[metric]], selector(TCP_METRICS[metric], [...m, NOT_ZTUNNEL]), d)))} > 0`,
  }));
  const http: NamedQuery = {
    id: 'sidecar_http_requests',
    kind: 'http',
    promql: `${or(branches.map((m) => sumRateBy(['reporter', ...HTTP_GROUP_BY], selector('istio_requests_total', m), d)))} > 0`,
  };
  const buckets = or(branches.map((m) => sumRateBy(['reporter', ...LATENCY_GROUP_BY], selector('istio_request_duration_milliseconds_bucket', m), d)));
  const latency = QUANTILES.map((quantile): NamedQuery => ({
    id: `sidecar_latency_p${Math.round(quantile * 100)}`,
    kind: 'latency',
    quantile,
    promql: `histogram_quantile(${quantile}, ${buckets})`,
  }));
  return [...tcp, http, ...latency];
}
