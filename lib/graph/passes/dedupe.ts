import { withFields } from '@/lib/graph/copy';
import type { EdgeReporter } from '@/lib/graph/model';
import type { HttpSample, TcpSample } from '@/lib/graph/samples';
import { LabelIds } from '@/lib/graph/label-ids';

// Both ztunnels report mesh-to-mesh traffic: count it once, from the destination's view.
// A sample from a query that already chose one view per edge has no reporter and is kept as is.

/** Which ztunnels reported the edge a sample belongs to. */
export type EdgeViews = 'both' | 'source' | 'destination' | 'unknown';

export interface ViewedTcpSample extends TcpSample {
  /** Absent: "unknown" (a query that chose the view; such samples are passed on uncopied). */
  views?: EdgeViews;
  /** Set when waypoint hops were merged: the waypoint ("namespace/name") the traffic went through. */
  waypoint?: string;
  /** Which proxies saw the edge (passes/sidecar-views.ts); absent: only the sample's own proxy. */
  seenBy?: EdgeReporter[];
}

/** A series' identity: metric, reporter and every label (the proxy kind is not part of it, as before). */
const sampleKey = (s: TcpSample, ids: LabelIds) =>
  ids.tuple(s.metric, s.reporter ?? '', ids.peer(s.source), ids.destination(s.destination), s.securityPolicy, s.responseFlags);

export function dedupeTcpReporters(samples: TcpSample[], ids = new LabelIds()): ViewedTcpSample[] {
  // Answers of the agg3 queries carry no reporter: one view per edge already, nothing to drop.
  if (samples.every((s) => s.reporter === undefined)) return samples;
  // Identical series can come back from overlapping queries: keep the first.
  const seen = new Set<number>();
  const unique = samples.filter((s) => {
    const key = sampleKey(s, ids);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const pairs = unique.map((s) => ids.pair(s));
  const reporters = new Map<number, Set<string>>();
  unique.forEach((s, i) => {
    const key = pairs[i] as number;
    const set = reporters.get(key) ?? new Set<string>();
    set.add(s.reporter ?? 'unknown');
    reporters.set(key, set);
  });
  const out: ViewedTcpSample[] = [];
  for (const [i, s] of unique.entries()) {
    const set = reporters.get(pairs[i] as number);
    const both = set?.has('source') && set.has('destination');
    if (both && s.reporter === 'source') continue;
    const views: EdgeViews = both ? 'both' : s.reporter ?? 'unknown';
    out.push(withFields(s, { views }));
  }
  return out;
}

export function dedupeHttp(samples: HttpSample[], ids = new LabelIds()): HttpSample[] {
  const seen = new Set<number>();
  return samples.filter((s) => {
    const key = ids.tuple(s.reporter, ids.peer(s.source), ids.destination(s.destination), s.protocol, s.responseCode, s.grpcStatus, s.securityPolicy, s.responseFlags);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
