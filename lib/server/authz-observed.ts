// The graph's observed traffic as lib/authz's ObservedEdge (pure): what the lint compares with the
// policies (AUTHZ030 denied edges, AUTHZ031 contradictions, AUTHZ032 plaintext into STRICT). Read from
// a workload graph with waypoints merged, so each edge runs from the client to the backend; an edge
// that went through a waypoint gets the Service in front of the backend that uses that waypoint, so the
// evaluator puts the waypoint on the path (and the backend's ztunnel sees the waypoint's identity).
import { meshIndex, serviceWaypoint, type AuthzInput, type ObservedEdge } from '@/lib/authz';
import type { GraphNode, MeshGraph } from '@/lib/graph/model';

function sourceOf(node: GraphNode): ObservedEdge['source'] | undefined {
  if (node.kind === 'workload') return { kind: 'workload', namespace: node.namespace, name: node.workload };
  // A client the destination ztunnel could not name: plaintext from outside the mesh.
  if (node.kind === 'unknown') return { kind: 'plaintext' };
  return undefined;
}

export function observedEdges(graph: MeshGraph, input: AuthzInput): ObservedEdge[] {
  const nodes = new Map(graph.nodes.map((n) => [n.id, n]));
  const index = meshIndex(input);
  const out: ObservedEdge[] = [];
  for (const e of graph.edges) {
    const from = nodes.get(e.source);
    const to = nodes.get(e.target);
    if (!from || !to || to.kind !== 'workload' || !e.tcp) continue;
    const source = sourceOf(from);
    if (!source) continue;
    const denied = e.tcp.deniedPerSec;
    const accepted = Math.max(0, e.tcp.connectionsOpenedPerSec - denied - e.tcp.connectFailedPerSec);
    if (denied <= 0 && accepted <= 0 && e.tcp.clientToServerBps <= 0) continue;
    const backend = index.workload(to.namespace, to.workload);
    const viaWaypoint = e.waypoint && backend ? index.servicesOf(backend).find((s) => serviceWaypoint(index, s).ref === e.waypoint) : undefined;
    out.push({
      source,
      destination: { namespace: to.namespace, name: to.workload },
      ...(viaWaypoint ? { service: { namespace: viaWaypoint.namespace, name: viaWaypoint.name } } : {}),
      denied,
      // Bytes that flowed are accepted traffic even when no connection opened in the window.
      accepted: accepted > 0 ? accepted : e.tcp.clientToServerBps > 0 ? 1 : 0,
      mtlsShare: e.security.mtlsShare,
    });
  }
  return out;
}
