// Which waypoint (if any) a connection goes through. A Service (or pod) names its waypoint with
// istio.io/use-waypoint (its own label first, then its namespace's; "none" opts out). The waypoint
// is only on the path when it exists, is Programmed and serves that kind of traffic
// (istio.io/waypoint-for); otherwise ztunnel sends the traffic straight to the pod.
import { INGRESS_USE_WAYPOINT, USE_WAYPOINT, USE_WAYPOINT_NAMESPACE, type MeshService, type MeshWaypoint, type MeshWorkload } from './input';
import type { MeshIndex } from './mesh';

export type WaypointState = 'ok' | 'none' | 'opted-out' | 'missing' | 'not-programmed' | 'wrong-traffic-type';

export interface WaypointBinding {
  state: WaypointState;
  /** "namespace/name" named by istio.io/use-waypoint. */
  ref?: string;
  /** Where the label was found. */
  labelOn?: 'service' | 'workload' | 'namespace';
  waypoint?: MeshWaypoint;
  /** In words, why the waypoint is or is not on the path. */
  reason: string;
}

type Addressed = 'service' | 'workload';

function named(labels: Record<string, string>, ownNamespace: string): { ref: string; optOut: boolean } | undefined {
  const name = labels[USE_WAYPOINT];
  if (!name) return undefined;
  if (name === 'none') return { ref: 'none', optOut: true };
  return { ref: `${labels[USE_WAYPOINT_NAMESPACE] ?? ownNamespace}/${name}`, optOut: false };
}

function bind(index: MeshIndex, what: string, namespace: string, labels: Record<string, string>, own: 'service' | 'workload', addressed: Addressed): WaypointBinding {
  const ownLabel = named(labels, namespace);
  const nsLabel = named(index.namespace(namespace)?.labels ?? {}, namespace);
  const picked = ownLabel ?? nsLabel;
  const labelOn: WaypointBinding['labelOn'] = ownLabel ? own : 'namespace';
  if (!picked) return { state: 'none', reason: `${what} has no ${USE_WAYPOINT} label, nor does namespace ${namespace}` };
  if (picked.optOut) return { state: 'opted-out', labelOn, reason: `${what} opts out with ${USE_WAYPOINT}=none` };
  const { ref } = picked;
  const [wpNamespace = '', wpName = ''] = ref.split('/');
  const waypoint = index.waypoint(wpNamespace, wpName);
  const base = { ref, labelOn };
  if (!waypoint) return { ...base, state: 'missing', reason: `the waypoint ${ref} named on the ${labelOn} does not exist` };
  if (!waypoint.programmed) return { ...base, waypoint, state: 'not-programmed', reason: `the waypoint ${ref} is not Programmed` };
  const serves = waypoint.trafficType === 'all' || waypoint.trafficType === addressed;
  if (!serves) {
    return { ...base, waypoint, state: 'wrong-traffic-type', reason: `the waypoint ${ref} is for ${waypoint.trafficType} traffic, not traffic addressed to a ${addressed}` };
  }
  return { ...base, waypoint, state: 'ok', reason: `${what} uses the waypoint ${ref} (label on the ${labelOn})` };
}

/** The waypoint for traffic addressed to a Service. */
export function serviceWaypoint(index: MeshIndex, service: MeshService): WaypointBinding {
  return bind(index, `${service.kind ?? 'Service'} ${service.namespace}/${service.name}`, service.namespace, service.labels, 'service', 'service');
}

/** The waypoint for traffic addressed to a pod directly. */
export function workloadWaypoint(index: MeshIndex, workload: MeshWorkload): WaypointBinding {
  return bind(index, `workload ${workload.namespace}/${workload.name}`, workload.namespace, workload.labels, 'workload', 'workload');
}

/** The client as the path sees it. */
export type Client =
  | { kind: 'workload'; workload: MeshWorkload; mesh: boolean }
  | { kind: 'plaintext'; namespace?: string; ip?: string };

/** Whether this client hands its traffic to the destination's waypoint at all; a reason when it does not. */
export function clientBypassesWaypoint(client: Client, service: MeshService | undefined, index: MeshIndex): string | undefined {
  if (client.kind === 'plaintext' || !client.mesh) {
    return 'the client is outside the mesh: only a client-side ztunnel or sidecar sends traffic to a waypoint, so it reaches the pod directly';
  }
  const w = client.workload;
  if (w.gateway === 'waypoint') return 'the client is itself a waypoint';
  if (w.gateway === 'ingress') {
    const nsLabels = service ? (index.namespace(service.namespace)?.labels ?? {}) : {};
    const asked = service && (service.labels[INGRESS_USE_WAYPOINT] === 'true' || nsLabels[INGRESS_USE_WAYPOINT] === 'true');
    if (!asked) return `the client is an ingress gateway, which uses a waypoint only when the Service carries ${INGRESS_USE_WAYPOINT}=true`;
  }
  return undefined;
}

/** Workloads that sit behind a working waypoint, with the waypoints in front of them. */
export function workloadsBehindWaypoints(index: MeshIndex): Map<MeshWorkload, MeshWaypoint[]> {
  const out = new Map<MeshWorkload, MeshWaypoint[]>();
  const add = (w: MeshWorkload, wp: MeshWaypoint) => {
    const list = out.get(w) ?? [];
    if (!list.includes(wp)) list.push(wp);
    out.set(w, list);
  };
  for (const s of index.input.services) {
    const b = serviceWaypoint(index, s);
    if (b.state === 'ok' && b.waypoint) for (const w of index.backends(s)) add(w, b.waypoint);
  }
  for (const w of index.input.workloads) {
    const b = workloadWaypoint(index, w);
    if (b.state === 'ok' && b.waypoint) add(w, b.waypoint);
  }
  return out;
}
