import { describe, expect, it } from 'vitest';
import type { GraphEdge, GraphNode, MeshGraph } from '@/lib/graph/model';
import { focusNeighbourhood } from './focus';

const flags = { waypoint: false, ingressGateway: false, outside: false, inaccessible: false, idle: false };
const traffic = { tcpInBps: 0, tcpOutBps: 0, httpInRps: 0, httpOutRps: 0 };
const node = (ns: string, name: string, waypoint = false): GraphNode => ({ kind: 'workload', id: `wl:c:${ns}:${name}`, cluster: 'c', namespace: ns, workload: name, enrollment: 'ambient', notInInventory: false, flags: { ...flags, waypoint }, traffic });
const security = { mtlsShare: 1, mtlsShareByConnections: 1, sourcePrincipals: [], destinationPrincipals: [] };
const edge = (a: GraphNode, b: GraphNode, protocol: GraphEdge['protocol'] = 'tcp'): GraphEdge => ({ id: `${protocol}:${a.id}->${b.id}`, source: a.id, target: b.id, protocol, security, sourceCluster: 'c', destinationCluster: 'c' });

const gateway = node('ingress', 'gateway');
const product = node('shop', 'productpage');
const reviews = node('shop', 'reviews');
const ratings = node('shop', 'ratings');
const waypoint = node('shop', 'waypoint', true);
const other = node('team', 'cron');
const graph: MeshGraph = {
  graphType: 'workload', namespaces: ['shop', 'ingress', 'team'], window: { duration: 600, queryTime: 1 }, warnings: [],
  nodes: [gateway, product, reviews, ratings, waypoint, other],
  edges: [edge(gateway, product), edge(product, waypoint), edge(waypoint, reviews, 'http'), edge(reviews, ratings), edge(other, ratings)],
};

describe('focusNeighbourhood', () => {
  it('keeps the node, its callers and callees across namespaces, and only their edges with it', () => {
    const focused = focusNeighbourhood(graph, product.id);
    expect(focused.nodes.map((n) => n.id)).toEqual([gateway.id, product.id, waypoint.id]);
    expect(focused.edges.map((e) => e.id)).toEqual([graph.edges[0]?.id, graph.edges[1]?.id]);
  });

  it("a waypoint's node graph shows what it serves: its clients and backends", () => {
    const focused = focusNeighbourhood(graph, waypoint.id);
    expect(focused.nodes.map((n) => n.id)).toEqual([product.id, reviews.id, waypoint.id]);
    expect(focused.edges).toHaveLength(2);
  });

  it('an unknown focus gives an empty graph', () => {
    expect(focusNeighbourhood(graph, 'wl:c:shop:gone')).toMatchObject({ nodes: [], edges: [] });
  });
});
