import type { Inventory } from '@/lib/graph/inventory';
import type { Enrollment, GraphNode, MeshGraph } from '@/lib/graph/model';
import { parseSecurityPolicies } from '@/lib/authz';
import type { MigrationInput, PlanEdge, PlanEdgePeer, PlanRoute } from './plan';

// Cluster objects + inventory + the namespace's traffic graph -> the planner's input. Pure: the
// server (lib/server/migration.ts) and the CLI read the cluster and hand the objects here.

interface RawObject { metadata?: { namespace?: string; name?: string }; spec?: unknown }

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const rec = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/** VirtualService hosts and HTTPRoute parent Services (a route attached to a Gateway only is not mesh routing). */
export function routesOf(virtualServices: readonly RawObject[], httpRoutes: readonly RawObject[]): PlanRoute[] {
  const ref = (o: RawObject) => ({ namespace: o.metadata?.namespace ?? '', name: o.metadata?.name ?? '' });
  const vs = virtualServices.map((o): PlanRoute => {
    const spec = rec(o.spec);
    // A VirtualService bound only to gateways routes ingress traffic, not the mesh's.
    const gateways = arr(spec.gateways).map(str).filter((g): g is string => !!g);
    const mesh = gateways.length === 0 || gateways.includes('mesh');
    return { kind: 'VirtualService', ...ref(o), targets: mesh ? arr(spec.hosts).map(str).filter((h): h is string => !!h) : [] };
  }).filter((r) => r.targets.length > 0);
  const hr = httpRoutes.map((o): PlanRoute => {
    const parents = arr(rec(o.spec).parentRefs).map(rec).filter((p) => str(p.kind) === 'Service');
    return { kind: 'HTTPRoute', ...ref(o), targets: parents.map((p) => str(p.name)).filter((n): n is string => !!n) };
  }).filter((r) => r.targets.length > 0);
  return [...vs, ...hr];
}

function peerOf(n: GraphNode | undefined, inventory: Inventory): PlanEdgePeer | undefined {
  if (!n || n.kind !== 'workload' || n.flags.inaccessible) return undefined;
  const enrollment: Enrollment = inventory.workloads.find((w) => w.namespace === n.namespace && w.name === n.workload)?.enrollment ?? n.enrollment;
  return { namespace: n.namespace, name: n.workload, enrollment };
}

export function edgesOf(graph: MeshGraph, inventory: Inventory): PlanEdge[] {
  const nodes = new Map(graph.nodes.map((n) => [n.id, n]));
  return graph.edges.flatMap((e) => {
    const source = peerOf(nodes.get(e.source), inventory);
    const target = peerOf(nodes.get(e.target), inventory);
    return source && target ? [{ source, target, protocol: e.protocol }] : [];
  });
}

export function migrationInput(args: {
  namespace: string;
  rootNamespace: string;
  inventory: Inventory;
  graph: MeshGraph;
  authorizationPolicies: readonly unknown[];
  virtualServices: readonly RawObject[];
  httpRoutes: readonly RawObject[];
}): MigrationInput {
  const ns = args.inventory.namespaces.find((n) => n.name === args.namespace);
  return {
    namespace: args.namespace,
    trustDomain: args.inventory.trustDomain,
    rootNamespace: args.rootNamespace,
    namespaceLabels: ns?.labels ?? {},
    services: args.inventory.services.filter((s) => s.namespace === args.namespace).map((s) => s.name),
    // Waypoints and gateways are the mesh's own proxies: they keep their Envoy and are not migrated.
    workloads: args.inventory.workloads.filter((w) => !w.isWaypoint && !w.isIngressGateway).map((w) => ({ namespace: w.namespace, name: w.name, enrollment: w.enrollment, labels: w.labels, serviceAccount: w.serviceAccount })),
    authorizationPolicies: parseSecurityPolicies([...args.authorizationPolicies]).authorizationPolicies,
    routes: routesOf(args.virtualServices, args.httpRoutes),
    edges: edgesOf(args.graph, args.inventory),
  };
}
