import type { EdgeSecurity, GraphEdge, GraphNode, MeshGraph, TcpEdgeTraffic, WorkloadNode } from './model';

// Derived facts of a MeshGraph, defined once for the server, the browser and the CLI: an edge's
// bytes, its effective mTLS share, and constant-time look-ups of nodes, edges and neighbours. Pure.

type TcpBytes = Pick<TcpEdgeTraffic, 'clientToServerBps' | 'serverToClientBps'>;

/**
 * Bytes per second an edge carried, both directions (client -> server plus server -> client);
 * 0 on edges without TCP figures (HTTP edges count requests, not bytes). Takes the graph
 * builder's raw sums as well, so the wire figures and the sums they come from agree.
 */
export function edgeBytes(edge: { tcp?: TcpBytes | undefined }): number {
  return edge.tcp ? edge.tcp.clientToServerBps + edge.tcp.serverToClientBps : 0;
}

/**
 * The share an edge is judged by: of bytes (of requests on HTTP edges) first; an edge that
 * opened connections but moved no bytes falls back to the connection share. null: nothing to judge.
 */
export function effectiveMtlsShare(security: Pick<EdgeSecurity, 'mtlsShare' | 'mtlsShareByConnections'>): number | null {
  return security.mtlsShare ?? security.mtlsShareByConnections;
}

/** The namespace a node belongs to; external and unknown peers belong to none. */
export function nodeNamespace(node: GraphNode | undefined): string | undefined {
  if (!node || node.kind === 'external' || node.kind === 'unknown') return undefined;
  return node.namespace || undefined;
}

export interface GraphLookup {
  node(id: string): GraphNode | undefined;
  edge(id: string): GraphEdge | undefined;
  /** The workload node namespace/name (the first one, when several clusters have it). */
  workload(namespace: string, name: string): WorkloadNode | undefined;
  /** Edges whose destination is the node, in graph order. */
  inbound(id: string): readonly GraphEdge[];
  /** Edges whose source is the node, in graph order. */
  outbound(id: string): readonly GraphEdge[];
}

type Indexed = Pick<MeshGraph, 'nodes' | 'edges'>;

const none: readonly GraphEdge[] = [];

function build(graph: Indexed): GraphLookup {
  const nodes = new Map<string, GraphNode>();
  const workloads = new Map<string, WorkloadNode>();
  const edges = new Map<string, GraphEdge>();
  const inbound = new Map<string, GraphEdge[]>();
  const outbound = new Map<string, GraphEdge[]>();
  // First wins everywhere, as Array.find did where these were written by hand.
  for (const n of graph.nodes) {
    if (!nodes.has(n.id)) nodes.set(n.id, n);
    if (n.kind === 'workload' && !workloads.has(`${n.namespace}/${n.workload}`)) workloads.set(`${n.namespace}/${n.workload}`, n);
  }
  const push = (index: Map<string, GraphEdge[]>, id: string, e: GraphEdge) => {
    const list = index.get(id);
    if (list) list.push(e);
    else index.set(id, [e]);
  };
  for (const e of graph.edges) {
    if (!edges.has(e.id)) edges.set(e.id, e);
    push(outbound, e.source, e);
    push(inbound, e.target, e);
  }
  return {
    node: (id) => nodes.get(id),
    edge: (id) => edges.get(id),
    workload: (namespace, name) => workloads.get(`${namespace}/${name}`),
    inbound: (id) => inbound.get(id) ?? none,
    outbound: (id) => outbound.get(id) ?? none,
  };
}

// Components, posture modules and the CLI all ask about the same MeshGraph object (React Query hands
// out one per response): index it once. Keyed on the arrays too, so a graph given new arrays is re-indexed.
const cache = new WeakMap<Indexed, { nodes: GraphNode[]; edges: GraphEdge[]; lookup: GraphLookup }>();

/**
 * Constant-time look-ups into a graph, built on first use and kept while the graph lives.
 * A MeshGraph is a value: build a new one (or new arrays) rather than pushing into these.
 */
export function graphLookup(graph: Indexed): GraphLookup {
  const hit = cache.get(graph);
  if (hit && hit.nodes === graph.nodes && hit.edges === graph.edges) return hit.lookup;
  const lookup = build(graph);
  cache.set(graph, { nodes: graph.nodes, edges: graph.edges, lookup });
  return lookup;
}

/** What an edge's traffic is counted in: bytes/s on L4 edges, requests/s on L7 edges. */
export function edgeVolume(edge: GraphEdge): number {
  return edge.protocol === 'tcp' ? edgeBytes(edge) : (edge.http?.requestsPerSec ?? 0);
}

/**
 * Traffic distribution (Kiali's "traffic distribution" label): the edge's share of its source's
 * outbound traffic of the same layer (bytes among L4 edges, requests among L7 edges, which are not
 * comparable). null when the source sent nothing of that layer.
 */
export function outboundShare(graph: Indexed, edge: GraphEdge): number | null {
  const layer = (e: GraphEdge) => e.protocol === 'tcp';
  let total = 0;
  for (const e of graphLookup(graph).outbound(edge.source)) if (layer(e) === layer(edge)) total += edgeVolume(e);
  return total > 0 ? edgeVolume(edge) / total : null;
}
