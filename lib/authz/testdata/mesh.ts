// A Bookinfo mesh in ambient mode, shaped like the reference sample (4 services on 9080, service
// accounts bookinfo-<svc>, reviews v1/v2/v3), plus a waypoint, an ingress gateway, a plaintext
// namespace and a sidecar namespace. Policies are written as YAML, as users write them.
import { parseAllDocuments } from 'yaml';
import { parseSecurityPolicies } from '../parse';
import type { AuthzInput, MeshService, MeshWaypoint, MeshWorkload } from '../input';

export const principal = (ns: string, sa: string) => `cluster.local/ns/${ns}/sa/${sa}`;
export const spiffe = (ns: string, sa: string) => `spiffe://${principal(ns, sa)}`;
export const WAYPOINT_PRINCIPAL = principal('bookinfo', 'waypoint');

function workload(namespace: string, name: string, app: string, sa: string, node: string, ip: string, extra: Partial<MeshWorkload> = {}): MeshWorkload {
  const version = name.match(/-(v\d+)$/)?.[1];
  return { namespace, name, labels: { app, ...(version ? { version } : {}) }, serviceAccount: sa, node, ambient: true, sidecar: false, ips: [ip], ...extra };
}

function service(namespace: string, name: string, port = 9080, targetPort?: number): MeshService {
  return { namespace, name, labels: {}, selector: { app: name }, ports: [{ port, ...(targetPort ? { targetPort } : {}), name: 'http' }], hostname: `${name}.${namespace}.svc.cluster.local` };
}

export interface MeshOptions {
  /** Multi-document YAML of security.istio.io objects. */
  policies?: string;
  /** Service name -> waypoint name, as the istio.io/use-waypoint label. */
  serviceWaypoints?: Record<string, string>;
  waypoint?: Partial<MeshWaypoint>;
  tweak?: (input: AuthzInput) => void;
}

export function bookinfo(opts: MeshOptions = {}): AuthzInput {
  const docs = parseAllDocuments(opts.policies ?? '').map((d) => d.toJSON() as unknown).filter((d) => d !== null);
  const parsed = parseSecurityPolicies(docs);
  const services = [service('bookinfo', 'productpage'), service('bookinfo', 'details'), service('bookinfo', 'reviews'), service('bookinfo', 'ratings'), service('mixed', 'httpbin', 8000, 80)];
  for (const [name, wp] of Object.entries(opts.serviceWaypoints ?? {})) {
    const s = services.find((x) => x.name === name);
    if (s) s.labels['istio.io/use-waypoint'] = wp;
  }
  const input: AuthzInput = {
    rootNamespace: 'istio-system',
    trustDomain: 'cluster.local',
    namespaces: [
      { name: 'istio-system', labels: {} },
      { name: 'bookinfo', labels: { 'istio.io/dataplane-mode': 'ambient' } },
      { name: 'legacy', labels: {} },
      { name: 'mixed', labels: { 'istio-injection': 'enabled' } },
    ],
    workloads: [
      workload('bookinfo', 'productpage-v1', 'productpage', 'bookinfo-productpage', 'w1', '10.0.1.10'),
      workload('bookinfo', 'details-v1', 'details', 'bookinfo-details', 'w1', '10.0.1.11'),
      workload('bookinfo', 'reviews-v1', 'reviews', 'bookinfo-reviews', 'w2', '10.0.1.12'),
      workload('bookinfo', 'reviews-v2', 'reviews', 'bookinfo-reviews', 'w2', '10.0.1.13'),
      workload('bookinfo', 'reviews-v3', 'reviews', 'bookinfo-reviews', 'w3', '10.0.1.14'),
      workload('bookinfo', 'ratings-v1', 'ratings', 'bookinfo-ratings', 'w3', '10.0.1.15'),
      workload('bookinfo', 'bookinfo-gateway-istio', 'bookinfo-gateway-istio', 'bookinfo-gateway-istio', 'w1', '10.0.1.20', {
        ambient: false,
        gateway: 'ingress',
        labels: { 'gateway.networking.k8s.io/gateway-name': 'bookinfo-gateway' },
      }),
      workload('bookinfo', 'waypoint', 'waypoint', 'waypoint', 'w2', '10.0.1.30', { ambient: false, gateway: 'waypoint', labels: { 'gateway.networking.k8s.io/gateway-name': 'waypoint' } }),
      workload('legacy', 'sleep-v1', 'sleep', 'sleep', 'w1', '10.0.2.5', { ambient: false }),
      workload('mixed', 'httpbin-v1', 'httpbin', 'httpbin', 'w2', '10.0.3.5', { ambient: false, sidecar: true }),
      workload('mixed', 'curl-v1', 'curl', 'curl', 'w3', '10.0.3.6', { ambient: false, sidecar: true }),
    ],
    services,
    waypoints: [{ namespace: 'bookinfo', name: 'waypoint', programmed: true, trafficType: 'service', ips: ['10.0.1.30'], ...opts.waypoint }],
    ...parsed,
  };
  opts.tweak?.(input);
  return input;
}
