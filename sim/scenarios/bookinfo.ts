// Bookinfo as the Sail Operator ambient guide leaves it, plus the cases a console must show:
// a waypoint for reviews (L7), a plaintext client in a non-enrolled namespace, an egress call,
// a pod enrolled on paper but not redirected, an opted-out pod, a denied connection and a
// namespace istiod does not discover.

import type { KubeObject } from '../store';
import type { BuildOptions, FlowSpec, Scenario } from './types';
import { BuildContext } from './objects';
import { buildControlPlane, DISCOVERY } from './control-plane';
import { generateGatewayResources } from '../mesh/gateway-resources';
import { applyInitialRedirection } from './redirection';
import { bookinfoApp, BOOKINFO_APPS } from './bookinfo-apps';
import { bookinfoPolicies } from './bookinfo-policies';

export const BOOKINFO_NODES = ['ambient-control-plane', 'ambient-worker', 'ambient-worker2'];
const [CP, W1, W2] = BOOKINFO_NODES as [string, string, string];
const AMBIENT = { 'istio.io/dataplane-mode': 'ambient' };

export const EXTERNAL_IP = '203.0.113.50';

export function buildBookinfo(options: BuildOptions = {}): Scenario {
  const ctx = bookinfoObjects(options);
  bookinfoPolicies(ctx);
  applyInitialRedirection(ctx.objects, new Set(['bookinfo/mysqldb-v1']));
  return { name: 'bookinfo', seed: ctx.seed, clusterId: 'Kubernetes', trustDomain: 'cluster.local', objects: ctx.objects, flows: bookinfoFlows(), nearExpiryIdentities: ['spiffe://cluster.local/ns/bookinfo/sa/bookinfo-ratings'] };
}

/** The scenario's objects before istio-cni has run (variants add theirs, then apply redirection). */
export function bookinfoObjects(options: BuildOptions = {}): BuildContext {
  const seed = options.seed ?? 'bookinfo';
  const createdAt = options.createdAt ?? Date.UTC(2025, 0, 10, 9, 0, 0) / 1000;
  const ctx = new BuildContext(seed, new Date(createdAt * 1000).toISOString().replace('.000Z', 'Z'));
  for (const n of BOOKINFO_NODES) ctx.node(n, n === CP ? { 'node-role.kubernetes.io/control-plane': '' } : {});
  buildControlPlane(ctx, BOOKINFO_NODES);

  ctx.namespace('bookinfo', { ...AMBIENT, ...DISCOVERY });
  for (const app of BOOKINFO_APPS) bookinfoApp(ctx, app);

  // Ingress gateway (Gateway API) and the waypoint used by reviews.
  const ingress = ctx.add('gateways', bookinfoGateway(ctx));
  Object.assign(ingress, generateGatewayResources(ctx, ingress, [W1]));
  ctx.add('httpRoutes', bookinfoRoute(ctx));
  const waypoint = ctx.add('gateways', {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    metadata: { ...ctx.meta('Gateway', 'bookinfo', 'waypoint', { 'istio.io/waypoint-for': 'service' }), generation: 1 },
    spec: { gatewayClassName: 'istio-waypoint', listeners: [{ name: 'mesh', port: 15008, protocol: 'HBONE' }] },
  });
  Object.assign(waypoint, generateGatewayResources(ctx, waypoint, [W2]));

  // Enrolled on paper (namespace label) but istio-cni never annotated it.
  simpleApp(ctx, 'bookinfo', 'mysqldb', 'v1', 3306, CP);
  // Opted out inside an ambient namespace.
  simpleApp(ctx, 'bookinfo', 'loadgen', 'v1', undefined, CP, {}, { 'istio.io/dataplane-mode': 'none' });
  ctx.add('authorizationPolicies', {
    apiVersion: 'security.istio.io/v1',
    kind: 'AuthorizationPolicy',
    metadata: { ...ctx.meta('AuthorizationPolicy', 'bookinfo', 'ratings-deny-frontend'), generation: 1 },
    spec: { selector: { matchLabels: { app: 'ratings' } }, action: 'DENY', rules: [{ from: [{ source: { namespaces: ['frontend'] } }] }] },
  });

  ctx.namespace('frontend', { ...AMBIENT, ...DISCOVERY });
  simpleApp(ctx, 'frontend', 'web', 'v1', 8080, W2);
  ctx.namespace('legacy', DISCOVERY);
  simpleApp(ctx, 'legacy', 'legacy-client', 'v1', undefined, W1);
  ctx.namespace('tools');
  simpleApp(ctx, 'tools', 'scanner', 'v1', undefined, W2);
  return ctx;
}

const svc = (namespace: string, name: string, port = 9080) => ({ kind: 'service' as const, namespace, name, port });
const from = (namespace: string, workload: string) => ({ namespace, workload });

