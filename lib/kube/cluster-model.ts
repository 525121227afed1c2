// The cluster as this dashboard sees it, built purely from one cache snapshot: namespaces with
// enrollment, workloads (named as ztunnel names them) with their pods, services with waypoints.
import type { KubeSnapshot } from './cache/resources';
import { nodePod } from './control-plane';
import * as enroll from './enrollment';
import { discoverySelectors, trustDomain as meshTrustDomain, type DiscoverySelectors } from './mesh-config';
import { isPodLive, labelsOf, serviceSelects, type Controller, type Namespace, type Pod } from './types';
import { canonicalService, spiffeIdentity, workloadKey, workloadOfPod } from './workloads';
import type { NamespaceEnrollment } from './wire/namespaces';
import type { NodePod, PodEnrollment } from './wire/pods';
import { nodeZtunnels, ztunnelPods } from './ztunnel/pods';

export interface PodView extends NodePod {
  namespace: string;
  ip?: string;
  serviceAccount: string;
  enrollment: PodEnrollment;
}

export interface WorkloadView {
  namespace: string;
  name: string;
  kind: string;
  /** Canonical service (app) and revision (version), as istiod computes them. */
  app: string;
  version: string;
  versionLabelled: boolean;
  serviceAccount: string;
  principal: string;
  enrollment: PodEnrollment['enrollment'];
  enrollmentReason: string;
  unprotectedPods: number;
  waypoint: enroll.WaypointUse;
  isWaypoint: boolean;
  isIngressGateway: boolean;
  labels: Record<string, string>;
  pods: PodView[];
  nodes: string[];
  services: string[];
}

export interface NamespaceView {
  name: string;
  labels: Record<string, string>;
  enrollment: NamespaceEnrollment;
  waypoint?: string;
  discovered: boolean;
  pods: { total: number; ready: number };
  workloads: number;
}

export interface ServiceView {
  namespace: string;
  name: string;
  hostname: string;
  waypoint: enroll.WaypointUse;
  workloads: string[];
}

export interface ClusterModel {
  trustDomain: string;
  discovery: DiscoverySelectors;
  namespaces: NamespaceView[];
  workloads: WorkloadView[];
  services: ServiceView[];
}

export interface ClusterModelOptions {
  ztunnelNamespace?: string;
  clusterDomain?: string;
}

const controllerKinds: [keyof KubeSnapshot & ('deployments' | 'statefulsets' | 'daemonsets'), string][] = [
  ['deployments', 'Deployment'],
  ['statefulsets', 'StatefulSet'],
  ['daemonsets', 'DaemonSet'],
];

