import type { TcpMetric, TrafficQuery } from '@/lib/graph/samples';
import { assertNamespaces, inSet, or, selector, sumRateBy, type Matcher } from './promql';
import { sidecarQueries } from './sidecar-queries';

// The queries behind one graph: a CONSTANT number whatever the namespace count ("agg3",
// perf/prometheus-query-cost.md). Each selector is partitioned by reporter so every series is read
// at most once, and `reporter` is left out of the group-by so that `or` returns each edge once: the
// destination ztunnel's view when there is one, else the client's (non-mesh or unserviced destinations).

export const TCP_METRICS: Record<TcpMetric, string> = {
  receivedBytes: 'istio_tcp_received_bytes_total',
  sentBytes: 'istio_tcp_sent_bytes_total',
  connectionsOpened: 'istio_tcp_connections_opened_total',
  connectionsClosed: 'istio_tcp_connections_closed_total',
};

const SOURCE = ['source_cluster', 'source_workload_namespace', 'source_workload', 'source_canonical_service', 'source_canonical_revision'];
const DESTINATION = [
  'destination_cluster', 'destination_service', 'destination_service_namespace', 'destination_service_name',
  'destination_workload_namespace', 'destination_workload', 'destination_canonical_service', 'destination_canonical_revision',
];
const PRINCIPALS = ['source_principal', 'destination_principal'];

/** Bytes carry principals and policy; connection counters only what they need (smaller answers). */
export const TCP_GROUP_BY: Record<TcpMetric, string[]> = {
  receivedBytes: [...SOURCE, ...DESTINATION, ...PRINCIPALS, 'connection_security_policy'],
  sentBytes: [...SOURCE, ...DESTINATION, ...PRINCIPALS, 'connection_security_policy'],
  connectionsOpened: [...SOURCE, ...DESTINATION, 'connection_security_policy'],
  connectionsClosed: [...SOURCE, ...DESTINATION, 'response_flags'],
};

export const HTTP_GROUP_BY = [
  ...SOURCE, ...DESTINATION, ...PRINCIPALS,
  'request_protocol', 'response_code', 'grpc_response_status', 'response_flags', 'connection_security_policy',
];
export const LATENCY_GROUP_BY = ['le', 'source_cluster', 'source_workload_namespace', 'source_workload', 'destination_cluster', 'destination_workload_namespace', 'destination_workload'];
export const QUANTILES = [0.5, 0.95, 0.99] as const;

export type GraphQueryKind =
  /** packed: the answer's labels joined into one `edge` label, in this order (recorded-queries.ts). */
  | { kind: 'tcp'; metric: TcpMetric; proxy?: 'sidecar'; packed?: readonly string[] }
  | { kind: 'http' }
  | { kind: 'latency'; quantile: (typeof QUANTILES)[number] };

export type NamedQuery = GraphQueryKind & { id: string; promql: string };

/**
 * ztunnel selectors, disjoint per reporter so each series is read once: the destination's view of
 * traffic into R and of traffic out of R (the only view when the client in R is not in the mesh),
 * the client's view of traffic out of R (the only view when the server is not in the mesh), and
 * unserviced calls into R.
 */
function ztunnelBranches(namespaces: readonly string[]): Matcher[][] {
  return ztunnelOnly(namespaces).map((m) => [...m, ZTUNNEL]);
}

/** Envoy sidecars report istio_tcp_* too (sidecar-queries.ts reads them): keep ztunnel's own series. */
export const ZTUNNEL: Matcher = ['app', '=', 'ztunnel'];

/** The ztunnel branches without the scrape target's `app` matcher. */
function ztunnelOnly(namespaces: readonly string[]): Matcher[][] {
  if (namespaces.length === 0) return [[['reporter', '=', 'destination']], [['reporter', '=', 'source']]];
  return [
    [['reporter', '=', 'destination'], inSet('destination_workload_namespace', namespaces)],
    [['reporter', '=', 'destination'], inSet('source_workload_namespace', namespaces), inSet('destination_workload_namespace', namespaces, true)],
    [['reporter', '=', 'source'], inSet('source_workload_namespace', namespaces)],
    [
      ['reporter', '=', 'source'],
      inSet('source_workload_namespace', namespaces, true),
      ['destination_workload_namespace', '=', 'unknown'],
      inSet('destination_service_namespace', namespaces),
    ],
    // Calls into R from elsewhere that no ztunnel in R saw: the server has a sidecar (its Envoy reports
    // L7 / its own TCP), so the client's ztunnel is the only L4 view. Where both ztunnels report,
    // their series have the same labels and `or` keeps the destination's (first branch).
    [['reporter', '=', 'source'], inSet('source_workload_namespace', namespaces, true), inSet('destination_workload_namespace', namespaces)],
  ];
}

/** A waypoint reports each request once: into R, or from R to elsewhere. */
export function waypointBranches(namespaces: readonly string[]): Matcher[][] {
  if (namespaces.length === 0) return [[['reporter', '=', 'waypoint']]];
  return [
    [['reporter', '=', 'waypoint'], inSet('destination_workload_namespace', namespaces)],
    [['reporter', '=', 'waypoint'], inSet('source_workload_namespace', namespaces), inSet('destination_workload_namespace', namespaces, true)],
  ];
}

/** Whose series a graph query reads. */
export function proxyFamilyOf(q: NamedQuery): 'ztunnel' | 'waypoint' | 'sidecar' {
  if (q.id.startsWith('sidecar_')) return 'sidecar';
  return q.kind === 'tcp' ? 'ztunnel' : 'waypoint';
}

export function graphQueries(query: TrafficQuery): NamedQuery[] {
  assertNamespaces(query.namespaces);
  const d = query.duration;
  const tcp = (Object.keys(TCP_METRICS) as TcpMetric[]).map((metric): NamedQuery => ({
    id: `tcp_${metric}`,
    kind: 'tcp',
    metric,
    promql: `${or(ztunnelBranches(query.namespaces).map((m) => sumRateBy(TCP_GROUP_BY[metric], selector(TCP_METRICS[metric], m), d)))} > 0`,
  }));
  const waypoint = waypointBranches(query.namespaces);
  const http: NamedQuery = {
    id: 'http_requests',
    kind: 'http',
    promql: `${or(waypoint.map((m) => sumRateBy(HTTP_GROUP_BY, selector('istio_requests_total', m), d)))} > 0`,
  };
  const buckets = or(waypoint.map((m) => sumRateBy(LATENCY_GROUP_BY, selector('istio_request_duration_milliseconds_bucket', m), d)));
  const latency = QUANTILES.map((quantile): NamedQuery => ({
    id: `latency_p${Math.round(quantile * 100)}`,
    kind: 'latency',
    quantile,
    promql: `histogram_quantile(${quantile}, ${buckets})`,
  }));
  return [...tcp, http, ...latency, ...sidecarQueries(query)];
}
