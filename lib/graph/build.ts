import type { Inventory } from './inventory';
import type { MeshGraph } from './model';
import type { TrafficSamples } from './samples';
import { indexInventory } from './inventory-index';
import type { GraphOptions, WorkGraph } from './work';
import { dedupeHttp, dedupeTcpReporters } from './passes/dedupe';
import { mergeWaypointHops } from './passes/waypoint-merge';
import { touchesNamespaces } from './passes/select-namespaces';
import { addTcpEdges } from './passes/tcp-edges';
import { chooseHttpViews, chooseLatencyViews, chooseTcpViews } from './passes/sidecar-views';
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

  // Sidecars first: one proxy's view per edge, then ztunnel's two reporters as before.
  const tcpViews = chooseTcpViews(samples.tcp);
  let tcp = dedupeTcpReporters(tcpViews);
  if (options.waypoints === 'merge') tcp = mergeWaypointHops(tcp, graph.inventory);
  addTcpEdges(graph, tcp.filter(touches));
  const http = chooseHttpViews(dedupeHttp(samples.http), tcpViews);
  addHttpEdges(graph, http.filter(touches), chooseLatencyViews(samples.latency, http));

  oneEdgePerHop(graph);
  if (options.idle) addIdleNodes(graph);
  markOutside(graph);
  hideInaccessible(graph);
  return finalize(graph);
}
