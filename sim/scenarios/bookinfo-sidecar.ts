// Bookinfo half-migrated, as a mesh looks for weeks while following Istio's sidecar-to-ambient
// guide: `bookinfo` already ambient, `frontend` still on sidecars (istio-injection=enabled), traffic
// across both ways, and every mixed case a console must draw: sidecar -> sidecar (HTTP and TCP),
// sidecar -> ambient (one call denied by policy), ambient -> sidecar, a plaintext non-mesh client
// into a sidecar (PERMISSIVE), sidecar -> non-mesh pod and sidecar -> an outside address.
// Everything else is the bookinfo scenario unchanged.

import type { BuildOptions, FlowSpec, Scenario } from './types';
import type { BuildContext } from './objects';
import { bookinfoFlows, bookinfoObjects, BOOKINFO_NODES, EXTERNAL_IP, simpleApp } from './bookinfo';
import { applyInitialInjection } from './injection';
import { applyInitialRedirection } from './redirection';
import { DATAPLANE_MODE } from '../mesh/enrollment';
import { INJECTION_LABEL } from '../mesh/injection';

const [, W1, W2] = BOOKINFO_NODES as [string, string, string];
const CLUSTER = 'Kubernetes';
const TRUST_DOMAIN = 'cluster.local';

export function buildBookinfoSidecar(options: BuildOptions = {}): Scenario {
  const ctx = bookinfoObjects(options);
  const frontend = ctx.objects.find((o) => o.type === 'namespaces' && o.object.metadata.name === 'frontend')?.object;
  if (!frontend) throw new Error('bookinfo scenario has no frontend namespace');
  const labels: Record<string, string> = { ...frontend.metadata.labels, [INJECTION_LABEL]: 'enabled' };
  delete labels[DATAPLANE_MODE];
  frontend.metadata.labels = labels;
  simpleApp(ctx, 'frontend', 'catalog', 'v1', 8080, W1);
  redisApp(ctx, 'frontend', 'cache', W2);
  // A non-mesh server the sidecars call in plaintext.
  simpleApp(ctx, 'legacy', 'inventory', 'v1', 8080, W2);

  applyInitialInjection(ctx.objects, CLUSTER, TRUST_DOMAIN);
  applyInitialRedirection(ctx.objects, new Set(['bookinfo/mysqldb-v1']));
  return { name: 'sidecar', seed: ctx.seed, clusterId: CLUSTER, trustDomain: TRUST_DOMAIN, objects: ctx.objects, flows: sidecarFlows(), nearExpiryIdentities: ['spiffe://cluster.local/ns/bookinfo/sa/bookinfo-ratings'] };
}

const svc = (namespace: string, name: string, port: number) => ({ kind: 'service' as const, namespace, name, port });
const from = (namespace: string, workload: string) => ({ namespace, workload });

/** Bookinfo's flows (web's now leave a sidecar, so they carry request figures) and the mixed ones. */
export function sidecarFlows(): FlowSpec[] {
  const http = (requestsPerSecond: number, errorShare: number, latencyMs: number) => ({ requestsPerSecond, errorShare, latencyMs });
  const base = bookinfoFlows().map((f) => {
    if (f.id === 'web-productpage') return { ...f, http: http(5, 0, 30) };
    if (f.id === 'web-ratings-denied') return { ...f, http: http(3, 0, 5) };
    return f;
  });
  return [
    ...base,
    { id: 'web-catalog', client: from('frontend', 'web-v1'), target: svc('frontend', 'catalog', 8080), requestBytesPerSecond: 1200, responseBytesPerSecond: 6000, connectionsPerSecond: 0.4, http: http(8, 0.05, 15) },
    { id: 'catalog-cache', client: from('frontend', 'catalog-v1'), target: svc('frontend', 'cache', 6379), requestBytesPerSecond: 300, responseBytesPerSecond: 900, connectionsPerSecond: 0.2 },
    { id: 'productpage-catalog', client: from('bookinfo', 'productpage-v1'), target: svc('frontend', 'catalog', 8080), requestBytesPerSecond: 800, responseBytesPerSecond: 4000, connectionsPerSecond: 0.3, http: http(6, 0, 12) },
    { id: 'legacy-catalog', client: from('legacy', 'legacy-client-v1'), target: svc('frontend', 'catalog', 8080), requestBytesPerSecond: 400, responseBytesPerSecond: 2000, connectionsPerSecond: 0.1, http: http(2, 0, 12) },
    { id: 'catalog-inventory', client: from('frontend', 'catalog-v1'), target: svc('legacy', 'inventory', 8080), requestBytesPerSecond: 500, responseBytesPerSecond: 2500, connectionsPerSecond: 0.2, http: http(4, 0.25, 40) },
    { id: 'catalog-egress', client: from('frontend', 'catalog-v1'), target: { kind: 'external', ip: EXTERNAL_IP, port: 443 }, requestBytesPerSecond: 300, responseBytesPerSecond: 1200, connectionsPerSecond: 0.05 },
  ];
}

/** A one-pod TCP service (port named tcp-redis, so Istio treats it as TCP). */
function redisApp(ctx: BuildContext, namespace: string, app: string, node: string): void {
  ctx.serviceAccount(namespace, app, { account: app });
  ctx.service(namespace, app, { labels: { app, service: app }, selector: { app }, ports: [{ port: 6379, name: 'tcp-redis' }] });
  ctx.deployment({
    namespace,
    name: `${app}-v1`,
    labels: { app, version: 'v1' },
    selector: { app, version: 'v1' },
    podLabels: { app, version: 'v1' },
    podSpec: { serviceAccountName: app, containers: [{ name: app, image: 'docker.io/library/redis:7.4', imagePullPolicy: 'IfNotPresent', ports: [{ containerPort: 6379 }] }] },
    nodes: [node],
  });
}
