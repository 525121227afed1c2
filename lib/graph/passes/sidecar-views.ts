import type { EdgeReporter } from '@/lib/graph/model';
import type { HttpSample, LatencySample, TcpSample } from '@/lib/graph/samples';
import { pairKey } from './dedupe';

// A mixed mesh: Envoy sidecars, ztunnels and waypoints can all report the same hop. Count each edge
// once, from the view that knows most (the reference file's "who reports what" table):
// - L4: a server sidecar's view (it says mutual_tls / none), else ztunnel's, else the client
//   sidecar's (policy `unknown`: only for sidecar -> non-mesh, where nobody else saw it);
// - L7: a server sidecar, else the waypoint, else the client sidecar (sidecar -> ambient or
//   non-mesh, and ingress gateways, which report as a client Envoy).
// Every kept sample remembers which proxies saw its edge, for the edge panel.

export type Seen<S> = S & { seenBy: EdgeReporter[] };

const tcpReporter = (s: TcpSample): EdgeReporter =>
  s.proxy === 'sidecar' ? (s.reporter === 'source' ? 'client-sidecar' : 'server-sidecar') : 'ztunnel-l4';

const httpReporter = (s: HttpSample): EdgeReporter =>
  s.reporter === 'waypoint' ? 'waypoint' : s.reporter === 'source' ? 'client-sidecar' : 'server-sidecar';

const TCP_PREFERENCE: EdgeReporter[] = ['server-sidecar', 'ztunnel-l4', 'client-sidecar'];
const HTTP_PREFERENCE: EdgeReporter[] = ['server-sidecar', 'waypoint', 'client-sidecar'];

function pick<S extends Pick<TcpSample, 'source' | 'destination'>>(samples: S[], reporterOf: (s: S) => EdgeReporter, preference: EdgeReporter[]): Seen<S>[] {
  const seen = new Map<string, Set<EdgeReporter>>();
  for (const s of samples) {
    const key = pairKey(s);
    const set = seen.get(key) ?? new Set<EdgeReporter>();
    set.add(reporterOf(s));
    seen.set(key, set);
  }
  const out: Seen<S>[] = [];
  for (const s of samples) {
    const set = seen.get(pairKey(s)) ?? new Set<EdgeReporter>();
    const chosen = preference.find((r) => set.has(r));
    if (reporterOf(s) !== chosen) continue;
    out.push({ ...s, seenBy: preference.filter((r) => set.has(r)) });
  }
  return out;
}

export function chooseTcpViews(samples: TcpSample[]): Seen<TcpSample>[] {
  return pick(samples, tcpReporter, TCP_PREFERENCE);
}

/**
 * A client sidecar does not record the security policy (`unknown`): when it is the only L7 view of a
 * hop to an ambient pod, the lock comes from the destination ztunnel's L4 series of the same hop.
 */
export function chooseHttpViews(samples: HttpSample[], tcp: Seen<TcpSample>[]): Seen<HttpSample>[] {
  const ztunnelPolicies = new Map<string, Set<string>>();
  for (const t of tcp) {
    if (t.seenBy[0] !== 'ztunnel-l4' || t.metric !== 'receivedBytes') continue;
    const set = ztunnelPolicies.get(pairKey(t)) ?? new Set<string>();
    set.add(t.securityPolicy);
    ztunnelPolicies.set(pairKey(t), set);
  }
  return pick(samples, httpReporter, HTTP_PREFERENCE).map((s) => {
    if (s.reporter !== 'source' || s.securityPolicy !== 'unknown') return s;
    const policies = ztunnelPolicies.get(pairKey(s));
    return policies?.size === 1 && policies.has('mutual_tls') ? { ...s, securityPolicy: 'mutual_tls' } : s;
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
