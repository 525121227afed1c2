import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '@/sim/index';
import type { RunningPrometheus } from '@/scripts/prometheus';
import { startScenarioWithPrometheus, type ScenarioWithPrometheus } from '@/testing/harness/scenario-prometheus';
import { sumRate } from '@/sim/traffic/rates';
import { buildGraph } from '@/lib/graph/build';
import type { Inventory } from '@/lib/graph/inventory';
import type { GraphEdge, MeshGraph } from '@/lib/graph/model';
import type { WaypointMode } from '@/lib/graph/request';
import { createPrometheusClient } from './client';
import { createPrometheusMetricsSource } from './metrics-source';

// The whole path on real parts: the simulator's bookinfo history backfilled into a real Prometheus
// (promtool), our 16 queries over HTTP, toSamples, the inventory from the Kubernetes layer reading the
// simulated API server, then buildGraph. Expected numbers come from the scenario's flows
// (sim/scenarios/bookinfo.ts) and from the simulator's own series (sumRate), not from our code.

const END = 1_760_000_000;
const START = END - 3600;
const WINDOW = 300;
let env: ScenarioWithPrometheus;
let sim: Simulator;
let prom: RunningPrometheus;
let inventory: Inventory;
let requests = 0;

beforeAll(async () => {
  env = await startScenarioWithPrometheus('bookinfo', { start: START, end: END });
  ({ sim, prom, inventory } = env);
}, 180_000);

afterAll(async () => {
  await env?.stop();
});

const client = () => createPrometheusClient({ baseUrl: prom.url, fetch: (url, init) => (requests++, fetch(url, init)) });

async function graph(namespaces: string[], waypoints: WaypointMode = 'show'): Promise<MeshGraph> {
  const samples = await createPrometheusMetricsSource(client()).samples({ namespaces, duration: WINDOW, queryTime: END });
  return buildGraph(samples, inventory, { graphType: 'workload', namespaces, duration: WINDOW, queryTime: END, waypoints, idle: false });
}

const wl = (ns: string, name: string) => `wl:Kubernetes:${ns}:${name}`;
function edge(g: MeshGraph, source: string, target: string, protocol = 'tcp'): GraphEdge {
  const e = g.edges.find((x) => x.source === source && x.target === target && x.protocol === protocol);
  if (!e) throw new Error(`no ${protocol} edge ${source} -> ${target}; have:\n${g.edges.map((x) => x.id).join('\n')}`);
  return e;
}
const principal = (ns: string, sa: string) => `spiffe://cluster.local/ns/${ns}/sa/${sa}`;

// reviews-viewer (the getting-started L7 policy at the waypoint) refuses productpage's POSTs, 5% of
// its requests: only the GETs go on to reviews-vN (sim/scenarios/bookinfo-policies.ts).
const PAST_WAYPOINT = 0.95;

