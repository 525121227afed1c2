import type { GraphEdge, PlaintextReason } from './model';
import { edgeId } from './ids';
import { SmallSet } from './small-set';
import { edgeBytes } from './lookup';
import { emptyHttp, emptyTcp, mergeEdgeInto, type EdgeAcc } from './work';
import { finalizeEdge } from './passes/finalize';

// Merging finished (wire) edges, as the browser does when it collapses a namespace or an app: each
// edge goes back to the raw sums it was finalized from, the sums are added as the graph passes add
// them (work.ts), and the total is finalized once more. So a merged edge's shares and reason follow
// the same rules as an edge the server merged: shares weighted by bytes, connections and requests.

/** A wire edge as raw sums: each share times what it is a share of. */
function toSums(e: GraphEdge): EdgeAcc {
  const hints = new SmallSet<PlaintextReason>(e.security.reason ? [e.security.reason] : []);
  const acc: EdgeAcc = {
    id: e.id,
    source: e.source,
    target: e.target,
    protocol: e.protocol,
    sourceCluster: e.sourceCluster,
    destinationCluster: e.destinationCluster,
    sourcePrincipals: new SmallSet(e.security.sourcePrincipals),
    destinationPrincipals: new SmallSet(e.security.destinationPrincipals),
    plaintextHints: hints,
    reporters: new SmallSet(e.reporters ?? []),
  };
  if (e.tcp) {
    const t = e.tcp;
    acc.tcp = {
      ...emptyTcp(),
      clientToServerBps: t.clientToServerBps,
      serverToClientBps: t.serverToClientBps,
      mtlsBytes: (e.security.mtlsShare ?? 0) * edgeBytes(e),
      opened: t.connectionsOpenedPerSec,
      mtlsOpened: (e.security.mtlsShareByConnections ?? 0) * t.connectionsOpenedPerSec,
      closed: t.connectionsClosedPerSec,
      denied: t.deniedPerSec,
      connectFailed: t.connectFailedPerSec,
    };
  }
  if (e.http) {
    const h = e.http;
    const http = emptyHttp();
    http.requests = h.requestsPerSec;
    // On an edge with TCP figures the share is of bytes; the requests' share is not known then.
    http.mtlsRequests = e.tcp ? 0 : (e.security.mtlsShare ?? 0) * h.requestsPerSec;
    http.errors = h.errorShare * h.requestsPerSec;
    http.byClass = { ...h.byClass };
    if (h.latencyMs) http.latency.set(e.id, h.latencyMs);
    acc.http = http;
  }
  return acc;
}

/**
 * One edge from source to target carrying the sum of parts (all of one protocol). Percentiles cannot
 * be added, so the highest of the parts' is kept: an honest upper bound. The waypoint is kept when
 * every part went through the same one.
 */
export function mergeEdges(parts: readonly GraphEdge[], ends: { source: string; target: string }): GraphEdge {
  const first = parts[0];
  if (!first) throw new Error(`no edges to merge from ${ends.source} to ${ends.target}`);
  const waypoints = new Set(parts.map((p) => p.waypoint));
  const waypoint = waypoints.size === 1 ? first.waypoint : undefined;
  const merged: EdgeAcc = {
    id: edgeId(first.protocol, ends.source, ends.target, waypoint),
    source: ends.source,
    target: ends.target,
    protocol: first.protocol,
    ...(waypoint ? { waypoint } : {}),
    sourceCluster: first.sourceCluster,
    destinationCluster: first.destinationCluster,
    sourcePrincipals: new SmallSet(),
    destinationPrincipals: new SmallSet(),
    plaintextHints: new SmallSet(),
    reporters: new SmallSet(),
  };
  for (const part of parts) mergeEdgeInto(merged, toSums(part));
  return finalizeEdge(merged);
}