export function buildClusterModel(snap: KubeSnapshot, options: ClusterModelOptions = {}): ClusterModel {
  const td = meshTrustDomain(snap.istios[0], snap.configmaps[0]);
  const discovery = discoverySelectors(snap.istios[0], snap.configmaps[0]);
  const nsByName = new Map<string, Namespace>(snap.namespaces.map((n) => [n.metadata.name, n]));
  const podsKnown = snap.states.pods.status === 'ready';
  const nodes = nodeZtunnels(ztunnelPods(snap.pods, options.ztunnelNamespace));

  const groups = new Map<string, { ref: ReturnType<typeof workloadOfPod>; pods: Pod[]; controller?: Controller }>();
  for (const pod of snap.pods.filter(isPodLive)) {
    const ref = workloadOfPod(pod);
    const key = workloadKey(ref);
    const group = groups.get(key) ?? { ref, pods: [] };
    group.pods.push(pod);
    groups.set(key, group);
  }
  for (const [field, kind] of controllerKinds) {
    for (const c of snap[field] as Controller[]) {
      const ref = { namespace: c.metadata.namespace ?? '', name: c.metadata.name, kind };
      const group = groups.get(workloadKey(ref)) ?? { ref, pods: [] };
      group.controller = c;
      groups.set(workloadKey(ref), group);
    }
  }

  const podEnrollment = (pod: Pod) => {
    const node = pod.spec?.nodeName;
    const nodeState = podsKnown && node ? (nodes.get(node) ?? 'missing') : undefined;
    return enroll.podEnrollment(pod, nsByName.get(pod.metadata.namespace ?? ''), nodeState);
  };

  const workloads: WorkloadView[] = [];
  const podViews: PodView[] = [];
  for (const { ref, pods, controller } of groups.values()) {
    const views: PodView[] = pods.map((p) => ({
      ...nodePod(p),
      namespace: ref.namespace,
      ip: p.status?.podIP,
      serviceAccount: p.spec?.serviceAccountName ?? 'default',
      enrollment: podEnrollment(p),
    }));
    podViews.push(...views);
    const labels = pods[0] ? labelsOf(pods[0]) : (controller?.spec?.template?.metadata?.labels ?? {});
    const canonical = canonicalService(labels, ref.name);
    const sa = views[0]?.serviceAccount ?? 'default';
    const summary = enroll.workloadEnrollment(views.map((v) => v.enrollment));
    workloads.push({
      namespace: ref.namespace,
      name: ref.name,
      kind: ref.kind,
      app: canonical.name,
      version: canonical.revision,
      versionLabelled: canonical.revisionLabelled,
      serviceAccount: sa,
      principal: spiffeIdentity(td, ref.namespace, sa),
      enrollment: summary.enrollment,
      enrollmentReason: summary.reason,
      unprotectedPods: summary.unprotected,
      waypoint: enroll.waypointUse({ labels, namespace: ref.namespace, source: 'pod' }, nsByName.get(ref.namespace)),
      isWaypoint: pods.some(enroll.isWaypointPod) || labels[enroll.GATEWAY_MANAGED] === enroll.WAYPOINT_CONTROLLER,
      isIngressGateway: pods.some(enroll.isIngressGatewayPod),
      labels,
      pods: views.sort((a, b) => a.pod.localeCompare(b.pod)),
      nodes: [...new Set(views.map((v) => v.node).filter((n): n is string => !!n))].sort(),
      services: [],
    });
  }

  const workloadsByNs = groupBy(workloads, (w) => w.namespace);
  const podsByNs = groupBy(podViews, (p) => p.namespace);
  const domain = options.clusterDomain ?? 'cluster.local';
  const services: ServiceView[] = snap.services.map((s) => {
    const namespace = s.metadata.namespace ?? '';
    const selected = (workloadsByNs.get(namespace) ?? []).filter((w) => w.pods.length > 0 && serviceSelects(s, w.labels));
    for (const w of selected) w.services.push(s.metadata.name);
    return {
      namespace,
      name: s.metadata.name,
      hostname: `${s.metadata.name}.${namespace}.svc.${domain}`,
      waypoint: enroll.waypointUse({ labels: labelsOf(s), namespace, source: 'service' }, nsByName.get(namespace)),
      workloads: selected.map((w) => w.name).sort(),
    };
  });

  const namespaces: NamespaceView[] = snap.namespaces.map((ns) => {
    const name = ns.metadata.name;
    const pods = podsByNs.get(name) ?? [];
    return {
      name,
      labels: labelsOf(ns),
      enrollment: enroll.namespaceEnrollment(ns, pods.map((p) => p.enrollment)),
      waypoint: enroll.namespaceWaypoint(ns),
      discovered: enroll.isDiscovered(ns, discovery.selectors),
      pods: { total: pods.length, ready: pods.filter((p) => p.ready).length },
      workloads: workloadsByNs.get(name)?.length ?? 0,
    };
  });

  const byNsName = <T extends { namespace?: string; name: string }>(a: T, b: T) =>
    (a.namespace ?? '').localeCompare(b.namespace ?? '') || a.name.localeCompare(b.name);
  return {
    trustDomain: td,
    discovery,
    namespaces: namespaces.sort(byNsName),
    workloads: workloads.sort(byNsName),
    services: services.sort(byNsName),
  };
}

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}
