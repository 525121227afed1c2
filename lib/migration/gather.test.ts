import { describe, expect, it } from 'vitest';
import type { MeshGraph } from '@/lib/graph/model';
import { edgesOf, migrationInput, routesOf } from './gather';
import { planMigration } from './plan';

// Cluster objects -> planner input: which routes count as mesh routing, which graph peers are named.

describe('routesOf', () => {
  it('keeps mesh VirtualServices and HTTPRoutes attached to a Service, not ingress-only ones', () => {
    const routes = routesOf(
      [
        { metadata: { namespace: 'frontend', name: 'catalog-canary' }, spec: { hosts: ['catalog'] } },
        { metadata: { namespace: 'frontend', name: 'edge' }, spec: { hosts: ['shop.example.com'], gateways: ['istio-ingress/gw'] } },
        { metadata: { namespace: 'frontend', name: 'both' }, spec: { hosts: ['web'], gateways: ['mesh', 'istio-ingress/gw'] } },
      ],
      [
        { metadata: { namespace: 'frontend', name: 'web-split' }, spec: { parentRefs: [{ kind: 'Service', group: '', name: 'web' }] } },
        { metadata: { namespace: 'frontend', name: 'ingress' }, spec: { parentRefs: [{ kind: 'Gateway', name: 'gw' }] } },
        { metadata: { namespace: 'frontend', name: 'broken' }, spec: 'not an object' },
      ],
    );
    expect(routes.map((r) => `${r.kind} ${r.name} ${r.targets.join(',')}`)).toEqual(['VirtualService catalog-canary catalog', 'VirtualService both web', 'HTTPRoute web-split web']);
  });
});

describe('migrationInput', () => {
  const node = (ns: string, name: string, extra: Partial<{ inaccessible: boolean }> = {}) => ({
    id: `wl:K:${ns}:${name}`, kind: 'workload' as const, cluster: 'K', namespace: ns, workload: name, enrollment: 'ambient' as const, notInInventory: false,
    flags: { waypoint: false, ingressGateway: false, outside: false, inaccessible: extra.inaccessible ?? false, idle: false }, traffic: { tcpInBps: 0, tcpOutBps: 0, httpInRps: 0, httpOutRps: 0 },
  });
  const graph: MeshGraph = {
    graphType: 'workload', namespaces: ['frontend'], window: { duration: 600, queryTime: 1 }, warnings: [],
    nodes: [node('frontend', 'web-v1'), node('bookinfo', 'productpage-v1'), node('secret', 'db', { inaccessible: true })],
    edges: [
      { id: 'a', source: 'wl:K:frontend:web-v1', target: 'wl:K:bookinfo:productpage-v1', protocol: 'http', security: { mtlsShare: 1, mtlsShareByConnections: null, sourcePrincipals: [], destinationPrincipals: [] }, sourceCluster: 'K', destinationCluster: 'K' },
      { id: 'b', source: 'wl:K:frontend:web-v1', target: 'wl:K:secret:db', protocol: 'tcp', security: { mtlsShare: 1, mtlsShareByConnections: null, sourcePrincipals: [], destinationPrincipals: [] }, sourceCluster: 'K', destinationCluster: 'K' },
    ],
  };
  const inventory = {
    trustDomain: 'cluster.local',
    namespaces: [{ name: 'frontend', labels: { 'istio-injection': 'enabled' }, ambientLabelled: false, discovered: true }],
    workloads: [{ cluster: 'K', namespace: 'frontend', name: 'web-v1', kind: 'Deployment', serviceAccount: 'web', principal: 'spiffe://cluster.local/ns/frontend/sa/web', enrollment: 'sidecar' as const, enrollmentReason: 'sidecar', isWaypoint: false, isIngressGateway: false, pods: 1, labels: { app: 'web' } }],
    services: [{ namespace: 'frontend', name: 'web', hostname: 'web.frontend.svc.cluster.local', workloads: ['web-v1'] }],
  };

  it('names graph peers with their enrollment, never an opaque (inaccessible) one', () => {
    expect(edgesOf(graph, inventory).map((e) => `${e.source.name}(${e.source.enrollment}) -> ${e.target.name}(${e.target.enrollment})`)).toEqual(['web-v1(sidecar) -> productpage-v1(ambient)']);
  });

  it('parses AuthorizationPolicies as written and plans from them', () => {
    const ap = { apiVersion: 'security.istio.io/v1', kind: 'AuthorizationPolicy', metadata: { namespace: 'frontend', name: 'web-get' }, spec: { selector: { matchLabels: { app: 'web' } }, rules: [{ to: [{ operation: { methods: ['GET'] } }] }] } };
    const plan = planMigration(migrationInput({ namespace: 'frontend', rootNamespace: 'istio-system', inventory, graph, authorizationPolicies: [ap], virtualServices: [], httpRoutes: [] }));
    expect(plan.items.filter((i) => i.severity === 'blocker').map((i) => i.object?.name)).toEqual(['web-get']);
    expect(plan.counts).toEqual({ sidecar: 1, ambient: 0, none: 0 });
  });
});
