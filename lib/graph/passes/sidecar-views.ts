import { withFields } from '@/lib/graph/copy';
import type { EdgeReporter } from '@/lib/graph/model';
import type { HttpSample, LatencySample, TcpSample } from '@/lib/graph/samples';
import { LabelIds } from '@/lib/graph/label-ids';

// A mixed mesh: Envoy sidecars, ztunnels and waypoints can all report the same hop. Count each edge
// once, from the view that knows most (the reference file's "who reports what" table):
// - L4: a server sidecar's view (it says mutual_tls / none), else ztunnel's, else the client
//   sidecar's (policy `unknown`: only for sidecar -> non-mesh, where nobody else saw it);
// - L7: a server sidecar, else the waypoint, else the client sidecar (sidecar -> ambient or
//   non-mesh, and ingress gateways, which report as a client Envoy).
// Every kept sample remembers which proxies saw its edge, for the edge panel.

/** seenBy absent: the sample's own proxy was the only one to report its edge (no copy is made). */
export type Seen<S> = S & { seenBy?: EdgeReporter[] };

export const tcpReporter = (s: TcpSample): EdgeReporter =>
  s.proxy === 'sidecar' ? (s.reporter === 'source' ? 'client-sidecar' : 'server-sidecar') : 'ztunnel-l4';

export const httpReporter = (s: HttpSample): EdgeReporter =>
  s.reporter === 'waypoint' ? 'waypoint' : s.reporter === 'source' ? 'client-sidecar' : 'server-sidecar';

const TCP_PREFERENCE: EdgeReporter[] = ['server-sidecar', 'ztunnel-l4', 'client-sidecar'];
const HTTP_PREFERENCE: EdgeReporter[] = ['server-sidecar', 'waypoint', 'client-sidecar'];

const bit = (preference: EdgeReporter[], r: EdgeReporter) => 1 << preference.indexOf(r);

function pick<S extends Pick<TcpSample, 'source' | 'destination'>>(samples: S[], reporterOf: (s: S) => EdgeReporter, preference: EdgeReporter[], ids: LabelIds): Seen<S>[] {
  // One kind of proxy reported everything (an ambient-only or a sidecar-only mesh): every sample is
  // its edge's only view, kept as it is.
  const first = samples[0] && reporterOf(samples[0]);
  if (samples.every((s) => reporterOf(s) === first)) return samples;
  const reporters = samples.map(reporterOf);
  // The reporters that saw each node pair, as a bit set in preference order.
  const pairs = samples.map((s) => ids.pair(s));
  const seen = new Map<number, number>();
  samples.forEach((_, i) => {
    const pair = pairs[i] as number;
    seen.set(pair, (seen.get(pair) ?? 0) | bit(preference, reporters[i] as EdgeReporter));
  });
  const views = new Map<number, { chosen: EdgeReporter | undefined; seenBy: EdgeReporter[] }>();
  const out: Seen<S>[] = [];
  samples.forEach((s, i) => {
    const mask = seen.get(pairs[i] as number) ?? 0;
    let view = views.get(mask);
    if (!view) {
      const set = preference.filter((r) => (mask & bit(preference, r)) !== 0);
      view = { chosen: set[0], seenBy: set };
      views.set(mask, view);
    }
    if (reporters[i] !== view.chosen) return;
    out.push(withFields(s, { seenBy: view.seenBy }));
  });
  return out;
}

export function chooseTcpViews(samples: TcpSample[], ids = new LabelIds()): Seen<TcpSample>[] {
  return pick(samples, tcpReporter, TCP_PREFERENCE, ids);
}

/**
 * A client sidecar does not record the security policy (`unknown`): when it is the only L7 view of a
 * hop to an ambient pod, the lock comes from the destination ztunnel's L4 series of the same hop.
 */
export function chooseHttpViews(samples: HttpSample[], tcp: Seen<TcpSample>[], ids = new LabelIds()): Seen<HttpSample>[] {
  const chosen = pick(samples, httpReporter, HTTP_PREFERENCE, ids);
  // Only a client sidecar's view with no policy needs ztunnel's: most builds never look.
  if (!chosen.some((s) => s.reporter === 'source' && s.securityPolicy === 'unknown')) return chosen;
  const ztunnelPolicies = new Map<number, Set<string>>();
  for (const t of tcp) {
    if ((t.seenBy?.[0] ?? tcpReporter(t)) !== 'ztunnel-l4' || t.metric !== 'receivedBytes') continue;
    const pair = ids.pair(t);
    const set = ztunnelPolicies.get(pair) ?? new Set<string>();
    set.add(t.securityPolicy);
    ztunnelPolicies.set(pair, set);
  }
  return chosen.map((s) => {
    if (s.reporter !== 'source' || s.securityPolicy !== 'unknown') return s;
    const policies = ztunnelPolicies.get(ids.pair(s));
    return policies?.size === 1 && policies.has('mutual_tls') ? withFields(s, { securityPolicy: 'mutual_tls' }) : s;
  });
}

const workloadPair = (l: Pick<LatencySample, 'source' | 'destination'>) =>
  `${l.source.cluster}/${l.source.namespace}/${l.source.workload}>${l.destination.cluster}/${l.destination.namespace}/${l.destination.workload}`;

/** Latency from the histogram of the proxy whose requests were counted for that workload pair. */
export function chooseLatencyViews(latency: LatencySample[], http: Seen<HttpSample>[]): LatencySample[] {
  const kept = new Map<string, EdgeReporter>();
  for (const s of http) {
    const key = workloadPair(s);
    const r = httpReporter(s);
    const prior = kept.get(key);
    if (!prior || HTTP_PREFERENCE.indexOf(r) < HTTP_PREFERENCE.indexOf(prior)) kept.set(key, r);
  }
  return latency.filter((l) => {
    const r: EdgeReporter = l.reporter === undefined ? 'waypoint' : l.reporter === 'source' ? 'client-sidecar' : 'server-sidecar';
    const want = kept.get(workloadPair(l));
    return want === undefined ? r === 'waypoint' : want === r;
  });
}
