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

/** One edge's raw sums -> the wire edge: rates rounded, shares, reason. */
export function finalizeEdge(e: EdgeAcc): GraphEdge {
  let tcp: TcpEdgeTraffic | undefined;
  let http: HttpEdgeTraffic | undefined;
  let security: EdgeSecurity;
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
    const byBytes = share(t.mtlsBytes, edgeBytes(e));
    const byConnections = share(t.mtlsOpened, t.opened);
    security = { mtlsShare: byBytes, mtlsShareByConnections: byConnections, sourcePrincipals: [], destinationPrincipals: [] };
  } else {
    const h = e.http;
    security = { mtlsShare: h ? share(h.mtlsRequests, h.requests) : null, mtlsShareByConnections: null, sourcePrincipals: [], destinationPrincipals: [] };
  }
  if (e.http) {
    const h = e.http;
    const byClass = { '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0, noResponse: 0 };
    for (const k of Object.keys(byClass) as (keyof typeof byClass)[]) byClass[k] = round(h.byClass[k]);
    const latencyMs = latencyOf(h);
    http = { requestsPerSec: round(h.requests), byClass, errorShare: share(h.errors, h.requests) ?? 0, ...(latencyMs ? { latencyMs } : {}) };
  }
  security.sourcePrincipals = [...e.sourcePrincipals].sort();
  security.destinationPrincipals = [...e.destinationPrincipals].sort();
  const reason = plaintextReason(effectiveMtlsShare(security), e.plaintextHints);
  if (reason) security.reason = reason;
  return {
    id: e.id,
    source: e.source,
    target: e.target,
    protocol: e.protocol,
    ...(tcp ? { tcp } : {}),
    ...(http ? { http } : {}),
    security,
    ...(e.waypoint ? { waypoint: e.waypoint } : {}),
    sourceCluster: e.sourceCluster,
    destinationCluster: e.destinationCluster,
    ...(e.reporters.size > 0 ? { reporters: REPORTER_ORDER.filter((r) => e.reporters.has(r)) } : {}),
  };
}

/**
 * By id (UTF-16 order, as `<` compares). The ids are sorted by the built-in comparison rather than a
 * comparator function: 30k long ids that share their prefixes cost ~40 ms through a JS comparator.
 */
function sortedById<T extends { id: string }>(items: Iterable<T>): T[] {
  const byId = new Map<string, T>();
  for (const item of items) byId.set(item.id, item);
  return [...byId.keys()].sort().map((id) => byId.get(id) as T);
}

export function finalize(graph: WorkGraph): MeshGraph {
  const edges = sortedById([...graph.edges.values()].map(finalizeEdge));
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
  const nodes = sortedById(graph.nodes.values());
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
