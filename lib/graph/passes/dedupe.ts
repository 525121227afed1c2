import type { EdgeReporter } from '@/lib/graph/model';
import type { HttpSample, PeerLabels, TcpSample } from '@/lib/graph/samples';

// Both ztunnels report mesh-to-mesh traffic: count it once, from the destination's view.
// A sample from a query that already chose one view per edge has no reporter and is kept as is.

/** Which ztunnels reported the edge a sample belongs to. */
export type EdgeViews = 'both' | 'source' | 'destination' | 'unknown';

export interface ViewedTcpSample extends TcpSample {
  views: EdgeViews;
  /** Set when waypoint hops were merged: the waypoint ("namespace/name") the traffic went through. */
  waypoint?: string;
  /** Which proxies saw the edge (passes/sidecar-views.ts); absent: ztunnel. */
  seenBy?: EdgeReporter[];
}

/** The node pair a sample belongs to, independent of metric, policy and flags. */
export function pairKey(s: Pick<TcpSample, 'source' | 'destination'>): string {
  const d = s.destination;
  const dst = d.workload && d.workload !== 'unknown' ? `${d.cluster}${SEP}${d.namespace}${SEP}${d.workload}` : `svc:${d.service}`;
  return `${s.source.cluster}${SEP}${s.source.namespace}${SEP}${s.source.workload}>${dst}`;
}

const SEP = '\u001f';
const peerKey = (p: PeerLabels) => [p.cluster, p.namespace, p.workload, p.canonicalService, p.canonicalRevision, p.app, p.version, p.principal].join(SEP);

function sampleKey(s: TcpSample): string {
  const d = s.destination;
  return [s.metric, s.reporter, peerKey(s.source), peerKey(d), d.service, d.serviceName, d.serviceNamespace, s.securityPolicy, s.responseFlags].join(SEP);
}

export function dedupeTcpReporters(samples: TcpSample[]): ViewedTcpSample[] {
  // Answers of the agg3 queries carry no reporter: one view per edge already, nothing to drop.
  if (samples.every((s) => s.reporter === undefined)) return samples.map((s) => ({ ...s, views: 'unknown' }));
  // Identical series can come back from overlapping queries: keep the first.
  const seen = new Set<string>();
  const unique = samples.filter((s) => {
    const key = sampleKey(s);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const reporters = new Map<string, Set<string>>();
  for (const s of unique) {
    const key = pairKey(s);
    const set = reporters.get(key) ?? new Set<string>();
    set.add(s.reporter ?? 'unknown');
    reporters.set(key, set);
  }
  const out: ViewedTcpSample[] = [];
  for (const s of unique) {
    const set = reporters.get(pairKey(s));
    const both = set?.has('source') && set.has('destination');
    if (both && s.reporter === 'source') continue;
    const views: EdgeViews = both ? 'both' : s.reporter ?? 'unknown';
    out.push({ ...s, views });
  }
  return out;
}

export function dedupeHttp(samples: HttpSample[]): HttpSample[] {
  const seen = new Set<string>();
  return samples.filter((s) => {
    const d = s.destination;
    const key = [s.reporter, peerKey(s.source), peerKey(d), d.service, d.serviceName, d.serviceNamespace, s.protocol, s.responseCode, s.grpcStatus, s.securityPolicy, s.responseFlags].join(SEP);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
