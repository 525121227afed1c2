import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildGraph } from '@/lib/graph/build';
import type { Inventory } from '@/lib/graph/inventory';
import type { GraphNode, MeshGraph } from '@/lib/graph/model';
import type { HttpSample, TcpMetric } from '@/lib/graph/samples';
import { dataUrl } from '@/testing/fixtures/data';
import { toHttpSamples, toTcpSamples, vectorSchema } from './to-samples';

// Kiali's sidecar graph tests (kiali-conformance-sidecar/): the same Envoy vectors, each in the view
// (reporter) Kiali asked for, through toSamples and buildGraph must give the same workloads, edges,
// protocols, rates and node totals, in the workload graph and the TCP "sent"/"received"/"total"
// variants. Differences are listed in lib/graph/CONFORMANCE.md.

const ref = dataUrl('kiali-conformance-sidecar/');
interface MockQuery { id: string; response: { data: { result: unknown } } }
const mock = JSON.parse(readFileSync(new URL('sidecar_prometheus_mock.derived.json', ref), 'utf8')) as { queries: MockQuery[] };
const vector = (id: string) => vectorSchema.parse(mock.queries.find((q) => q.id === id)?.response.data.result);

interface KialiNodeData { id: string; nodeType: string; namespace: string; workload?: string; service?: string; traffic?: { protocol: string; rates: Record<string, string> }[] }
interface KialiEdgeData { source: string; target: string; traffic: { protocol: string; rates: Record<string, string> } }
interface KialiGraph { elements: { nodes: { data: KialiNodeData }[]; edges: { data: KialiEdgeData }[] } }
const expected = (file: string) => JSON.parse(readFileSync(new URL(file, ref), 'utf8')) as KialiGraph;

const inventory: Inventory = { trustDomain: 'cluster.local', namespaces: [{ name: 'bookinfo', labels: { 'istio-injection': 'enabled' }, ambientLabelled: false, discovered: true }], workloads: [], services: [] };

// Kiali's queries group without `reporter`: the view each vector holds is the one its query asked for.
const view = (samples: HttpSample[], reporter: 'source' | 'destination') => samples.map((s) => ({ ...s, reporter }));
const envoyTcp = (metric: TcpMetric, ids: [string, string, string]) => [
  ...toTcpSamples(metric, vector(ids[0]), 'source', 'sidecar'),
  ...toTcpSamples(metric, vector(ids[1]), 'destination', 'sidecar'),
  ...toTcpSamples(metric, vector(ids[2]), 'source', 'sidecar'),
];

function ourGraph(): MeshGraph {
  const samples = {
    http: [...view(toHttpSamples(vector('q0')), 'source'), ...view(toHttpSamples(vector('q1')), 'destination'), ...view(toHttpSamples(vector('q2')), 'source')],
    tcp: [...envoyTcp('receivedBytes', ['q6', 'q7', 'q8']), ...envoyTcp('sentBytes', ['q3', 'q4', 'q5'])],
    latency: [],
  };
  return buildGraph(samples, inventory, { graphType: 'workload', namespaces: ['bookinfo'], duration: 600, queryTime: 1523364075, waypoints: 'show', idle: false });
}

/** Our node -> Kiali's name for it: workload.namespace, `unknown` (client) or `service unknown`. */
function ourName(n: GraphNode | undefined): string {
  if (!n) return '?';
  if (n.kind === 'workload') return `${n.workload}.${n.namespace}`;
  if (n.kind === 'unknown') return 'unknown';
  return 'service unknown';
}
function kialiName(d: KialiNodeData | undefined): string {
  if (!d) return '?';
  if (d.nodeType === 'workload') return `${d.workload}.${d.namespace}`;
  return d.nodeType === 'service' ? 'service unknown' : 'unknown';
}

