import type { WorkGraph } from '@/lib/graph/work';
import { inventoryEndpoint, nodeFor, serviceNode } from './nodes';

// idle=true: inventory workloads (and services, for the service graph) of the selected namespaces
// that carried no traffic in the window. Merged-away waypoints stay hidden.

export function addIdleNodes(graph: WorkGraph): void {
  const selected = new Set(graph.options.namespaces);
  const before = new Set(graph.nodes.keys());
  const { inventory } = graph.inventory;
  for (const w of inventory.workloads) {
    if (!selected.has(w.namespace)) continue;
    if (w.isWaypoint && graph.options.waypoints === 'merge') continue;
    nodeFor(graph, inventoryEndpoint(w), 'destination');
  }
  if (graph.options.graphType === 'service') {
    const clusterOf = (namespace: string) => inventory.workloads.find((w) => w.namespace === namespace)?.cluster ?? inventory.workloads[0]?.cluster ?? 'unknown';
    for (const s of inventory.services) {
      if (selected.has(s.namespace)) serviceNode(graph, clusterOf(s.namespace), s.namespace, s.name, s.hostname);
    }
  }
  for (const [id, node] of graph.nodes) {
    if (!before.has(id)) node.flags.idle = true;
  }
}
