// Control plane as the Sail Operator and the cluster report it: Istio, IstioCNI, ZTunnel and
// IstioRevision resources (kubectl get columns + conditions), the ztunnel and istio-cni
// DaemonSets per node, and istiod pods. Pure: built from a cache snapshot.
import type { KubeSnapshot } from './cache/resources';
import type { NodePod } from './wire/pods';
import type { ComponentRow, ControlPlane, DaemonSetRow, IstiodPod, IstioRow, ResourceState, SailAvailability, SailConditionRow, SailRowBase } from './wire/control-plane';
import { isPodReady, labelsOf, type Condition, type Controller, type Pod, type SailResource } from './types';

function conditions(list: Condition[] | undefined): SailConditionRow[] {
  return (list ?? []).map((c) => ({ type: c.type, status: c.status, reason: c.reason, message: c.message, lastTransitionTime: c.lastTransitionTime }));
}

function conditionStatus(r: SailResource, type: string): string | undefined {
  return r.status?.conditions?.find((c) => c.type === type)?.status;
}

function base(r: SailResource, now: Date): SailRowBase {
  const created = r.metadata.creationTimestamp;
  return {
    name: r.metadata.name,
    namespace: r.spec?.namespace,
    profile: r.spec?.profile,
    version: r.spec?.version,
    status: r.status?.state,
    createdAt: created,
    ageSeconds: created ? Math.max(0, Math.floor((now.getTime() - Date.parse(created)) / 1000)) : undefined,
    conditions: conditions(r.status?.conditions),
  };
}

/** Image tag as the version (docker.io/istio/ztunnel:1.24.0-distroless -> 1.24.0-distroless). */
export function imageVersion(pod: Pod): string | undefined {
  const image = pod.spec?.containers?.[0]?.image;
  if (!image) return undefined;
  const tag = image.split('@')[0]?.split('/').pop()?.split(':')[1];
  return tag || undefined;
}

export function nodePod(pod: Pod): NodePod {
  return {
    node: pod.spec?.nodeName,
    pod: pod.metadata.name,
    ready: isPodReady(pod),
    restarts: (pod.status?.containerStatuses ?? []).reduce((n, c) => n + c.restartCount, 0),
    version: imageVersion(pod),
    phase: pod.status?.phase,
  };
}

export function podsOfDaemonSet(ds: Controller, pods: Pod[]): Pod[] {
  return pods.filter(
    (p) =>
      p.metadata.namespace === ds.metadata.namespace &&
      (p.metadata.ownerReferences ?? []).some((o) => o.kind === 'DaemonSet' && o.name === ds.metadata.name),
  );
}

function daemonSetRow(ds: Controller, pods: Pod[]): DaemonSetRow {
  const s = ds.status ?? {};
  return {
    namespace: ds.metadata.namespace ?? '',
    name: ds.metadata.name,
    desired: s.desiredNumberScheduled ?? 0,
    ready: s.numberReady ?? 0,
    available: s.numberAvailable ?? 0,
    updated: s.updatedNumberScheduled ?? 0,
    pods: podsOfDaemonSet(ds, pods).map(nodePod).sort((a, b) => (a.node ?? '').localeCompare(b.node ?? '')),
  };
}

export function isZtunnelDaemonSet(ds: Controller): boolean {
  const l = labelsOf(ds);
  return ds.metadata.name === 'ztunnel' || l['app'] === 'ztunnel' || l['app.kubernetes.io/name'] === 'ztunnel';
}

export function isCniDaemonSet(ds: Controller): boolean {
  const l = labelsOf(ds);
  return ds.metadata.name === 'istio-cni-node' || l['k8s-app'] === 'istio-cni-node' || l['app.kubernetes.io/name'] === 'istio-cni';
}

function sailAvailability(states: ResourceState[]): SailAvailability {
  if (states.some((s) => s.status === 'pending')) return { state: 'loading', message: 'Reading Sail Operator resources' };
  if (states.every((s) => s.status === 'missing')) {
    return { state: 'not-installed', message: 'Sail Operator not installed: the sailoperator.io resources (Istio, IstioCNI, ZTunnel, IstioRevision) do not exist in this cluster' };
  }
  const forbidden = states.find((s) => s.status === 'forbidden');
  if (forbidden) return { state: 'forbidden', message: forbidden.message ?? 'Not allowed to read Sail Operator resources' };
  const failing = states.find((s) => s.status === 'error');
  if (failing) return { state: 'error', message: failing.message ?? 'Sail Operator resources could not be read' };
  return { state: 'installed', message: 'Sail Operator resources found' };
}

export function controlPlaneOf(snap: KubeSnapshot, now: Date = new Date()): ControlPlane {
  const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name);
  const s = snap.states;
  return {
    sail: sailAvailability([s.istios, s.istiocnis, s.ztunnels, s.istiorevisions]),
    istios: snap.istios
      .map((r): IstioRow => ({ ...base(r, now), revisions: { ...r.status?.revisions }, activeRevision: r.status?.activeRevisionName }))
      .sort(byName),
    istioCNIs: snap.istiocnis.map((r): ComponentRow => ({ ...base(r, now), ready: conditionStatus(r, 'Ready') })).sort(byName),
    ztunnels: snap.ztunnels.map((r): ComponentRow => ({ ...base(r, now), ready: conditionStatus(r, 'Ready'), apiVersion: s.ztunnels.apiVersion })).sort(byName),
    revisions: snap.istiorevisions
      .map((r): ComponentRow => ({ ...base(r, now), ready: conditionStatus(r, 'Ready'), inUse: conditionStatus(r, 'InUse') }))
      .sort(byName),
    ztunnelDaemonSets: snap.daemonsets.filter(isZtunnelDaemonSet).map((ds) => daemonSetRow(ds, snap.pods)),
    cniDaemonSets: snap.daemonsets.filter(isCniDaemonSet).map((ds) => daemonSetRow(ds, snap.pods)),
    istiod: snap.pods
      .filter((p) => labelsOf(p)['app'] === 'istiod')
      .map((p): IstiodPod => ({ ...nodePod(p), namespace: p.metadata.namespace ?? '', revision: labelsOf(p)['istio.io/rev'] }))
      .sort((a, b) => a.pod.localeCompare(b.pod)),
  };
}
