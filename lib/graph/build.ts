import type { Inventory } from './inventory';
import type { MeshGraph } from './model';
import type { TrafficSamples } from './samples';
import { inventoryIndexOf } from './inventory-index';
import { LabelIds } from './label-ids';
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
  const graph: WorkGraph = { options, inventory: inventoryIndexOf(inventory), nodes: new Map(), edges: new Map(), warnings: [] };
  const touches = touchesNamespaces(options.namespaces);

  // Sidecars first: one proxy's view per edge, then ztunnel's two reporters as before.
  // Label tuples get their ids once per build, shared by the passes that choose views (the TCP pass
  // tells series apart by object: passes/tcp-edges.ts).
  const ids = new LabelIds();
  // The agg3 queries' answers (ztunnel only, one view per edge) need neither step: one look at each sample.
  const chosen = samples.tcp.every((s) => s.reporter === undefined && s.proxy === undefined);
  const tcpViews = chosen ? samples.tcp : chooseTcpViews(samples.tcp, ids);
  let tcp = chosen ? samples.tcp : dedupeTcpReporters(tcpViews, ids);
  if (options.waypoints === 'merge') tcp = mergeWaypointHops(tcp, graph.inventory);
  addTcpEdges(graph, tcp, touches);
  const http = chooseHttpViews(dedupeHttp(samples.http, ids), tcpViews, ids);
  addHttpEdges(graph, http.filter(touches), chooseLatencyViews(samples.latency, http));

  oneEdgePerHop(graph);
  if (options.idle) addIdleNodes(graph);
  markOutside(graph);
  hideInaccessible(graph);
  return finalize(graph);
}
