// The resource types the simulated mesh keeps in the store. The kube-api server may register
// the same built-in types; registering twice is harmless (same key, objects kept).

import { typeKey, type ObjectStore, type ResourceType } from '../store';
import { standardResourceTypes } from '../kube-api/resources';

const core = (plural: string, kind: string, namespaced: boolean, extra: Partial<ResourceType> = {}): ResourceType => ({
  group: '',
  version: 'v1',
  plural,
  singular: kind.toLowerCase(),
  kind,
  namespaced,
  ...extra,
});

export const types = {
  namespaces: core('namespaces', 'Namespace', false, { shortNames: ['ns'] }),
  nodes: core('nodes', 'Node', false, { shortNames: ['no'] }),
  pods: core('pods', 'Pod', true, { shortNames: ['po'], subresources: ['log', 'portforward', 'status'] }),
  services: core('services', 'Service', true, { shortNames: ['svc'] }),
  serviceAccounts: core('serviceaccounts', 'ServiceAccount', true, { shortNames: ['sa'] }),
  deployments: { group: 'apps', version: 'v1', plural: 'deployments', singular: 'deployment', kind: 'Deployment', namespaced: true, shortNames: ['deploy'] },
  replicaSets: { group: 'apps', version: 'v1', plural: 'replicasets', singular: 'replicaset', kind: 'ReplicaSet', namespaced: true, shortNames: ['rs'] },
  daemonSets: { group: 'apps', version: 'v1', plural: 'daemonsets', singular: 'daemonset', kind: 'DaemonSet', namespaced: true, shortNames: ['ds'] },
  gateways: { group: 'gateway.networking.k8s.io', version: 'v1', plural: 'gateways', singular: 'gateway', kind: 'Gateway', namespaced: true, shortNames: ['gtw'] },
  httpRoutes: { group: 'gateway.networking.k8s.io', version: 'v1', plural: 'httproutes', singular: 'httproute', kind: 'HTTPRoute', namespaced: true },
  authorizationPolicies: { group: 'security.istio.io', version: 'v1', plural: 'authorizationpolicies', singular: 'authorizationpolicy', kind: 'AuthorizationPolicy', namespaced: true, shortNames: ['ap'] },
  peerAuthentications: { group: 'security.istio.io', version: 'v1', plural: 'peerauthentications', singular: 'peerauthentication', kind: 'PeerAuthentication', namespaced: true, shortNames: ['pa'] },
  requestAuthentications: { group: 'security.istio.io', version: 'v1', plural: 'requestauthentications', singular: 'requestauthentication', kind: 'RequestAuthentication', namespaced: true, shortNames: ['ra'] },
  istios: { group: 'sailoperator.io', version: 'v1', plural: 'istios', singular: 'istio', kind: 'Istio', namespaced: false, subresources: ['status'] },
  istioRevisions: { group: 'sailoperator.io', version: 'v1', plural: 'istiorevisions', singular: 'istiorevision', kind: 'IstioRevision', namespaced: false, shortNames: ['istiorev'], subresources: ['status'] },
  istioCNIs: { group: 'sailoperator.io', version: 'v1', plural: 'istiocnis', singular: 'istiocni', kind: 'IstioCNI', namespaced: false, subresources: ['status'] },
  // Sail 1.0 serves ZTunnel as v1alpha1; the API server stores CRD objects under the preferred
  // version (v1 once registered), so the store key is the v1 one.
  ztunnels: { group: 'sailoperator.io', version: 'v1', plural: 'ztunnels', singular: 'ztunnel', kind: 'ZTunnel', namespaced: false, subresources: ['status'] },
  ztunnelsV1alpha1: { group: 'sailoperator.io', version: 'v1alpha1', plural: 'ztunnels', singular: 'ztunnel', kind: 'ZTunnel', namespaced: false, subresources: ['status'] },
} satisfies Record<string, ResourceType>;

export type TypeName = keyof typeof types;

export const keys = Object.fromEntries(Object.entries(types).map(([n, t]) => [n, typeKey(t)])) as Record<TypeName, string>;

/** Registers the API server's standard types, then the mesh's extra ones (HTTPRoute, AuthorizationPolicy). */
export function registerMeshTypes(store: ObjectStore): void {
  for (const t of [...standardResourceTypes, ...Object.values(types)]) {
    if (!store.type(typeKey(t))) store.register(t);
  }
}
