import { emptyHttp, mergeEdgeInto, type EdgeAcc, type WorkGraph } from '@/lib/graph/work';
import { edgeId } from '@/lib/graph/ids';
import { SmallSet } from '@/lib/graph/small-set';

// Waypoints drawn once. ztunnel reports the L4 hops (client -> waypoint -> backend, or one merged
// client -> backend edge), the waypoint reports L7 client -> backend: left alone, the same traffic
// is drawn twice. This pass gives each hop one edge carrying both its L4 and its L7 figures:
// - waypoints=show: each L7 edge through a drawn waypoint is added to its two hops
//   (client -> waypoint, waypoint -> backend); no direct client -> backend edge remains.
// - waypoints=merge and everywhere else: an L4 edge and an L7 edge between the same nodes through
//   the same waypoint become one edge (the L7 protocol, the L4 bytes and mTLS share).

/** The waypoint node an L7 edge went through, when it is drawn ("namespace/name" -> node id). */
function waypointNodeOf(graph: WorkGraph, edge: EdgeAcc): string | undefined {
  if (!edge.waypoint) return undefined;
  const [namespace, name] = edge.waypoint.split('/');
  const id = `wl:${edge.destinationCluster}:${namespace}:${name}`;
  return graph.nodes.has(id) && id !== edge.source && id !== edge.target ? id : undefined;
}

function l7Hop(graph: WorkGraph, from: EdgeAcc, source: string, target: string): EdgeAcc {
  const id = edgeId(from.protocol, source, target);
  let hop = graph.edges.get(id);
  if (!hop) {
    hop = {
      id,
      source,
      target,
      protocol: from.protocol,
      sourceCluster: from.sourceCluster,
      destinationCluster: from.destinationCluster,
      sourcePrincipals: new SmallSet(),
      destinationPrincipals: new SmallSet(),
      plaintextHints: new SmallSet(),
      reporters: new SmallSet(),
    };
    graph.edges.set(id, hop);
  }
  return hop;
}

/** Adds only the L7 sums of `from` (the L4 sums of a hop come from ztunnel's own series). */
function addL7(hop: EdgeAcc, from: EdgeAcc): void {
  if (!from.http) return;
  mergeEdgeInto(hop, { ...from, tcp: undefined, sourcePrincipals: new SmallSet(), destinationPrincipals: new SmallSet() });
  hop.http ??= emptyHttp();
}

function splitOntoHops(graph: WorkGraph): void {
  for (const edge of [...graph.edges.values()]) {
    if (edge.protocol === 'tcp' || edge.tcp) continue;
    const waypoint = waypointNodeOf(graph, edge);
    if (!waypoint) continue;
    const inbound = l7Hop(graph, edge, edge.source, waypoint);
    addL7(inbound, edge);
    edge.sourcePrincipals.forEach((p) => inbound.sourcePrincipals.add(p));
    const outbound = l7Hop(graph, edge, waypoint, edge.target);
    addL7(outbound, edge);
    edge.destinationPrincipals.forEach((p) => outbound.destinationPrincipals.add(p));
    graph.edges.delete(edge.id);
  }
}

/** Folds each L4 edge into the L7 edge between the same nodes through the same waypoint. */
function foldL4IntoL7(graph: WorkGraph): void {
  // Nothing to fold into in a graph of L4 edges alone (most of a large mesh): skip the node lookups.
  let l7 = false;
  for (const edge of graph.edges.values()) if (edge.protocol !== 'tcp') l7 = true;
  if (!l7) return;
  for (const edge of [...graph.edges.values()]) {
    // Only traffic through a waypoint: elsewhere (sidecars beside ambient) L4 and L7 stay two views.
    const hop = graph.nodes.get(edge.source)?.flags.waypoint === true || graph.nodes.get(edge.target)?.flags.waypoint === true;
    if (edge.protocol !== 'tcp' || (!edge.waypoint && !hop)) continue;
    const l7 = graph.edges.get(edgeId('http', edge.source, edge.target, edge.waypoint)) ?? graph.edges.get(edgeId('grpc', edge.source, edge.target, edge.waypoint));
    if (!l7) continue;
    mergeEdgeInto(l7, edge);
    graph.edges.delete(edge.id);
  }
}

export function oneEdgePerHop(graph: WorkGraph): void {
  if (graph.options.waypoints === 'show') splitOntoHops(graph);
  foldL4IntoL7(graph);
}