describe('Kiali sidecar graph conformance', () => {
  const graph = ourGraph();
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const name = (id: string) => ourName(byId.get(id));
  const workload = expected('test_workload_graph.expected');
  const kialiNodes = new Map(workload.elements.nodes.map((n) => [n.data.id, n.data]));
  const kialiEdge = (d: KialiEdgeData) => `${kialiName(kialiNodes.get(d.source))} -> ${kialiName(kialiNodes.get(d.target))} ${d.traffic.protocol}`;

  it('has the same nodes', () => {
    expect(graph.nodes.map((n) => ourName(n)).sort()).toEqual(workload.elements.nodes.map((n) => kialiName(n.data)).sort());
  });

  it('has the same edges, protocols and rates (each edge counted once, whichever sidecars reported it)', () => {
    const ours = graph.edges.map((e) => `${name(e.source)} -> ${name(e.target)} ${e.protocol} ${e.protocol === 'tcp' ? e.tcp?.clientToServerBps : e.http?.requestsPerSec}`).sort();
    const theirs = workload.elements.edges.map((e) => `${kialiEdge(e.data)} ${Number(e.data.traffic.rates[e.data.traffic.protocol])}`).sort();
    expect(ours).toEqual(theirs);
  });

  it('has the same HTTP response classes per edge', () => {
    for (const e of workload.elements.edges.filter((x) => x.data.traffic.protocol === 'http')) {
      const r = e.data.traffic.rates;
      const ours = graph.edges.find((g) => `${name(g.source)} -> ${name(g.target)} ${g.protocol}` === kialiEdge(e.data));
      expect({ '3xx': ours?.http?.byClass['3xx'], '4xx': ours?.http?.byClass['4xx'], '5xx': ours?.http?.byClass['5xx'] }, kialiEdge(e.data)).toEqual({
        '3xx': Number(r.http3xx ?? 0), '4xx': Number(r.http4xx ?? 0), '5xx': Number(r.http5xx ?? 0),
      });
    }
  });

  it('has the same TCP rates in the sent, received and total graphs (one edge carries both directions)', () => {
    const tcp = (file: string) => expected(file).elements.edges.filter((e) => e.data.traffic.protocol === 'tcp');
    const theirs = (file: string) => {
      const nodes = new Map(expected(file).elements.nodes.map((n) => [n.data.id, n.data]));
      return tcp(file).map((e) => `${kialiName(nodes.get(e.data.source))} -> ${kialiName(nodes.get(e.data.target))} ${Number(e.data.traffic.rates.tcp)}`).sort();
    };
    const ours = (rate: (t: { clientToServerBps: number; serverToClientBps: number }) => number) =>
      graph.edges.filter((e) => e.tcp).map((e) => `${name(e.source)} -> ${name(e.target)} ${e.tcp ? rate(e.tcp) : 0}`).sort();
    expect(ours((t) => t.clientToServerBps)).toEqual(theirs('test_rates_sent_graph.expected'));
    expect(ours((t) => t.serverToClientBps)).toEqual(theirs('test_rates_received_graph.expected'));
    expect(ours((t) => t.clientToServerBps + t.serverToClientBps)).toEqual(theirs('test_rates_total_graph.expected'));
  });

  it('has the same node traffic totals (HTTP and gRPC requests, TCP sent bytes)', () => {
    for (const n of workload.elements.nodes) {
      const rates = Object.assign({}, ...(n.data.traffic ?? []).map((t) => t.rates)) as Record<string, string>;
      const node = graph.nodes.find((x) => ourName(x) === kialiName(n.data));
      const t = node?.traffic;
      // Our totals count gRPC with HTTP (requests either way); tcp totals carry both directions.
      expect({ httpIn: t?.httpInRps, httpOut: t?.httpOutRps }, kialiName(n.data)).toEqual({
        httpIn: Number(rates.httpIn ?? 0) + Number(rates.grpcIn ?? 0),
        httpOut: Number(rates.httpOut ?? 0) + Number(rates.grpcOut ?? 0),
      });
    }
  });
});
