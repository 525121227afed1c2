import type { MeshGraph } from '@/lib/graph/model';

// A node graph (drill-down): one node with its inbound and outbound neighbours and the edges between
// the node and them. A waypoint's neighbourhood is what it serves: its clients and the backends it
// forwards to. Pure: MeshGraph -> MeshGraph.

export function focusNeighbourhood(graph: MeshGraph, focus: string): MeshGraph {
  const edges = graph.edges.filter((e) => e.source === focus || e.target === focus);
  const keep = new Set<string>([focus]);
  for (const e of edges) keep.add(e.source).add(e.target);
  const nodes = graph.nodes.filter((n) => keep.has(n.id));
  return { ...graph, nodes, edges };
}
