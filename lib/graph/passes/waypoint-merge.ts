import { withFields } from '@/lib/graph/copy';
import type { TcpMetric } from '@/lib/graph/samples';
import type { InventoryIndex } from '@/lib/graph/inventory-index';
import type { ViewedTcpSample } from './dedupe';

// waypoints=merge: client -> waypoint and waypoint -> backend hops for the same service become one
// client -> backend edge that remembers the waypoint. ztunnel's L4 series do not say which client a
// waypoint -> backend connection served, so each client hop is split across the service's backends
// in proportion to the waypoint's traffic to each backend (same metric). The merged edge is mTLS for
// the share that was mTLS on both hops. Hops that cannot be paired stay as they are.

interface Backend {
  sample: ViewedTcpSample;
  byMetric: Map<TcpMetric, number>;
  bytes: number;
  mtlsBytes: number;
}

const fallbackMetrics: TcpMetric[] = ['receivedBytes', 'connectionsOpened', 'sentBytes', 'connectionsClosed'];

export function mergeWaypointHops(samples: ViewedTcpSample[], inventory: InventoryIndex): ViewedTcpSample[] {
  const isWaypoint = (p: { cluster: string; namespace: string; workload: string }) => inventory.isWaypoint(p.cluster, p.namespace, p.workload);
  const hopKey = (w: { cluster: string; namespace: string; workload: string }, service: string) => `${w.cluster}/${w.namespace}/${w.workload}|${service}`;

  const backends = new Map<string, Map<string, Backend>>();
  for (const s of samples) {
    if (!isWaypoint(s.source) || isWaypoint(s.destination)) continue;
    const key = hopKey(s.source, s.destination.service);
    const byBackend = backends.get(key) ?? new Map<string, Backend>();
    backends.set(key, byBackend);
    const backendKey = `${s.destination.cluster}/${s.destination.namespace}/${s.destination.workload}`;
    const b = byBackend.get(backendKey) ?? { sample: s, byMetric: new Map(), bytes: 0, mtlsBytes: 0 };
    byBackend.set(backendKey, b);
    b.byMetric.set(s.metric, (b.byMetric.get(s.metric) ?? 0) + s.value);
    if (s.metric === 'receivedBytes' || s.metric === 'sentBytes') {
      b.bytes += s.value;
      if (s.securityPolicy === 'mutual_tls') b.mtlsBytes += s.value;
    }
  }

  const consumed = new Set<string>();
  const out: ViewedTcpSample[] = [];
  for (const s of samples) {
    const inbound = isWaypoint(s.destination) && !isWaypoint(s.source);
    const key = inbound ? hopKey(s.destination, s.destination.service) : undefined;
    const byBackend = key ? backends.get(key) : undefined;
    const metric = byBackend && [s.metric, ...fallbackMetrics].find((m) => total(byBackend, m) > 0);
    if (!key || !byBackend || !metric) {
      out.push(s);
      continue;
    }
    consumed.add(key);
    const waypoint = `${s.destination.namespace}/${s.destination.workload}`;
    const sum = total(byBackend, metric);
    for (const b of byBackend.values()) {
      const value = (s.value * (b.byMetric.get(metric) ?? 0)) / sum;
      if (value <= 0) continue;
      const merged: ViewedTcpSample = withFields(s, { destination: b.sample.destination, waypoint, value });
      const secondHopMtls = b.bytes > 0 ? b.mtlsBytes / b.bytes : 1;
      if (s.securityPolicy === 'mutual_tls' && secondHopMtls < 1) {
        out.push(withFields(merged, { value: value * secondHopMtls }));
        out.push(withFields(merged, { securityPolicy: b.sample.securityPolicy === 'mutual_tls' ? 'unknown' : b.sample.securityPolicy, value: value * (1 - secondHopMtls) }));
      } else {
        out.push(merged);
      }
    }
  }
  return out.filter((s) => {
    const outbound = isWaypoint(s.source) && !isWaypoint(s.destination) && !s.waypoint;
    return !(outbound && consumed.has(hopKey(s.source, s.destination.service)));
  });
}

function total(byBackend: Map<string, Backend>, metric: TcpMetric): number {
  let sum = 0;
  for (const b of byBackend.values()) sum += b.byMetric.get(metric) ?? 0;
  return sum;
}
