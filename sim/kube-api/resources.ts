// The resource types a simulated ambient cluster serves. The mesh registers these with
// store.register; the API server serves whatever the store has registered.
import type { ResourceType } from '../store';

const core = (plural: string, singular: string, kind: string, namespaced: boolean, extra: Partial<ResourceType> = {}): ResourceType => ({
  group: '',
  version: 'v1',
  plural,
  singular,
  kind,
  namespaced,
  ...extra,
});

const sail = (version: string, plural: string, singular: string, kind: string): ResourceType => ({
  group: 'sailoperator.io',
  version,
  plural,
  singular,
  kind,
  namespaced: false,
  subresources: ['status'],
});

export const standardResourceTypes: readonly ResourceType[] = [
  core('namespaces', 'namespace', 'Namespace', false, { shortNames: ['ns'], subresources: ['status'] }),
  core('pods', 'pod', 'Pod', true, { shortNames: ['po'], subresources: ['deletecollection', 'status', 'log', 'portforward', 'proxy'] }),
  core('services', 'service', 'Service', true, { shortNames: ['svc'], subresources: ['deletecollection', 'status'] }),
  core('serviceaccounts', 'serviceaccount', 'ServiceAccount', true, { shortNames: ['sa'], subresources: ['deletecollection'] }),
  core('nodes', 'node', 'Node', false, { shortNames: ['no'], subresources: ['deletecollection', 'status'] }),
  core('configmaps', 'configmap', 'ConfigMap', true, { shortNames: ['cm'], subresources: ['deletecollection'] }),
  core('endpoints', 'endpoints', 'Endpoints', true, { shortNames: ['ep'], subresources: ['deletecollection'] }),
  // Read by kubectl describe (events of the object; quotas and limit ranges of a namespace).
  core('events', 'event', 'Event', true, { shortNames: ['ev'], subresources: ['deletecollection'] }),
  core('resourcequotas', 'resourcequota', 'ResourceQuota', true, { shortNames: ['quota'], subresources: ['deletecollection', 'status'] }),
  core('limitranges', 'limitrange', 'LimitRange', true, { shortNames: ['limits'], subresources: ['deletecollection'] }),
  { group: 'apps', version: 'v1', plural: 'deployments', singular: 'deployment', kind: 'Deployment', namespaced: true, shortNames: ['deploy'], subresources: ['deletecollection', 'status'] },
  { group: 'apps', version: 'v1', plural: 'replicasets', singular: 'replicaset', kind: 'ReplicaSet', namespaced: true, shortNames: ['rs'], subresources: ['deletecollection', 'status'] },
  { group: 'apps', version: 'v1', plural: 'statefulsets', singular: 'statefulset', kind: 'StatefulSet', namespaced: true, shortNames: ['sts'], subresources: ['deletecollection', 'status'] },
  { group: 'apps', version: 'v1', plural: 'daemonsets', singular: 'daemonset', kind: 'DaemonSet', namespaced: true, shortNames: ['ds'], subresources: ['deletecollection', 'status'] },
  { group: 'batch', version: 'v1', plural: 'jobs', singular: 'job', kind: 'Job', namespaced: true, subresources: ['deletecollection', 'status'] },
  { group: 'gateway.networking.k8s.io', version: 'v1', plural: 'gateways', singular: 'gateway', kind: 'Gateway', namespaced: true, shortNames: ['gtw'], subresources: ['deletecollection', 'status'] },
  sail('v1', 'istios', 'istio', 'Istio'),
  sail('v1', 'istiocnis', 'istiocni', 'IstioCNI'),
  sail('v1', 'istiorevisions', 'istiorevision', 'IstioRevision'),
  sail('v1', 'ztunnels', 'ztunnel', 'ZTunnel'),
  sail('v1alpha1', 'ztunnels', 'ztunnel', 'ZTunnel'),
];

/** Groups compiled into kube-apiserver; everything else is a CRD (list items keep apiVersion/kind). */
export const builtinGroups: ReadonlySet<string> = new Set([
  '', 'apps', 'batch', 'autoscaling', 'policy', 'networking.k8s.io', 'rbac.authorization.k8s.io',
  'storage.k8s.io', 'discovery.k8s.io', 'coordination.k8s.io', 'events.k8s.io',
  'authentication.k8s.io', 'authorization.k8s.io', 'admissionregistration.k8s.io', 'apiextensions.k8s.io',
]);

const extraVerbs = new Set(['deletecollection']);

/** Splits ResourceType.subresources into extra verbs and subresource names ('pods/log' and 'log' both mean log). */
export function describeExtras(type: ResourceType): { verbs: string[]; subresources: string[] } {
  const verbs: string[] = [];
  const subresources: string[] = [];
  for (const entry of type.subresources ?? []) {
    if (extraVerbs.has(entry)) verbs.push(entry);
    else subresources.push(entry.includes('/') ? entry.slice(entry.indexOf('/') + 1) : entry);
  }
  return { verbs, subresources };
}

export function hasSubresource(type: ResourceType, name: string): boolean {
  return describeExtras(type).subresources.includes(name);
}

export function supportsVerb(type: ResourceType, verb: string): boolean {
  return ['get', 'list', 'watch', 'patch', 'update', 'create', 'delete'].includes(verb) || describeExtras(type).verbs.includes(verb);
}

/** 'pods' for core, 'deployments.apps' otherwise: how the API server names a resource in messages. */
export function qualifiedResource(type: Pick<ResourceType, 'group' | 'plural'>): string {
  return type.group ? `${type.plural}.${type.group}` : type.plural;
}

export function apiVersionOf(type: Pick<ResourceType, 'group' | 'version'>): string {
  return type.group ? `${type.group}/${type.version}` : type.version;
}

/** Kubernetes version priority: v1 > v1beta2 > v1beta1 > v1alpha1 (higher major first, GA before beta before alpha). */
export function compareVersions(a: string, b: string): number {
  const rank = (v: string): [number, number, number] => {
    const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(v);
    if (!m) return [-1, 0, 0];
    const stability = m[2] === 'alpha' ? 0 : m[2] === 'beta' ? 1 : 2;
    return [stability, Number(m[1]), Number(m[3] ?? 0)];
  };
  const [sa, ma, na] = rank(a);
  const [sb, mb, nb] = rank(b);
  return sb - sa || mb - ma || nb - na || a.localeCompare(b);
}
