// Ambient enrollment of pods and namespaces, from the labels and annotations real clusters carry.
// Pure: the cache hands the objects in, the views hand the answers out.
import type { Enrollment } from '@/lib/graph/model';
import type { NamespaceEnrollment, NamespaceEnrollmentState } from './wire/namespaces';
import type { PodEnrollment, PodEnrollmentState } from './wire/pods';
import { annotationsOf, labelsOf, matchesSelector, type LabelSelector, type Namespace, type Pod } from './types';
import { isZtunnelPod } from './ztunnel/pods';

export const DATAPLANE_MODE = 'istio.io/dataplane-mode';
export const REDIRECTION = 'ambient.istio.io/redirection';
export const SIDECAR_STATUS = 'sidecar.istio.io/status';
export const USE_WAYPOINT = 'istio.io/use-waypoint';
export const USE_WAYPOINT_NAMESPACE = 'istio.io/use-waypoint-namespace';
export const GATEWAY_MANAGED = 'gateway.istio.io/managed';
export const WAYPOINT_CONTROLLER = 'istio.io-mesh-controller';
export const GATEWAY_CONTROLLER = 'istio.io-gateway-controller';

/** What the node's ztunnel looks like to a pod on that node. */
export type NodeZtunnel = 'ready' | 'not-ready' | 'missing';

export function isWaypointPod(pod: Pod): boolean {
  return labelsOf(pod)[GATEWAY_MANAGED] === WAYPOINT_CONTROLLER;
}

export function isIngressGatewayPod(pod: Pod): boolean {
  const labels = labelsOf(pod);
  return labels[GATEWAY_MANAGED] === GATEWAY_CONTROLLER || labels['istio'] === 'ingressgateway';
}

export function namespaceLabelled(ns: Namespace | undefined): boolean {
  return ns ? labelsOf(ns)[DATAPLANE_MODE] === 'ambient' : false;
}

/**
 * Enrollment of one pod. Order follows istio-cni: host network and sidecars are never captured,
 * pod label none opts out, then the redirection annotation says what actually happened.
 */
export function podEnrollment(pod: Pod, ns: Namespace | undefined, nodeZtunnel?: NodeZtunnel): PodEnrollment {
  const labels = labelsOf(pod);
  const annotations = annotationsOf(pod);
  const podMode = labels[DATAPLANE_MODE];
  const nsAmbient = namespaceLabelled(ns);
  const redirection = annotations[REDIRECTION];
  const node = pod.spec?.nodeName;

  if (isWaypointPod(pod)) {
    return done('waypoint', 'ambient', 'A waypoint proxy: it receives and sends HBONE itself');
  }
  if (pod.spec?.hostNetwork) {
    return done('host-network', 'none', 'Uses the host network, which ambient never captures');
  }
  if (annotations[SIDECAR_STATUS] !== undefined) {
    return done('sidecar', 'sidecar', 'Has an injected sidecar proxy (sidecar.istio.io/status), so ambient skips it');
  }
  // Injected by hand or by a tool that leaves no annotation: the container itself says so. Not
  // ztunnel's own pods: Istio's chart names their container istio-proxy too, and they are no sidecar
  // (the chart labels them dataplane-mode=none, read below).
  if (!isZtunnelPod(pod) && [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].some((c) => c.name === 'istio-proxy')) {
    return done('sidecar', 'sidecar', 'Has an istio-proxy sidecar container, so ambient skips it');
  }
  if (podMode === 'none') {
    return done('opted-out', 'none', `Opted out with the pod label ${DATAPLANE_MODE}=none`);
  }
  const source = podMode === 'ambient' ? `the pod label ${DATAPLANE_MODE}=ambient` : `the namespace label ${DATAPLANE_MODE}=ambient`;
  if (redirection === 'enabled') {
    const why = podMode === 'ambient' || nsAmbient ? `Enrolled by ${source}` : 'Still redirected although no longer labelled';
    if (nodeZtunnel && nodeZtunnel !== 'ready') {
      const where = node ? ` on node ${node}` : '';
      const what = nodeZtunnel === 'missing' ? 'there is no ztunnel' : 'the ztunnel is not ready';
      return { state: 'ambient', enrollment: 'ambient-pending', unprotected: true, reason: `${why} and redirected, but ${what}${where}: its traffic is not protected` };
    }
    return done('ambient', 'ambient', `${why}; istio-cni redirected its traffic to ztunnel (${REDIRECTION}=enabled)`);
  }
  if (podMode === 'ambient' || nsAmbient) {
    const detail = redirection === 'pending' ? `istio-cni reports ${REDIRECTION}=pending` : `it has no ${REDIRECTION} annotation yet`;
    return { state: 'ambient-pending', enrollment: 'ambient-pending', unprotected: true, reason: `Enrolled by ${source}, but ${detail}: not protected yet` };
  }
  const where = ns ? `namespace ${ns.metadata.name}` : 'its namespace';
  return done('not-enrolled', 'none', `Neither the pod nor ${where} is labelled ${DATAPLANE_MODE}=ambient`);
}

