import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningPrometheus } from '@/scripts/prometheus';
import { startScenarioWithPrometheus, type ScenarioWithPrometheus } from '@/testing/harness/scenario-prometheus';
import { buildGraph } from '@/lib/graph/build';
import type { Inventory } from '@/lib/graph/inventory';
import type { MeshGraph } from '@/lib/graph/model';
import { createPrometheusClient } from './client';
import { createPrometheusMetricsSource } from './metrics-source';
import { samplesWithin } from './fold';
import type { TrafficSamples } from '@/lib/graph/samples';
import { EDGE_LABEL, EDGE_SELECT_LABELS, edgePackedLabels } from './recorded-queries';
import { unpackEdges } from './to-samples';

// The recording rules as shipped (deploy/prometheus/ambient-lens.rules.yaml), backfilled by promtool
// over the simulator's bookinfo history in a real Prometheus, give the graph the raw queries give:
// the same nodes and edges (mesh, non-mesh client, plaintext, egress, waypoint hops, denials), the
// same identities, and rates within 1% (steady traffic: the mean of the 2-minute rates is the rate).

const END = 1_760_000_000;
const START = END - 1800;
const WINDOW = 300;
let env: ScenarioWithPrometheus;
let prom: RunningPrometheus;
let inventory: Inventory;

beforeAll(async () => {
  env = await startScenarioWithPrometheus('bookinfo', { start: START, end: END }, {
    file: new URL('../../deploy/prometheus/ambient-lens.rules.yaml', import.meta.url).pathname, start: END - 900, end: END,
  });
  ({ prom, inventory } = env);
}, 180_000);

afterAll(async () => {
  await env?.stop();
});

async function graph(namespaces: string[], recordingRules: 'auto' | 'off'): Promise<MeshGraph> {
  const source = createPrometheusMetricsSource(createPrometheusClient({ baseUrl: prom.url }), { recordingRules });
  const samples = await source.samples({ namespaces, duration: WINDOW, queryTime: END });
  const g = buildGraph(samples, inventory, { graphType: 'workload', namespaces, duration: WINDOW, queryTime: END, waypoints: 'show', idle: false });
  return { ...g, metricsQueries: samples.queries };
}

/** Every difference between two values: numbers within a relative tolerance, anything else equal. */
function differences(a: unknown, b: unknown, path: string, out: string[]): string[] {
  if (typeof a === 'number' && typeof b === 'number') {
    if (Math.abs(a - b) > 0.01 * Math.max(Math.abs(a), Math.abs(b)) + 1e-9) out.push(`${path}: ${a} != ${b}`);
  } else if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) out.push(`${path}: ${a.length} items != ${b.length}`);
    else a.forEach((x, i) => differences(x, b[i], `${path}[${i}]`, out));
  } else if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) differences((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`, out);
  } else if (a !== b) out.push(`${path}: ${JSON.stringify(a)} != ${JSON.stringify(b)}`);
  return out;
}

describe('recording rules on real Prometheus (bookinfo)', () => {
  for (const namespaces of [['bookinfo'], ['legacy'], ['bookinfo', 'frontend', 'legacy']]) {
    it(`the graph of ${namespaces.join(', ')} over the recorded series is the raw queries' graph`, async () => {
      const raw = await graph(namespaces, 'off');
      const recorded = await graph(namespaces, 'auto');
      expect(raw.metricsQueries).toEqual({ tcp: 'raw', http: 'raw' });
      expect(recorded.metricsQueries).toEqual({ tcp: 'recording-rules', http: 'recording-rules', skipped: ['sidecar'] });
      expect(raw.edges.length).toBeGreaterThan(0);
      const byId = (g: MeshGraph) => ({
        nodes: Object.fromEntries(g.nodes.map((n) => [n.id, n])),
        edges: Object.fromEntries(g.edges.map((e) => [e.id, e])),
        warnings: g.warnings,
      });
      expect(differences(byId(recorded), byId(raw), 'graph', [])).toEqual([]);
    });
  }

  it('the recorded series hold one series per ztunnel edge, without reporter', async () => {
    const client = createPrometheusClient({ baseUrl: prom.url });
    const recorded = await client.query('ambient_lens:istio_tcp_sent_bytes_total:edge_packed_rate2m', END);
    const raw = await client.query('count by (source_workload, destination_workload, destination_service) (istio_tcp_sent_bytes_total{app="ztunnel"})', END);
    expect(recorded.length).toBeGreaterThan(0);
    expect(recorded.every((s) => s.metric.reporter === undefined)).toBe(true);
    // Both ztunnels report a mesh edge: the raw series are more than the edges, the recorded ones are not.
    expect(recorded.length).toBeLessThan(raw.reduce((n, s) => n + Number(s.value[1]), 0));
    const keys = recorded.map((s) => JSON.stringify(s.metric));
    expect(new Set(keys).size).toBe(keys.length);
    // Packed: the three namespaces as labels, the rest in `edge`, which splits back into the raw labels.
    for (const s of recorded) expect(Object.keys(s.metric).sort()).toEqual(['__name__', ...EDGE_SELECT_LABELS, EDGE_LABEL].sort());
    const unpacked = unpackEdges(recorded, edgePackedLabels('sentBytes'));
    const triple = (m: Record<string, string>) => `${m.source_workload ?? ''} ${m.destination_workload ?? ''} ${m.destination_service ?? ''}`;
    expect(new Set(unpacked.map((s) => triple(s.metric)))).toEqual(new Set(raw.map((s) => triple(s.metric))));
  });
});

describe('folded queries on real Prometheus (bookinfo)', () => {
  // fold.ts: a graph of R from the queries over a superset of R, filtered, is the graph of R.
  const sorted = (samples: TrafficSamples) => ({
    tcp: samples.tcp.map((s) => JSON.stringify(s)).sort(),
    http: samples.http.map((s) => JSON.stringify(s)).sort(),
    latency: samples.latency.map((s) => JSON.stringify(s)).sort(),
  });
  for (const recordingRules of ['off', 'auto'] as const) {
    it(`each namespace's samples filtered from the union's are its own samples (recording rules ${recordingRules})`, async () => {
      const source = createPrometheusMetricsSource(createPrometheusClient({ baseUrl: prom.url }), { recordingRules, fold: false });
      const all = ['bookinfo', 'frontend', 'legacy', 'tools', 'gateways'];
      const union = await source.samples({ namespaces: all, duration: WINDOW, queryTime: END });
      expect(union.tcp.length).toBeGreaterThan(5);
      for (const ns of all) {
        const alone = await source.samples({ namespaces: [ns], duration: WINDOW, queryTime: END });
        expect(sorted(samplesWithin(union, [ns])), ns).toEqual(sorted(alone));
      }
      const pair = await source.samples({ namespaces: ['bookinfo', 'legacy'], duration: WINDOW, queryTime: END });
      expect(sorted(samplesWithin(union, ['legacy', 'bookinfo']))).toEqual(sorted(pair));
    });
  }
});
