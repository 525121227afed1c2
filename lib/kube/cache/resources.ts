// The resources the informer cache lists and watches, and the snapshot it hands out. Pure.
import type { ResourceState } from '../wire/control-plane';
import type { ConfigMap, Controller, Gateway, KubeObject, Namespace, Pod, SailResource, Service } from '../types';

export interface ResourceVersionSpec {
  group: string;
  version: string;
}

export interface ResourceSpec {
  /** Also the RBAC resource name. */
  plural: string;
  /** Tried in order: the first one the API server serves wins (ZTunnel: v1, then v1alpha1). */
  versions: ResourceVersionSpec[];
  namespaced: boolean;
  /** A CustomResourceDefinition that may not be installed: 404 is a state, not an error. */
  optional: boolean;
  /** Limit the watch to one namespace (e.g. the istio ConfigMap). */
  namespace?: string;
  fieldSelector?: string;
}

export const resourceNames = [
  'namespaces',
  'pods',
  'services',
  'serviceaccounts',
  'deployments',
  'replicasets',
  'statefulsets',
  'daemonsets',
  'jobs',
  'gateways',
  'istios',
  'istiocnis',
  'istiorevisions',
  'ztunnels',
  'configmaps',
  // Optional: absent CRDs or RBAC leave them empty (lib/authz, lib/migration).
  'authorizationpolicies',
  'peerauthentications',
  'requestauthentications',
  'virtualservices',
  'httproutes',
] as const;

export type ResourceName = (typeof resourceNames)[number];

const core = [{ group: '', version: 'v1' }];
const apps = [{ group: 'apps', version: 'v1' }];
const sail = [{ group: 'sailoperator.io', version: 'v1' }];
// Istio 1.22+ serves v1; older control planes only v1beta1.
const security = [{ group: 'security.istio.io', version: 'v1' }, { group: 'security.istio.io', version: 'v1beta1' }];

export function resourceSpecs(istioNamespace: string): Record<ResourceName, ResourceSpec> {
  return {
    namespaces: { plural: 'namespaces', versions: core, namespaced: false, optional: false },
    pods: { plural: 'pods', versions: core, namespaced: true, optional: false },
    services: { plural: 'services', versions: core, namespaced: true, optional: false },
    serviceaccounts: { plural: 'serviceaccounts', versions: core, namespaced: true, optional: false },
    deployments: { plural: 'deployments', versions: apps, namespaced: true, optional: false },
    replicasets: { plural: 'replicasets', versions: apps, namespaced: true, optional: false },
    statefulsets: { plural: 'statefulsets', versions: apps, namespaced: true, optional: false },
    daemonsets: { plural: 'daemonsets', versions: apps, namespaced: true, optional: false },
    jobs: { plural: 'jobs', versions: [{ group: 'batch', version: 'v1' }], namespaced: true, optional: false },
    gateways: { plural: 'gateways', versions: [{ group: 'gateway.networking.k8s.io', version: 'v1' }], namespaced: true, optional: true },
    istios: { plural: 'istios', versions: sail, namespaced: false, optional: true },
    istiocnis: { plural: 'istiocnis', versions: sail, namespaced: false, optional: true },
    istiorevisions: { plural: 'istiorevisions', versions: sail, namespaced: false, optional: true },
    ztunnels: {
      plural: 'ztunnels',
      versions: [...sail, { group: 'sailoperator.io', version: 'v1alpha1' }],
      namespaced: false,
      optional: true,
    },
    virtualservices: { plural: 'virtualservices', versions: [{ group: 'networking.istio.io', version: 'v1' }, { group: 'networking.istio.io', version: 'v1beta1' }], namespaced: true, optional: true },
    httproutes: { plural: 'httproutes', versions: [{ group: 'gateway.networking.k8s.io', version: 'v1' }], namespaced: true, optional: true },
    configmaps: {
      plural: 'configmaps',
      versions: core,
      namespaced: true,
      optional: false,
      namespace: istioNamespace,
      fieldSelector: 'metadata.name=istio',
    },
    authorizationpolicies: { plural: 'authorizationpolicies', versions: security, namespaced: true, optional: true },
    peerauthentications: { plural: 'peerauthentications', versions: security, namespaced: true, optional: true },
    requestauthentications: { plural: 'requestauthentications', versions: security, namespaced: true, optional: true },
  };
}

/** Collection path, e.g. /apis/apps/v1/deployments or /api/v1/namespaces/istio-system/configmaps. */
export function collectionPath(spec: ResourceSpec, version: ResourceVersionSpec): string {
  const base = version.group === '' ? `/api/${version.version}` : `/apis/${version.group}/${version.version}`;
  return spec.namespace ? `${base}/namespaces/${spec.namespace}/${spec.plural}` : `${base}/${spec.plural}`;
}

export interface KubeSnapshot {
  namespaces: Namespace[];
  pods: Pod[];
  services: Service[];
  serviceaccounts: KubeObject[];
  deployments: Controller[];
  replicasets: Controller[];
  statefulsets: Controller[];
  daemonsets: Controller[];
  jobs: Controller[];
  gateways: Gateway[];
  istios: SailResource[];
  istiocnis: SailResource[];
  istiorevisions: SailResource[];
  ztunnels: SailResource[];
  configmaps: ConfigMap[];
  /** security.istio.io objects as the API server sends them; lib/authz parses them. */
  authorizationpolicies: KubeObject[];
  peerauthentications: KubeObject[];
  requestauthentications: KubeObject[];
  /** Read by the migration plan; undefined in snapshots built without them. */
  virtualservices?: KubeObject[];
  httproutes?: KubeObject[];
  states: Record<ResourceName, ResourceState>;
  /** Grows on every change: derived views are memoised on it. */
  generation: number;
}