/** The constant rates of the scenario (the `live` profile varies them smoothly around these). */
export function bookinfoFlows(): FlowSpec[] {
  return [
    { id: 'ingress-productpage', client: from('bookinfo', 'bookinfo-gateway-istio'), target: svc('bookinfo', 'productpage'), requestBytesPerSecond: 6000, responseBytesPerSecond: 120000, connectionsPerSecond: 2 },
    { id: 'productpage-details', client: from('bookinfo', 'productpage-v1'), target: svc('bookinfo', 'details'), requestBytesPerSecond: 2400, responseBytesPerSecond: 4800, connectionsPerSecond: 0.5 },
    { id: 'productpage-reviews', client: from('bookinfo', 'productpage-v1'), target: svc('bookinfo', 'reviews'), requestBytesPerSecond: 3600, responseBytesPerSecond: 9000, connectionsPerSecond: 0.6, http: { requestsPerSecond: 12, errorShare: 0.1, latencyMs: 20, requests: [{ method: 'GET', path: '/reviews/0', share: 0.95 }, { method: 'POST', path: '/reviews/0', share: 0.05 }] } },
    { id: 'reviews-v2-ratings', client: from('bookinfo', 'reviews-v2'), target: svc('bookinfo', 'ratings'), requestBytesPerSecond: 1000, responseBytesPerSecond: 1500, connectionsPerSecond: 0.25 },
    { id: 'reviews-v3-ratings', client: from('bookinfo', 'reviews-v3'), target: svc('bookinfo', 'ratings'), requestBytesPerSecond: 1000, responseBytesPerSecond: 1500, connectionsPerSecond: 0.25 },
    { id: 'ratings-egress', client: from('bookinfo', 'ratings-v1'), target: { kind: 'external', ip: EXTERNAL_IP, port: 443 }, requestBytesPerSecond: 500, responseBytesPerSecond: 2000, connectionsPerSecond: 0.1 },
    { id: 'ratings-mysqldb', client: from('bookinfo', 'ratings-v1'), target: svc('bookinfo', 'mysqldb', 3306), requestBytesPerSecond: 800, responseBytesPerSecond: 3200, connectionsPerSecond: 0.2 },
    { id: 'loadgen-productpage', client: from('bookinfo', 'loadgen-v1'), target: svc('bookinfo', 'productpage'), requestBytesPerSecond: 1500, responseBytesPerSecond: 30000, connectionsPerSecond: 0.5 },
    { id: 'legacy-productpage', client: from('legacy', 'legacy-client-v1'), target: svc('bookinfo', 'productpage'), requestBytesPerSecond: 1000, responseBytesPerSecond: 20000, connectionsPerSecond: 0.25 },
    { id: 'web-productpage', client: from('frontend', 'web-v1'), target: svc('bookinfo', 'productpage'), requestBytesPerSecond: 2000, responseBytesPerSecond: 40000, connectionsPerSecond: 0.5 },
    { id: 'web-ratings-denied', client: from('frontend', 'web-v1'), target: svc('bookinfo', 'ratings'), requestBytesPerSecond: 400, responseBytesPerSecond: 0, connectionsPerSecond: 0.3 },
    { id: 'scanner-productpage', client: from('tools', 'scanner-v1'), target: svc('bookinfo', 'productpage'), requestBytesPerSecond: 200, responseBytesPerSecond: 400, connectionsPerSecond: 0.05 },
  ];
}

/** A one-pod Deployment with SA, app/version labels and (when it listens) a Service. */
export function simpleApp(ctx: BuildContext, namespace: string, app: string, version: string, port: number | undefined, node: string, podAnnotations: Record<string, string> = {}, podLabels: Record<string, string> = {}): void {
  ctx.serviceAccount(namespace, app, { account: app });
  if (port !== undefined) ctx.service(namespace, app, { labels: { app, service: app }, selector: { app }, ports: [{ port, name: port === 3306 ? 'tcp-mysql' : 'http' }] });
  ctx.deployment({
    namespace,
    name: `${app}-${version}`,
    labels: { app, version },
    selector: { app, version },
    podLabels: { app, version, ...podLabels },
    podAnnotations,
    podSpec: { serviceAccountName: app, containers: [{ name: app, image: `docker.io/example/${app}:1.0`, imagePullPolicy: 'IfNotPresent', ...(port ? { ports: [{ containerPort: port }] } : {}) }] },
    nodes: [node],
  });
}

function bookinfoGateway(ctx: BuildContext): KubeObject {
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    metadata: { ...ctx.meta('Gateway', 'bookinfo', 'bookinfo-gateway'), generation: 1 },
    spec: { gatewayClassName: 'istio', listeners: [{ name: 'http', port: 80, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'Same' } } }] },
  };
}

function bookinfoRoute(ctx: BuildContext): KubeObject {
  const match = (type: string, value: string) => ({ path: { type, value } });
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { ...ctx.meta('HTTPRoute', 'bookinfo', 'bookinfo'), generation: 1 },
    spec: {
      parentRefs: [{ name: 'bookinfo-gateway' }],
      rules: [{
        matches: [match('Exact', '/productpage'), match('PathPrefix', '/static'), match('Exact', '/login'), match('Exact', '/logout'), match('PathPrefix', '/api/v1/products')],
        backendRefs: [{ name: 'productpage', port: 9080 }],
      }],
    },
  };
}
