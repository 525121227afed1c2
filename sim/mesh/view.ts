// The mesh as istiod and ztunnel see it, derived from the store: pods with identity and capture state,
// services with endpoints and waypoints, the ztunnel of each node, authorization policies.

import type { KubeObject, ObjectStore } from '../store';
import { keys } from './resource-types';
import { isDiscovered, isRedirected, USE_WAYPOINT } from './enrollment';
import { GATEWAY_NAME_LABEL, MANAGED_LABEL } from './gateway-resources';
import { hasSidecar, TUNNEL_LABEL } from './injection';

export interface MeshPod {
  /** ztunnel's workload uid: <cluster>//Pod/<namespace>/<name>. */
  uid: string;
  /** The Kubernetes object uid. */
  podUid: string;
  name: string;
  namespace: string;
  node: string;
  ip: string;
  serviceAccount: string;
  labels: Record<string, string>;
  workloadName: string;
  workloadType: 'deployment' | 'daemonset' | 'pod';
  canonicalName: string;
  canonicalRevision: string;
  identity: string;
  /** Its namespace matches meshConfig.discoverySelectors (istiod and ztunnel know it). */
  discovered: boolean;
  /** ambient.istio.io/redirection=enabled. */
  redirected: boolean;
  /** Redirected and its node's ztunnel is ready: traffic really goes through ztunnel. */
  captured: boolean;
  /** Istio proxies that speak HBONE themselves. */
  proxy?: 'waypoint' | 'gateway';
  /** Injected with an Envoy sidecar (sidecar.istio.io/status): never captured by ztunnel. */
  sidecar: boolean;
  /** Terminates HBONE itself (networking.istio.io/tunnel=http), so ztunnel reaches it over mTLS. */
  nativeTunnel: boolean;
  ready: boolean;
  hostNetwork: boolean;
}

export interface MeshService {
  name: string;
  namespace: string;
  hostname: string;
  vip: string;
  labels: Record<string, string>;
  ports: { port: number; targetPort: number; name?: string; appProtocol?: string }[];
  endpoints: MeshPod[];
  discovered: boolean;
  waypoint?: MeshWaypoint;
}

export interface MeshWaypoint {
  name: string;
  namespace: string;
  hostname: string;
  vip: string;
  pods: MeshPod[];
}

export interface ZtunnelPod {
  name: string;
  namespace: string;
  uid: string;
  node: string;
  ip: string;
  ready: boolean;
  labels: Record<string, string>;
}

export interface MeshView {
  trustDomain: string;
  clusterId: string;
  pods: MeshPod[];
  workloads: Map<string, MeshPod[]>;
  services: Map<string, MeshService>;
  waypoints: Map<string, MeshWaypoint>;
  ztunnels: Map<string, ZtunnelPod>;
  policies: KubeObject[];
  peerAuthentications: KubeObject[];
  namespaces: Map<string, KubeObject>;
}

export const nsName = (namespace: string, name: string) => `${namespace}/${name}`;