function done(state: PodEnrollmentState, enrollment: Enrollment, reason: string): PodEnrollment {
  return { state, enrollment, reason, unprotected: false };
}

/** One enrollment for a workload from its pods' (all agree, or say how many differ). */
export function workloadEnrollment(pods: PodEnrollment[]): { enrollment: Enrollment; reason: string; unprotected: number } {
  const first = pods[0];
  if (!first) return { enrollment: 'unknown', reason: 'No pods are running', unprotected: 0 };
  const unprotected = pods.filter((p) => p.unprotected).length;
  if (pods.every((p) => p.enrollment === first.enrollment && p.state === first.state)) {
    const reason = pods.every((p) => p.reason === first.reason) ? first.reason : `${first.reason} (and others)`;
    return { enrollment: first.enrollment, reason, unprotected };
  }
  const ambient = pods.filter((p) => p.enrollment === 'ambient').length;
  if (ambient > 0) {
    const odd = pods.find((p) => p.enrollment !== 'ambient');
    return { enrollment: 'ambient-pending', reason: `${ambient} of ${pods.length} pods are protected; another: ${odd?.reason ?? ''}`, unprotected };
  }
  const pending = pods.find((p) => p.enrollment === 'ambient-pending');
  return pending ? { enrollment: 'ambient-pending', reason: pending.reason, unprotected } : { enrollment: first.enrollment, reason: first.reason, unprotected };
}

export function namespaceEnrollment(ns: Namespace, pods: PodEnrollment[]): NamespaceEnrollment {
  const counts: Record<PodEnrollmentState, number> = {
    ambient: 0, 'ambient-pending': 0, waypoint: 0, sidecar: 0, 'opted-out': 0, 'host-network': 0, 'not-enrolled': 0,
  };
  for (const p of pods) counts[p.state] += 1;
  const labelled = namespaceLabelled(ns);
  const unprotected = pods.filter((p) => p.unprotected).length;
  const captured = counts.ambient + counts.waypoint - pods.filter((p) => p.state === 'ambient' && p.unprotected).length;
  const label = `${DATAPLANE_MODE}=ambient`;
  if (pods.length === 0) {
    return { labelled, state: 'empty', unprotected, pods: counts, reason: labelled ? `Labelled ${label}, no pods` : 'No pods' };
  }
  let state: NamespaceEnrollmentState;
  let reason: string;
  if (captured === pods.length) {
    [state, reason] = ['ambient', `All ${pods.length} pods are in the ambient mesh`];
  } else if (captured > 0) {
    [state, reason] = ['partial', `${captured} of ${pods.length} pods are in the ambient mesh`];
  } else if (counts['ambient-pending'] > 0 || unprotected > 0) {
    [state, reason] = ['pending', `Labelled ${label}, but no pod is redirected yet`];
  } else {
    [state, reason] = ['none', labelled ? `Labelled ${label}, but no pod can be captured` : `Not labelled ${label}`];
  }
  return { labelled, state, reason, pods: counts, unprotected };
}

export type WaypointUse =
  | { kind: 'waypoint'; waypoint: string; source: 'pod' | 'service' | 'namespace' }
  | { kind: 'opted-out'; source: 'pod' | 'service' }
  | { kind: 'none' };

function labelWaypoint(labels: Record<string, string>, ownNamespace: string): string | 'none' | undefined {
  const name = labels[USE_WAYPOINT];
  if (!name) return undefined;
  if (name === 'none') return 'none';
  return `${labels[USE_WAYPOINT_NAMESPACE] || ownNamespace}/${name}`;
}

/**
 * The waypoint an object's traffic goes through: its own istio.io/use-waypoint label wins
 * (`none` opts out), else the namespace's. Result is "namespace/name".
 */
export function waypointUse(
  own: { labels: Record<string, string>; namespace: string; source: 'pod' | 'service' },
  ns: Namespace | undefined,
): WaypointUse {
  const mine = labelWaypoint(own.labels, own.namespace);
  if (mine === 'none') return { kind: 'opted-out', source: own.source };
  if (mine) return { kind: 'waypoint', waypoint: mine, source: own.source };
  const fromNs = ns ? labelWaypoint(labelsOf(ns), own.namespace) : undefined;
  if (fromNs && fromNs !== 'none') return { kind: 'waypoint', waypoint: fromNs, source: 'namespace' };
  return { kind: 'none' };
}

export function namespaceWaypoint(ns: Namespace): string | undefined {
  const w = labelWaypoint(labelsOf(ns), ns.metadata.name);
  return w === 'none' ? undefined : w;
}

/** Inside meshConfig.discoverySelectors (OR of label selectors); no selectors means every namespace. */
export function isDiscovered(ns: Namespace, selectors: LabelSelector[] | undefined): boolean {
  if (!selectors || selectors.length === 0) return true;
  return selectors.some((s) => matchesSelector(labelsOf(ns), s));
}
