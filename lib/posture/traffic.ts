// Traffic figures from a MeshGraph: mesh-wide mTLS shares (by bytes and by connections), and per
// namespace inbound/outbound throughput with the mTLS share of the bytes touching it. Pure.
import { edgeBytes, graphLookup, nodeNamespace } from '@/lib/graph/lookup';
import type { GraphEdge, MeshGraph } from '@/lib/graph/model';

export interface TrafficTotals {
  /** Bytes per second, both directions, over TCP edges. */
  bytesPerSec: number;
  mtlsBytesPerSec: number;
  /** 0..1; null when no bytes flowed. */
  mtlsShare: number | null;
  connectionsPerSec: number;
  mtlsConnectionsPerSec: number;
  mtlsShareByConnections: number | null;
  deniedPerSec: number;
  /** Edges that carried plaintext (a reason is set). */
  plaintextEdges: number;
  edges: number;
}

export interface NamespaceTraffic extends TrafficTotals {
  namespace: string;
  /** Bytes/s on edges whose server is in the namespace. */
  inboundBps: number;
  /** Bytes/s on edges whose client is in the namespace. */
  outboundBps: number;
}

const ratio = (part: number, whole: number): number | null => (whole > 0 ? Math.min(1, part / whole) : null);

function emptyTotals(): TrafficTotals {
  return { bytesPerSec: 0, mtlsBytesPerSec: 0, mtlsShare: null, connectionsPerSec: 0, mtlsConnectionsPerSec: 0, mtlsShareByConnections: null, deniedPerSec: 0, plaintextEdges: 0, edges: 0 };
}

function add(t: TrafficTotals, e: GraphEdge): void {
  t.edges += 1;
  if (e.security.reason) t.plaintextEdges += 1;
  if (!e.tcp) return;
  const bytes = edgeBytes(e);
  t.bytesPerSec += bytes;
  t.mtlsBytesPerSec += bytes * (e.security.mtlsShare ?? 0);
  t.connectionsPerSec += e.tcp.connectionsOpenedPerSec;
  t.mtlsConnectionsPerSec += e.tcp.connectionsOpenedPerSec * (e.security.mtlsShareByConnections ?? 0);
  t.deniedPerSec += e.tcp.deniedPerSec;
}

function finish<T extends TrafficTotals>(t: T): T {
  t.mtlsShare = ratio(t.mtlsBytesPerSec, t.bytesPerSec);
  t.mtlsShareByConnections = ratio(t.mtlsConnectionsPerSec, t.connectionsPerSec);
  return t;
}

export interface MeshTraffic {
  totals: TrafficTotals;
  byNamespace: Map<string, NamespaceTraffic>;
}

export function meshTraffic(graph: MeshGraph): MeshTraffic {
  const nodes = graphLookup(graph);
  const totals = emptyTotals();
  const byNamespace = new Map<string, NamespaceTraffic>();
  const of = (namespace: string): NamespaceTraffic => {
    let t = byNamespace.get(namespace);
    if (!t) {
      t = { ...emptyTotals(), namespace, inboundBps: 0, outboundBps: 0 };
      byNamespace.set(namespace, t);
    }
    return t;
  };
  for (const e of graph.edges) {
    add(totals, e);
    const src = nodeNamespace(nodes.node(e.source));
    const dst = nodeNamespace(nodes.node(e.target));
    const bytes = edgeBytes(e);
    if (src) of(src).outboundBps += bytes;
    if (dst) of(dst).inboundBps += bytes;
    for (const ns of new Set([src, dst])) if (ns) add(of(ns), e);
  }
  finish(totals);
  for (const t of byNamespace.values()) finish(t);
  return { totals, byNamespace };
}
