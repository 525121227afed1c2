// Test data for the pure graph modules: Bookinfo in ambient, shaped like lib/graph/model.ts.
// Not imported by the app.
import type { GraphEdge, GraphNode, MeshGraph, NodeFlags, WorkloadNode } from '@/lib/graph/model';

const flags = (over: Partial<NodeFlags> = {}): NodeFlags => ({ waypoint: false, ingressGateway: false, outside: false, inaccessible: false, idle: false, ...over });
const traffic = { tcpInBps: 0, tcpOutBps: 0, httpInRps: 0, httpOutRps: 0 };

export function workload(namespace: string, name: string, over: Partial<WorkloadNode> = {}): WorkloadNode {
  const app = name.replace(/-v\d+$/, '');
  const version = /-(v\d+)$/.exec(name)?.[1];
  return {
    kind: 'workload',
    id: `Kubernetes/${namespace}/${name}`,
    cluster: 'Kubernetes',
    namespace,
    workload: name,
    app,
    ...(version ? { version } : {}),
    serviceAccount: `bookinfo-${app}`,
    principal: `spiffe://cluster.local/ns/${namespace}/sa/bookinfo-${app}`,
    enrollment: 'ambient',
    protocol: 'HBONE',
    notInInventory: false,
    flags: flags(),
    traffic: { ...traffic },
    ...over,
  };
}

export function tcpEdge(source: GraphNode, target: GraphNode, bps: number, mtlsShare: number | null, over: Partial<GraphEdge> = {}): GraphEdge {
  const principal = (n: GraphNode) => (n.kind === 'workload' && n.principal ? [n.principal] : []);
  return {
    id: `${source.id}->${target.id}`,
    source: source.id,
    target: target.id,
    protocol: 'tcp',
    tcp: { clientToServerBps: bps * 0.3, serverToClientBps: bps * 0.7, connectionsOpenedPerSec: 0.5, connectionsClosedPerSec: 0.5, deniedPerSec: 0, connectFailedPerSec: 0 },
    security: {
      mtlsShare,
      mtlsShareByConnections: mtlsShare,
      sourcePrincipals: mtlsShare ? principal(source) : [],
      destinationPrincipals: principal(target),
      ...(mtlsShare === 1 ? {} : { reason: mtlsShare === null ? undefined : mtlsShare > 0 ? 'partial' : 'not-mtls' }),
    },
    sourceCluster: source.cluster,
    destinationCluster: target.cluster,
    ...over,
  };
}

/** Bookinfo behind a waypoint, a non-mesh client, an egress call, a partial edge and a sidecar pod. */
export function bookinfo(): MeshGraph {
  const productpage = workload('bookinfo', 'productpage-v1');
  const details = workload('bookinfo', 'details-v1');
  const reviews1 = workload('bookinfo', 'reviews-v1', { usesWaypoint: 'bookinfo/waypoint' });
  const reviews2 = workload('bookinfo', 'reviews-v2', { usesWaypoint: 'bookinfo/waypoint' });
  const reviews3 = workload('bookinfo', 'reviews-v3', { enrollment: 'sidecar', protocol: 'TCP' });
  const ratings = workload('bookinfo', 'ratings-v1');
  const waypoint = workload('bookinfo', 'waypoint', { app: undefined, serviceAccount: 'waypoint', principal: 'spiffe://cluster.local/ns/bookinfo/sa/waypoint', flags: flags({ waypoint: true }) });
  const loadgen = workload('legacy', 'loadgen', { enrollment: 'none', protocol: 'TCP', principal: undefined, flags: flags({ outside: true }) });
  const unknown: GraphNode = { kind: 'unknown', id: 'unknown', cluster: 'unknown', namespace: 'unknown', flags: flags(), traffic: { ...traffic } };
  const external: GraphNode = { kind: 'external', id: 'external:api.example.com', cluster: 'unknown', namespace: 'unknown', address: 'api.example.com', flags: flags(), traffic: { ...traffic } };
  const nodes: GraphNode[] = [productpage, details, reviews1, reviews2, reviews3, ratings, waypoint, loadgen, unknown, external];
  const edges: GraphEdge[] = [
    tcpEdge(unknown, productpage, 2000, 0, { security: { mtlsShare: 0, mtlsShareByConnections: 0, sourcePrincipals: [], destinationPrincipals: [productpage.principal ?? ''], reason: 'non-mesh-client' } }),
    tcpEdge(loadgen, productpage, 5000, 0, { security: { mtlsShare: 0, mtlsShareByConnections: 0, sourcePrincipals: [], destinationPrincipals: [productpage.principal ?? ''], reason: 'non-mesh-client' } }),
    tcpEdge(productpage, details, 12000, 1),
    tcpEdge(productpage, waypoint, 30000, 1, {
      protocol: 'http',
      http: { requestsPerSec: 12, byClass: { '2xx': 11.5, '3xx': 0, '4xx': 0, '5xx': 0.5, noResponse: 0 }, errorShare: 0.5 / 12, latencyMs: { p50: 8, p95: 35, p99: 80 } },
    }),
    tcpEdge(waypoint, reviews1, 9000, 1),
    tcpEdge(waypoint, reviews2, 9000, 1),
    tcpEdge(productpage, reviews3, 8000, 0.4),
    tcpEdge(reviews2, ratings, 3000, 1),
    tcpEdge(reviews3, ratings, 1000, 0),
    tcpEdge(ratings, external, 500, 0, { security: { mtlsShare: 0, mtlsShareByConnections: 0, sourcePrincipals: [], destinationPrincipals: [], reason: 'external-destination' } }),
  ];
  return { graphType: 'workload', namespaces: ['bookinfo'], window: { duration: 600, queryTime: 1_760_000_000 }, nodes, edges, warnings: [] };
}

/** A synthetic mesh: `namespaces` namespaces of `perNamespace` workloads, edges mostly inside a namespace. */
export function largeMesh(namespaces: number, perNamespace: number): MeshGraph {
  const nodes: WorkloadNode[] = [];
  const edges: GraphEdge[] = [];
  for (let n = 0; n < namespaces; n += 1) {
    for (let w = 0; w < perNamespace; w += 1) nodes.push(workload(`ns-${n}`, `svc-${w}`));
  }
  nodes.forEach((node, i) => {
    const ns = Math.floor(i / perNamespace);
    const next = nodes[i + 1];
    if (next && Math.floor((i + 1) / perNamespace) === ns) edges.push(tcpEdge(node, next, 1000 + i, i % 7 === 0 ? 0 : 1));
    const far = nodes[(i * 37 + perNamespace) % nodes.length];
    if (i % 6 === 0 && far && far !== node) edges.push(tcpEdge(node, far, 500, 1));
  });
  const unique = [...new Map(edges.map((e) => [e.id, e])).values()];
  return { graphType: 'workload', namespaces: [...new Set(nodes.map((n) => n.namespace))], window: { duration: 600, queryTime: 1_760_000_000 }, nodes, edges: unique, warnings: [] };
}
