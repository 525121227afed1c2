import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningPrometheus } from '@/scripts/prometheus';
import { startScenarioWithPrometheus, type ScenarioWithPrometheus } from '@/testing/harness/scenario-prometheus';
import { buildGraph } from '@/lib/graph/build';
import type { Inventory } from '@/lib/graph/inventory';
import type { GraphEdge, MeshGraph } from '@/lib/graph/model';
import { createPrometheusClient } from './client';
import { createPrometheusMetricsSource } from './metrics-source';

// A mixed mesh on real parts: the simulator's `sidecar` scenario (frontend on Envoy sidecars, bookinfo
// ambient, legacy outside the mesh) backfilled into a real Prometheus, our queries, the inventory
// from the Kubernetes layer, buildGraph. Expected figures are the scenario's flows
// (sim/scenarios/bookinfo-sidecar.ts), each counted once whichever proxies reported it.

const END = 1_760_000_000;
const START = END - 3600;
const WINDOW = 300;
let env: ScenarioWithPrometheus;
let prom: RunningPrometheus;
let inventory: Inventory;
let requests = 0;

beforeAll(async () => {
  env = await startScenarioWithPrometheus('sidecar', { start: START, end: END });
  ({ prom, inventory } = env);
}, 180_000);

afterAll(async () => {
  await env?.stop();
});

const client = () => createPrometheusClient({ baseUrl: prom.url, fetch: (url, init) => (requests++, fetch(url, init)) });

async function graph(namespaces: string[]): Promise<MeshGraph> {
  const samples = await createPrometheusMetricsSource(client()).samples({ namespaces, duration: WINDOW, queryTime: END });
  return buildGraph(samples, inventory, { graphType: 'workload', namespaces, duration: WINDOW, queryTime: END, waypoints: 'show', idle: false });
}

const wl = (ns: string, name: string) => `wl:Kubernetes:${ns}:${name}`;
function edge(g: MeshGraph, source: string, target: string, protocol: GraphEdge['protocol']): GraphEdge {
  const e = g.edges.find((x) => x.source === source && x.target === target && x.protocol === protocol);
  if (!e) throw new Error(`no ${protocol} edge ${source} -> ${target}; have:\n${g.edges.map((x) => `${x.id} ${JSON.stringify(x.reporters)}`).join('\n')}`);
  return e;
}

describe('graph from real Prometheus (sidecars beside ambient)', () => {
  it('uses the same 16 queries for 1 namespace and for 3', async () => {
    requests = 0;
    await graph(['frontend']);
    // + 1: a new source first asks whether the recording rules' series exist (they do not here: raw queries).
    expect(requests).toBe(16 + 1);
    requests = 0;
    await graph(['frontend', 'bookinfo', 'legacy']);
    expect(requests).toBe(16 + 1);
  });

  it('sidecar -> sidecar: requests and bytes once, from the server sidecar, locked', async () => {
    const g = await graph(['frontend']);
    const h = edge(g, wl('frontend', 'web-v1'), wl('frontend', 'catalog-v1'), 'http');
    expect(h.http?.requestsPerSec).toBeCloseTo(8, 6);
    expect(h.security.mtlsShare).toBe(1);
    expect(h.reporters).toEqual(['server-sidecar', 'client-sidecar']);
    const t = edge(g, wl('frontend', 'catalog-v1'), wl('frontend', 'cache-v1'), 'tcp');
    expect(t.tcp?.clientToServerBps).toBeCloseTo(300, 6);
    expect(t.tcp?.serverToClientBps).toBeCloseTo(900, 6);
    expect(t.security.mtlsShare).toBe(1);
    expect(t.reporters).toEqual(['server-sidecar', 'client-sidecar']);
  });

  it('ambient -> sidecar: L7 from the server sidecar, L4 from the client ztunnel', async () => {
    const g = await graph(['bookinfo']);
    const h = edge(g, wl('bookinfo', 'productpage-v1'), wl('frontend', 'catalog-v1'), 'http');
    expect(h.http?.requestsPerSec).toBeCloseTo(6, 6);
    expect(h.security.mtlsShare).toBe(1);
    expect(h.reporters?.[0]).toBe('server-sidecar');
    const t = edge(g, wl('bookinfo', 'productpage-v1'), wl('frontend', 'catalog-v1'), 'tcp');
    expect(t.tcp?.clientToServerBps).toBeCloseTo(800, 6);
    expect(t.reporters).toContain('ztunnel-l4');
  });

  it('ambient -> sidecar seen from the sidecar namespace: the client ztunnel is the only L4 view', async () => {
    const g = await graph(['frontend']);
    const t = edge(g, wl('bookinfo', 'productpage-v1'), wl('frontend', 'catalog-v1'), 'tcp');
    expect(t.tcp?.clientToServerBps).toBeCloseTo(800, 6);
    expect(t.security.mtlsShare).toBe(1);
  });

  it('a non-mesh client of a sidecar (PERMISSIVE) is plaintext, not locked', async () => {
    const g = await graph(['frontend']);
    // Envoy gets no peer metadata from a plaintext client: it is an unknown source, as in Kiali.
    const h = edge(g, 'unknown:Kubernetes', wl('frontend', 'catalog-v1'), 'http');
    expect(h.http?.requestsPerSec).toBeCloseTo(2, 6);
    expect(h.security).toMatchObject({ mtlsShare: 0, reason: 'non-mesh-client' });
  });

  it('marks the sidecar workloads', async () => {
    const g = await graph(['frontend']);
    const enrollment = (name: string) => g.nodes.find((n) => n.id === wl('frontend', name));
    for (const name of ['web-v1', 'catalog-v1', 'cache-v1']) expect(enrollment(name)).toMatchObject({ enrollment: 'sidecar' });
  });
});
