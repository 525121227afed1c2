import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildGraph } from '@/lib/graph/build';
import type { Inventory } from '@/lib/graph/inventory';
import type { GraphNode, MeshGraph } from '@/lib/graph/model';
import { dataUrl } from '@/testing/fixtures/data';
import { toHttpSamples, toTcpSamples, vectorSchema } from './to-samples';

// Kiali's ambient graph test (kiali-conformance/): the same Prometheus vectors through toSamples and
// buildGraph must give the same workloads, edges, protocols and rates. Differences: lib/graph/CONFORMANCE.md.

const ref = dataUrl('kiali-conformance/');
interface MockQuery { id: string; query: string; response: { data: { result: unknown } } }
const mock = JSON.parse(readFileSync(new URL('ambient_prometheus_mock.derived.json', ref), 'utf8')) as { queries: MockQuery[] };
const vector = (id: string) => vectorSchema.parse(mock.queries.find((q) => q.id === id)?.response.data.result);

interface KialiData { id: string; workload?: string; source?: string; target?: string; traffic?: { protocol: string; rates: Record<string, string> }; waypoint?: { fromEdge?: KialiData } }
const expected = JSON.parse(readFileSync(new URL('test_ambient_graph.expected', ref), 'utf8')) as { elements: { nodes: { data: KialiData & { traffic?: { protocol: string; rates: Record<string, string> }[] } }[]; edges: { data: KialiData }[] } };

const inventory: Inventory = {
  trustDomain: 'cluster.local',
  namespaces: [{ name: 'bookinfo', labels: { 'istio.io/dataplane-mode': 'ambient', 'istio.io/use-waypoint': 'waypoint' }, ambientLabelled: true, usesWaypoint: 'bookinfo/waypoint', discovered: true }],
  workloads: [{
    cluster: 'Kubernetes', namespace: 'bookinfo', name: 'waypoint', kind: 'Deployment', serviceAccount: 'waypoint', principal: 'spiffe://cluster.local/ns/bookinfo/sa/waypoint',
    enrollment: 'ambient', enrollmentReason: 'waypoint', isWaypoint: true, isIngressGateway: false, pods: 1,
    labels: { 'gateway.istio.io/managed': 'istio.io-mesh-controller', 'gateway.networking.k8s.io/gateway-name': 'waypoint' },
  }],
  services: [],
};

function ourGraph(): MeshGraph {
  const samples = {
    // q0/q1/q4 are empty; q2 and q3 return the same waypoint series (Kiali deduplicates them too).
    http: ['q0', 'q1', 'q2', 'q3'].flatMap((id) => toHttpSamples(vector(id))),
    tcp: [...toTcpSamples('receivedBytes', vector('q4'), 'source'), ...toTcpSamples('receivedBytes', vector('q5'), 'destination'), ...toTcpSamples('receivedBytes', vector('q6'), 'source')],
    latency: [],
  };
  return buildGraph(samples, inventory, { graphType: 'workload', namespaces: ['bookinfo'], duration: 600, queryTime: 1523364075, waypoints: 'show', idle: false });
}

const kialiWorkload = new Map(expected.elements.nodes.map((n) => [n.data.id, n.data.workload ?? '?']));
const kialiEdges = expected.elements.edges.flatMap((e) => [e.data, ...(e.data.waypoint?.fromEdge ? [e.data.waypoint.fromEdge] : [])]);

describe('Kiali ambient graph conformance', () => {
  const graph = ourGraph();
  const name = (id: string) => (graph.nodes.find((n) => n.id === id) as Extract<GraphNode, { kind: 'workload' }> | undefined)?.workload ?? id;

  it('has the same workloads, with the waypoint flagged', () => {
    expect(graph.nodes.map((n) => name(n.id)).sort()).toEqual([...kialiWorkload.values()].sort());
    expect(graph.nodes.find((n) => n.flags.waypoint)?.id).toBe('wl:Kubernetes:bookinfo:waypoint');
  });

  it('has the same edges, protocols and rates', () => {
    // One edge per hop may carry both layers: compare its L4 and L7 figures separately.
    const ours = graph.edges.flatMap((e) => [
      ...(e.tcp ? [`${name(e.source)} -> ${name(e.target)} tcp ${e.tcp.clientToServerBps}`] : []),
      ...(e.http ? [`${name(e.source)} -> ${name(e.target)} ${e.protocol} ${e.http.requestsPerSec}`] : []),
    ]).sort();
    const theirs = kialiEdges.map((d) => {
      const protocol = d.traffic?.protocol ?? '?';
      return `${kialiWorkload.get(d.source ?? '')} -> ${kialiWorkload.get(d.target ?? '')} ${protocol} ${Number(d.traffic?.rates[protocol])}`;
    });
    // Kiali's fromEdge for productpage -> waypoint names productpage as both ends; its traffic is the
    // waypoint -> productpage series (150), which is what we draw (see CONFORMANCE.md).
    const fixed = theirs.map((e) => (e === 'productpage-v1 -> productpage-v1 tcp 150' ? 'waypoint -> productpage-v1 tcp 150' : e));
    // Every L7 series of this fixture is the waypoint's: Kiali draws it client -> backend beside the
    // L4 hops; we draw it once, on the hops client -> waypoint and waypoint -> backend (CONFORMANCE.md).
    const hops = new Map<string, number>();
    const onHops = fixed.filter((e) => {
      const m = /^(\S+) -> (\S+) (http|grpc) (\S+)$/.exec(e);
      if (!m) return true;
      for (const hop of [`${m[1]} -> waypoint ${m[3]}`, `waypoint -> ${m[2]} ${m[3]}`]) hops.set(hop, (hops.get(hop) ?? 0) + Number(m[4]));
      return false;
    });
    expect(ours).toEqual([...onHops, ...[...hops].map(([hop, rate]) => `${hop} ${rate}`)].sort());
  });

  it('has the same node traffic totals', () => {
    for (const n of expected.elements.nodes) {
      const rates = Object.assign({}, ...(n.data.traffic ?? []).map((t) => t.rates)) as Record<string, string>;
      const node = graph.nodes.find((x) => name(x.id) === n.data.workload);
      // The waypoint's own L7 totals: what it carried, in and out (Kiali leaves them at 0).
      const waypointL7 = node?.flags.waypoint ? kialiEdges.reduce((sum, d) => sum + Number(d.traffic?.rates.http ?? 0), 0) : 0;
      expect(node?.traffic, n.data.workload).toEqual({
        tcpInBps: Number(rates.tcpIn ?? 0),
        tcpOutBps: Number(rates.tcpOut ?? 0),
        httpInRps: Number(rates.httpIn ?? 0) + waypointL7,
        httpOutRps: Number(rates.httpOut ?? 0) + waypointL7,
      });
    }
  });
});