describe('graph from real Prometheus (bookinfo)', () => {
  it('uses the same 8 queries (ztunnel and waypoint) for 1 namespace and for 3; no sidecar reported, so not its 8', async () => {
    requests = 0;
    const samples = await createPrometheusMetricsSource(client()).samples({ namespaces: ['bookinfo'], duration: WINDOW, queryTime: END });
    // + 1: a new source first asks which series exist (recording rules: none here; sidecars: none; waypoints: yes).
    expect(requests).toBe(8 + 1);
    expect(samples.queries).toEqual({ tcp: 'raw', http: 'raw', skipped: ['sidecar'] });
    requests = 0;
    await graph(['bookinfo', 'frontend', 'legacy']);
    expect(requests).toBe(8 + 1);
  });

  it('counts mesh -> mesh bytes once, fully mTLS, with both principals', async () => {
    const g = await graph(['bookinfo']);
    const e = edge(g, wl('bookinfo', 'productpage-v1'), wl('bookinfo', 'details-v1'));
    expect(e.tcp?.clientToServerBps).toBeCloseTo(2400, 6);
    expect(e.tcp?.serverToClientBps).toBeCloseTo(4800, 6);
    expect(e.tcp?.connectionsOpenedPerSec).toBeCloseTo(0.5, 6);
    expect(e.security).toMatchObject({ mtlsShare: 1, mtlsShareByConnections: 1, sourcePrincipals: [principal('bookinfo', 'bookinfo-productpage')], destinationPrincipals: [principal('bookinfo', 'bookinfo-details')] });
    // Both ztunnels reported it: the simulator's own series say so, and we did not add them up.
    const bothViews = ['source', 'destination'].map((reporter) => sumRate(sim.mesh.timeline, 'istio_tcp_received_bytes_total', { reporter, source_workload: 'productpage-v1', destination_workload: 'details-v1' }, END, WINDOW));
    expect(bothViews[0]).toBeCloseTo(2400, 6);
    expect(bothViews[1]).toBeCloseTo(2400, 6);
  });

  it('draws the reviews waypoint once: productpage -> waypoint -> reviews-vN, each hop with L4 and L7, no direct edge', async () => {
    const g = await graph(['bookinfo']);
    expect(g.nodes.find((n) => n.id === wl('bookinfo', 'waypoint'))?.flags.waypoint).toBe(true);
    const toWaypoint = edge(g, wl('bookinfo', 'productpage-v1'), wl('bookinfo', 'waypoint'), 'http');
    expect(toWaypoint.tcp?.clientToServerBps).toBeCloseTo(3600, 6);
    expect(toWaypoint.http?.requestsPerSec).toBeCloseTo(12, 6);
    expect(toWaypoint.security.mtlsShare).toBe(1);
    for (const v of ['v1', 'v2', 'v3']) {
      const h = edge(g, wl('bookinfo', 'waypoint'), wl('bookinfo', `reviews-${v}`), 'http');
      expect(h.tcp?.clientToServerBps).toBeCloseTo(1200 * PAST_WAYPOINT, 6);
      expect(h.http?.requestsPerSec).toBeCloseTo(4 * PAST_WAYPOINT, 6);
      expect(h.http?.errorShare).toBeCloseTo(0.1, 6);
      expect(h.http?.latencyMs?.p50).toBeGreaterThan(0);
      expect(g.edges.some((e) => e.source === wl('bookinfo', 'productpage-v1') && e.target === wl('bookinfo', `reviews-${v}`))).toBe(false);
    }
  });

  it('merges the waypoint hops into one productpage -> reviews-vN edge with both L4 and L7 figures', async () => {
    const g = await graph(['bookinfo'], 'merge');
    expect(g.nodes.some((n) => n.flags.waypoint)).toBe(false);
    for (const v of ['v1', 'v2', 'v3']) {
      const pair = g.edges.filter((x) => x.source === wl('bookinfo', 'productpage-v1') && x.target === wl('bookinfo', `reviews-${v}`));
      expect(pair).toHaveLength(1);
      const e = edge(g, wl('bookinfo', 'productpage-v1'), wl('bookinfo', `reviews-${v}`), 'http');
      expect(e.waypoint).toBe('bookinfo/waypoint');
      expect(e.tcp?.clientToServerBps).toBeCloseTo(1200, 6);
      expect(e.tcp?.serverToClientBps).toBeCloseTo(3000, 6);
      expect(e.http?.requestsPerSec).toBeCloseTo(4 * PAST_WAYPOINT, 6);
    }
  });

  it('explains the plaintext edges and counts denials', async () => {
    const g = await graph(['bookinfo']);
    const legacy = edge(g, wl('legacy', 'legacy-client-v1'), wl('bookinfo', 'productpage-v1'));
    expect(legacy.tcp?.clientToServerBps).toBeCloseTo(1000, 6);
    expect(legacy.security).toMatchObject({ mtlsShare: 0, reason: 'non-mesh-client' });
    const egress = g.edges.find((e) => e.source === wl('bookinfo', 'ratings-v1') && e.target.startsWith('ext:'));
    expect(egress?.tcp?.clientToServerBps).toBeCloseTo(500, 6);
    expect(egress?.security.reason).toBe('external-destination');
    const denied = edge(g, wl('frontend', 'web-v1'), wl('bookinfo', 'ratings-v1'));
    expect(denied.tcp?.deniedPerSec).toBeCloseTo(0.3, 6);
    expect(g.nodes.find((n) => n.id === wl('frontend', 'web-v1'))?.flags.outside).toBe(true);
  });

  it('draws a non-mesh client\'s calls out of the selected namespace, which only the server\'s ztunnel reports', async () => {
    const g = await graph(['legacy']);
    const legacy = edge(g, wl('legacy', 'legacy-client-v1'), wl('bookinfo', 'productpage-v1'));
    expect(legacy.tcp?.clientToServerBps).toBeCloseTo(1000, 6);
    expect(legacy.tcp?.serverToClientBps).toBeCloseTo(20000, 6);
    expect(legacy.security).toMatchObject({ mtlsShare: 0, reason: 'non-mesh-client' });
    expect(g.nodes.find((n) => n.id === wl('bookinfo', 'productpage-v1'))?.flags.outside).toBe(true);
  });

  it('matches the simulator\'s series for every L4 edge (destination view when there is one)', async () => {
    const g = await graph(['bookinfo']);
    const nodes = new Map(g.nodes.map((n) => [n.id, n]));
    let checked = 0;
    for (const e of g.edges.filter((x) => x.protocol === 'tcp')) {
      const src = nodes.get(e.source);
      const dst = nodes.get(e.target);
      if (src?.kind !== 'workload' || dst?.kind !== 'workload') continue;
      const match = { source_workload: src.workload, source_workload_namespace: src.namespace, destination_workload: dst.workload, destination_workload_namespace: dst.namespace };
      const rate = (reporter: string) => sumRate(sim.mesh.timeline, 'istio_tcp_sent_bytes_total', { ...match, reporter }, END, WINDOW);
      const expected = rate('destination') > 0 ? rate('destination') : rate('source');
      expect(e.tcp?.serverToClientBps, e.id).toBeCloseTo(expected, 6);
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(8);
  });
});

describe('ztunnel pods from their own series (bookinfo)', () => {
  it('sums inbound (destination reporter) and outbound (source reporter) bytes per ztunnel pod, in 3 queries', async () => {
    requests = 0;
    const pods = await createPrometheusMetricsSource(client()).ztunnelTraffic?.(WINDOW, END);
    expect(requests).toBe(3);
    expect(pods?.map((p) => p.namespace)).toEqual(['ztunnel', 'ztunnel', 'ztunnel']);
    expect(pods?.every((p) => p.pod.startsWith('ztunnel-'))).toBe(true);
    const total = (key: 'inboundBps' | 'outboundBps' | 'connectionsOpenedPerSec') => (pods ?? []).reduce((sum, p) => sum + p[key], 0);
    // The scenario's flows (both directions' bytes): every destination-reported flow, and every source-reported one.
    expect(total('inboundBps')).toBeCloseTo(126000 + 31500 + 21000 + 600 + 42000 + 7200 + 3 * 4200 * PAST_WAYPOINT + 2 * 2500, 3);
    expect(total('outboundBps')).toBeCloseTo(42000 + 7200 + 12600 + 2 * 2500 + 4000 + 2500, 3);
    expect(total('connectionsOpenedPerSec')).toBeGreaterThan(0);
  });
});
