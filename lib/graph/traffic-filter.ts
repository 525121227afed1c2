import type { EdgeProtocol, GraphEdge, MeshGraph } from './model';

// The Traffic menu's rule, as Kiali's: which protocols and which telemetry to draw. In ambient the
// two reporters are the two layers of the data plane: ztunnel reports L4 (istio_tcp_*) and a waypoint
// reports L7 (istio_requests_total, HTTP and gRPC). Pure: MeshGraph -> MeshGraph.

export const edgeProtocols = ['http', 'grpc', 'tcp'] as const satisfies readonly EdgeProtocol[];
export const telemetrySources = ['ztunnel', 'waypoint'] as const;
export type TelemetrySource = (typeof telemetrySources)[number];

export interface TrafficFilter {
  protocols: readonly EdgeProtocol[];
  telemetry: readonly TelemetrySource[];
}

export const allTraffic: TrafficFilter = { protocols: edgeProtocols, telemetry: telemetrySources };

/** Who measured an edge: ztunnel's L4 counters, or a waypoint's L7 requests. */
export function telemetrySourceOf(edge: Pick<GraphEdge, 'protocol'>): TelemetrySource {
  return edge.protocol === 'tcp' ? 'ztunnel' : 'waypoint';
}

export function isAllTraffic(filter: TrafficFilter): boolean {
  return edgeProtocols.every((p) => filter.protocols.includes(p)) && telemetrySources.every((s) => filter.telemetry.includes(s));
}

/**
 * Keeps the edges the filter admits. Nodes left without any edge are dropped too, unless they had
 * none to begin with (idle workloads asked for on purpose stay).
 */
export function filterTraffic(graph: MeshGraph, filter: TrafficFilter): MeshGraph {
  if (isAllTraffic(filter)) return graph;
  const edges = graph.edges.filter((e) => filter.protocols.includes(e.protocol) && filter.telemetry.includes(telemetrySourceOf(e)));
  const hadEdges = new Set<string>();
  for (const e of graph.edges) hadEdges.add(e.source).add(e.target);
  const keep = new Set<string>();
  for (const e of edges) keep.add(e.source).add(e.target);
  const nodes = graph.nodes.filter((n) => keep.has(n.id) || !hadEdges.has(n.id));
  return { ...graph, nodes, edges };
}
