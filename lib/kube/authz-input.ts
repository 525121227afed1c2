// What the authorization evaluator needs, built purely from one cache snapshot and the cluster
// model made from it: workloads (ambient = redirected to a ready ztunnel), Services with their
// ports and waypoint labels, waypoint Gateways (Programmed, istio.io/waypoint-for), namespaces,
// and the security.istio.io policies parsed by lib/authz.
import { parseSecurityPolicies, type AuthzInput, type MeshService, type MeshWaypoint, type MeshWorkload, type WaypointTrafficType } from '@/lib/authz';
import type { KubeSnapshot } from './cache/resources';
import type { ClusterModel } from './cluster-model';
import { rootNamespace } from './mesh-config';
import { labelsOf, type Gateway, type Service } from './types';

export const WAYPOINT_CLASS = 'istio-waypoint';
export const WAYPOINT_FOR = 'istio.io/waypoint-for';
/** The label istiod's deployment controller puts on a Gateway's pods. */
export const GATEWAY_NAME = 'gateway.networking.k8s.io/gateway-name';

const trafficTypes: readonly WaypointTrafficType[] = ['service', 'workload', 'all', 'none'];

function workloadsOf(model: ClusterModel): MeshWorkload[] {
  return model.workloads
    .filter((w) => w.pods.length > 0)
    .map((w) => ({
      namespace: w.namespace,
      name: w.name,
      labels: w.labels,
      serviceAccount: w.serviceAccount,
      node: w.nodes[0],
      // 'ambient' on a workload means every pod is redirected and its node's ztunnel is ready.
      ambient: w.enrollment === 'ambient' && !w.isWaypoint,
      sidecar: w.enrollment === 'sidecar',
      ...(w.isWaypoint ? { gateway: 'waypoint' as const } : w.isIngressGateway ? { gateway: 'ingress' as const } : {}),
      ips: w.pods.map((p) => p.ip).filter((ip): ip is string => !!ip),
    }));
}

function serviceOf(s: Service, hostname: string | undefined): MeshService {
  const selector = s.spec?.selector;
  return {
    namespace: s.metadata.namespace ?? '',
    name: s.metadata.name,
    kind: 'Service',
    labels: labelsOf(s),
    ...(selector && Object.keys(selector).length > 0 ? { selector } : {}),
    // Named target ports cannot be resolved without the pods' container ports: the Service port stands in.
    ports: (s.spec?.ports ?? []).map((p) => ({
      port: p.port,
      ...(typeof p.targetPort === 'number' ? { targetPort: p.targetPort } : {}),
      ...(p.name ? { name: p.name } : {}),
    })),
    ...(hostname ? { hostname } : {}),
  };
}

function waypointOf(g: Gateway, workloads: MeshWorkload[]): MeshWaypoint {
  const namespace = g.metadata.namespace ?? '';
  const forLabel = labelsOf(g)[WAYPOINT_FOR];
  const trafficType = trafficTypes.find((t) => t === forLabel) ?? 'service';
  const pods = workloads.filter((w) => w.namespace === namespace && w.labels[GATEWAY_NAME] === g.metadata.name);
  const addresses = (g.status?.addresses ?? []).map((a) => a.value);
  return {
    namespace,
    name: g.metadata.name,
    programmed: g.status?.conditions?.some((c) => c.type === 'Programmed' && c.status === 'True') ?? false,
    trafficType,
    // istiod runs a waypoint's pods as a service account named after the Gateway; the pods say for sure.
    serviceAccount: pods[0]?.serviceAccount ?? g.metadata.name,
    ips: [...addresses, ...pods.flatMap((w) => w.ips)],
  };
}

export interface AuthzInputOptions {
  /** Where istiod runs: the root namespace unless meshConfig.rootNamespace says otherwise. */
  istioNamespace: string;
}

export function buildAuthzInput(snap: KubeSnapshot, model: ClusterModel, options: AuthzInputOptions): AuthzInput {
  const workloads = workloadsOf(model);
  const hostnames = new Map(model.services.map((s) => [`${s.namespace}/${s.name}`, s.hostname]));
  const parsed = parseSecurityPolicies([...snap.authorizationpolicies, ...snap.peerauthentications, ...snap.requestauthentications]);
  return {
    rootNamespace: rootNamespace(snap.istios[0], snap.configmaps[0], options.istioNamespace),
    trustDomain: model.trustDomain,
    namespaces: model.namespaces.map((n) => ({ name: n.name, labels: n.labels })),
    workloads,
    services: snap.services.map((s) => serviceOf(s, hostnames.get(`${s.metadata.namespace ?? ''}/${s.metadata.name}`))),
    waypoints: snap.gateways.filter((g) => g.spec?.gatewayClassName === WAYPOINT_CLASS).map((g) => waypointOf(g, workloads)),
    authorizationPolicies: parsed.authorizationPolicies,
    peerAuthentications: parsed.peerAuthentications,
    requestAuthentications: parsed.requestAuthentications,
    ...(parsed.unreadable.length > 0 ? { unreadable: parsed.unreadable } : {}),
  };
}