export function podReady(pod: KubeObject): boolean {
  const status = pod.status as { phase?: string; conditions?: { type: string; status: string }[] } | undefined;
  return status?.phase === 'Running' && (status.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

export function discoverySelectors(store: ObjectStore): Record<string, string>[] {
  const istio = store.list(keys.istios)[0];
  const values = (istio?.spec as { values?: { meshConfig?: { discoverySelectors?: { matchLabels?: Record<string, string> }[] } } } | undefined)?.values;
  return (values?.meshConfig?.discoverySelectors ?? []).map((s) => s.matchLabels ?? {});
}

export function workloadOf(pod: KubeObject): { workloadName: string; workloadType: MeshPod['workloadType'] } {
  const owner = pod.metadata.ownerReferences?.[0];
  if (owner?.kind === 'ReplicaSet') return { workloadName: owner.name.slice(0, owner.name.lastIndexOf('-')), workloadType: 'deployment' };
  if (owner?.kind === 'DaemonSet') return { workloadName: owner.name, workloadType: 'daemonset' };
  return { workloadName: pod.metadata.name, workloadType: 'pod' };
}

export function buildMeshView(store: ObjectStore, trustDomain = 'cluster.local', clusterId = 'Kubernetes'): MeshView {
  const selectors = discoverySelectors(store);
  const namespaces = new Map(store.list(keys.namespaces).map((n) => [n.metadata.name, n]));
  const ztunnels = new Map<string, ZtunnelPod>();
  const podObjects = store.list(keys.pods);
  for (const p of podObjects) {
    const labels = p.metadata.labels ?? {};
    if (labels['app'] !== 'ztunnel' || !labels['app.kubernetes.io/name']) continue;
    const node = String((p.spec as { nodeName?: string }).nodeName ?? '');
    const status = p.status as { podIP?: string } | undefined;
    ztunnels.set(node, { name: p.metadata.name, namespace: p.metadata.namespace ?? '', uid: p.metadata.uid ?? '', node, ip: status?.podIP ?? '', ready: podReady(p), labels });
  }
  const pods: MeshPod[] = [];
  const workloads = new Map<string, MeshPod[]>();
  for (const p of podObjects) {
    const namespace = p.metadata.namespace ?? '';
    const labels = p.metadata.labels ?? {};
    const spec = p.spec as { nodeName?: string; serviceAccountName?: string; hostNetwork?: boolean };
    const node = spec.nodeName ?? '';
    const { workloadName, workloadType } = workloadOf(p);
    const serviceAccount = spec.serviceAccountName ?? 'default';
    const redirected = isRedirected(p);
    const managed = labels[MANAGED_LABEL];
    const pod: MeshPod = {
      uid: `${clusterId}//Pod/${namespace}/${p.metadata.name}`,
      podUid: p.metadata.uid ?? '',
      name: p.metadata.name,
      namespace,
      node,
      ip: (p.status as { podIP?: string } | undefined)?.podIP ?? '',
      serviceAccount,
      labels,
      workloadName,
      workloadType,
      canonicalName: labels['service.istio.io/canonical-name'] ?? labels['app.kubernetes.io/name'] ?? labels['app'] ?? workloadName,
      canonicalRevision: labels['service.istio.io/canonical-revision'] ?? labels['app.kubernetes.io/version'] ?? labels['version'] ?? 'latest',
      identity: `spiffe://${trustDomain}/ns/${namespace}/sa/${serviceAccount}`,
      discovered: isDiscovered(namespaces.get(namespace), selectors),
      redirected,
      captured: redirected && (ztunnels.get(node)?.ready ?? false),
      ...(managed === 'istio.io-mesh-controller' ? { proxy: 'waypoint' as const } : managed ? { proxy: 'gateway' as const } : {}),
      sidecar: hasSidecar(p),
      nativeTunnel: labels[TUNNEL_LABEL] === 'http',
      ready: podReady(p),
      hostNetwork: spec.hostNetwork === true,
    };
    pods.push(pod);
    const key = nsName(namespace, workloadName);
    pushTo(workloads, key, pod);
  }
  const byNamespace = new Map<string, MeshPod[]>();
  for (const p of pods) pushTo(byNamespace, p.namespace, p);
  const waypoints = new Map<string, MeshWaypoint>();
  const serviceObjects = store.list(keys.services);
  for (const g of store.list(keys.gateways)) {
    if ((g.spec as { gatewayClassName?: string }).gatewayClassName !== 'istio-waypoint') continue;
    const namespace = g.metadata.namespace ?? '';
    const svc = serviceObjects.find((s) => s.metadata.namespace === namespace && s.metadata.name === g.metadata.name);
    waypoints.set(nsName(namespace, g.metadata.name), {
      name: g.metadata.name,
      namespace,
      hostname: `${g.metadata.name}.${namespace}.svc.cluster.local`,
      vip: String((svc?.spec as { clusterIP?: string } | undefined)?.clusterIP ?? ''),
      pods: (byNamespace.get(namespace) ?? []).filter((p) => p.labels[GATEWAY_NAME_LABEL] === g.metadata.name),
    });
  }
  const services = new Map<string, MeshService>();
  for (const s of serviceObjects) {
    const namespace = s.metadata.namespace ?? '';
    const spec = s.spec as { clusterIP?: string; selector?: Record<string, string>; ports?: { port: number; targetPort?: number | string; name?: string; appProtocol?: string }[] };
    const selector = spec.selector ?? {};
    const labels = s.metadata.labels ?? {};
    const nsLabels = namespaces.get(namespace)?.metadata.labels ?? {};
    const waypointName = labels[USE_WAYPOINT] ?? nsLabels[USE_WAYPOINT];
    const waypoint = waypointName && waypointName !== 'none' ? waypoints.get(nsName(namespace, waypointName)) : undefined;
    services.set(nsName(namespace, s.metadata.name), {
      name: s.metadata.name,
      namespace,
      hostname: `${s.metadata.name}.${namespace}.svc.cluster.local`,
      vip: spec.clusterIP ?? '',
      labels,
      ports: (spec.ports ?? []).map((p) => ({ port: p.port, targetPort: typeof p.targetPort === 'number' ? p.targetPort : p.port, ...(p.name ? { name: p.name } : {}), ...(p.appProtocol ? { appProtocol: p.appProtocol } : {}) })),
      endpoints: Object.keys(selector).length ? (byNamespace.get(namespace) ?? []).filter((p) => p.ready && Object.entries(selector).every(([k, v]) => p.labels[k] === v)) : [],
      discovered: isDiscovered(namespaces.get(namespace), selectors),
      ...(waypoint ? { waypoint } : {}),
    });
  }
  const policies = store.list(keys.authorizationPolicies).filter((p) => isDiscovered(namespaces.get(p.metadata.namespace ?? ''), selectors));
  const peerAuthentications = store.list(keys.peerAuthentications).filter((p) => isDiscovered(namespaces.get(p.metadata.namespace ?? ''), selectors));
  return { trustDomain, clusterId, pods, workloads, services, waypoints, ztunnels, policies, peerAuthentications, namespaces };
}

function pushTo<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
