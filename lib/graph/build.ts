import type { Inventory } from './inventory';
import type { MeshGraph } from './model';
import type { TrafficSamples } from './samples';
import { indexInventory } from './inventory-index';
import type { GraphOptions, WorkGraph } from './work';
import { dedupeHttp, dedupeTcpReporters } from './passes/dedupe';
import { mergeWaypointHops } from './passes/waypoint-merge';
import { touchesNamespaces } from './passes/select-namespaces';
import { addTcpEdges } from './passes/tcp-edges';
import { addHttpEdges } from './passes/http-edges';
import { oneEdgePerHop } from './passes/one-edge-per-hop';
import { addIdleNodes } from './passes/idle-nodes';
import { hideInaccessible, markOutside } from './passes/visibility';
import { finalize } from './passes/finalize';

export type { GraphOptions } from './work';

/** Samples + inventory -> the traffic graph. Pure and deterministic: same input, same JSON. */
export function buildGraph(samples: TrafficSamples, inventory: Inventory, options: GraphOptions): MeshGraph {
  const graph: WorkGraph = { options, inventory: indexInventory(inventory), nodes: new Map(), edges: new Map(), warnings: [] };
  const touches = touchesNamespaces(options.namespaces);

  let tcp = dedupeTcpReporters(samples.tcp);
  if (options.waypoints === 'merge') tcp = mergeWaypointHops(tcp, graph.inventory);
  addTcpEdges(graph, tcp.filter(touches));
  addHttpEdges(graph, dedupeHttp(samples.http).filter(touches), samples.latency);

  oneEdgePerHop(graph);
  if (options.idle) addIdleNodes(graph);
  markOutside(graph);
  hideInaccessible(graph);
  return finalize(graph);
}
