import type { EdgeReporter, EdgeSecurity, GraphEdge, HttpEdgeTraffic, MeshGraph, TcpEdgeTraffic } from '@/lib/graph/model';
import type { EdgeAcc, HttpSums, WorkGraph } from '@/lib/graph/work';
import { edgeBytes, effectiveMtlsShare } from '@/lib/graph/lookup';
import { plaintextReason } from './security';

// Raw sums -> the wire model: shares, reasons, latency; node totals; stable order.

/** Six decimals: enough for rates and shares, and the output stays byte-stable across runs. */
export function round(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

const REPORTER_ORDER: EdgeReporter[] = ['server-sidecar', 'ztunnel-l4', 'waypoint', 'client-sidecar'];

const share = (part: number, whole: number) => (whole > 0 ? round(Math.min(1, part / whole)) : null);

function latencyOf(h: HttpSums): HttpEdgeTraffic['latencyMs'] {
  if (h.latency.size === 0) return undefined;
  // One workload pair: its quantiles. Several (app / service graphs): the highest, an upper bound.
  const pick = (k: 'p50' | 'p95' | 'p99') => {
    const values = [...h.latency.values()].map((q) => q[k]).filter((v): v is number => v !== null);
    return values.length ? round(Math.max(...values)) : null;
  };
  return { p50: pick('p50'), p95: pick('p95'), p99: pick('p99') };
}

/**
 * One edge's raw sums -> the wire edge: rates rounded, shares, reason. Every object is one literal
 * with every field (undefined where absent, which JSON leaves out): `...(x ? { x } : {})` gave each
 * edge a hidden class of its own (lib/graph/copy.ts) and ~1 KB of allocation.
 */
export function finalizeEdge(e: EdgeAcc): GraphEdge {
  const sourcePrincipals = e.sourcePrincipals.toArray().sort();
  const destinationPrincipals = e.destinationPrincipals.toArray().sort();
  let tcp: TcpEdgeTraffic | undefined;
  let http: HttpEdgeTraffic | undefined;
  let mtlsShare: number | null;
  let mtlsShareByConnections: number | null = null;
  if (e.tcp) {
    const t = e.tcp;
    tcp = {
      clientToServerBps: round(t.clientToServerBps),
      serverToClientBps: round(t.serverToClientBps),
      connectionsOpenedPerSec: round(t.opened),
      connectionsClosedPerSec: round(t.closed),
      deniedPerSec: round(t.denied),
      connectFailedPerSec: round(t.connectFailed),
    };
    mtlsShare = share(t.mtlsBytes, edgeBytes(e));
    mtlsShareByConnections = share(t.mtlsOpened, t.opened);
  } else {
    mtlsShare = e.http ? share(e.http.mtlsRequests, e.http.requests) : null;
  }
  if (e.http) {
    const h = e.http;
    const byClass = { '2xx': round(h.byClass['2xx']), '3xx': round(h.byClass['3xx']), '4xx': round(h.byClass['4xx']), '5xx': round(h.byClass['5xx']), noResponse: round(h.byClass.noResponse) };
    http = { requestsPerSec: round(h.requests), byClass, errorShare: share(h.errors, h.requests) ?? 0, latencyMs: latencyOf(h) };
  }
  const reason = plaintextReason(effectiveMtlsShare({ mtlsShare, mtlsShareByConnections }), e.plaintextHints);
  const security: EdgeSecurity = { mtlsShare, mtlsShareByConnections, sourcePrincipals, destinationPrincipals, reason };
  return {
    id: e.id,
    source: e.source,
    target: e.target,
    protocol: e.protocol,
    tcp,
    http,
    security,
    waypoint: e.waypoint || undefined,
    sourceCluster: e.sourceCluster,
    destinationCluster: e.destinationCluster,
    reporters: e.reporters.size > 0 ? REPORTER_ORDER.filter((r) => e.reporters.has(r)) : undefined,
  };
}

/**
 * A map's values by key (UTF-16 order, as `<` compares); every value is keyed by its own id. The keys
 * are sorted by the built-in comparison rather than a comparator function: 30k long ids that share
 * their prefixes cost ~40 ms through a JS comparator. The map is the index: no second one is built.
 */
function sortedById<T extends { id: string }>(byId: ReadonlyMap<string, T>): T[] {
  return [...byId.keys()].sort().map((id) => {
    const item = byId.get(id) as T;
    if (item.id !== id) throw new Error(`${item.id} is kept under ${id}`);
    return item;
  });
}

export function finalize(graph: WorkGraph): MeshGraph {
  const edges = sortedById(graph.edges).map(finalizeEdge);
  for (const e of edges) {
    const source = graph.nodes.get(e.source);
    const target = graph.nodes.get(e.target);
    if (!source || !target) throw new Error(`edge ${e.id} points at a missing node`);
    if (e.tcp) {
      const bytes = edgeBytes(e);
      source.traffic.tcpOutBps += bytes;
      target.traffic.tcpInBps += bytes;
    }
    if (e.http) {
      source.traffic.httpOutRps += e.http.requestsPerSec;
      target.traffic.httpInRps += e.http.requestsPerSec;
    }
  }
  const nodes = sortedById(graph.nodes);
  for (const n of nodes) {
    n.traffic = { tcpInBps: round(n.traffic.tcpInBps), tcpOutBps: round(n.traffic.tcpOutBps), httpInRps: round(n.traffic.httpInRps), httpOutRps: round(n.traffic.httpOutRps) };
  }
  return {
    graphType: graph.options.graphType,
    namespaces: [...graph.options.namespaces].sort(),
    window: { duration: graph.options.duration, queryTime: graph.options.queryTime },
    nodes,
    edges,
    warnings: graph.warnings,
  };
}
