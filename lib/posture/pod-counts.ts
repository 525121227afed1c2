// The pod and waypoint counts every page shows (Overview, Namespaces, Security), computed once
// here so they cannot disagree. Application pods are the denominator; the mesh's own pods
// (istiod, ztunnel, istio-cni) and its Envoy proxies (waypoints, ingress gateways) are counted
// apart, since ztunnel neither can nor needs to capture them. Pure.
import type { NamespaceView, WorkloadView } from '@/lib/kube/cluster-model';
import { podCapture } from '@/lib/kube/capture';
import { captureGap, type ProtectionGap } from './protection';

export interface PodCounts {
  /** Pods of the workloads the mesh serves: the denominator of "protected". */
  application: number;
  /** Application pods ztunnel carries as mTLS. */
  protected: number;
  /** application - protected, by why. */
  notProtected: number;
  byGap: Partial<Record<ProtectionGap, number>>;
  /** Waypoints and ingress gateways: Envoy speaks mTLS itself. */
  proxies: number;
  /** istiod, ztunnel and istio-cni pods. */
  meshInfrastructure: number;
}

export type WorkloadRole = 'application' | 'proxy' | 'mesh-infrastructure';

const infrastructureApps = new Set(['istiod', 'ztunnel', 'istio-cni-node', 'istio-cni']);

/** istiod (also per revision, istiod-1-24), the ztunnel and istio-cni DaemonSets, by label or by name. */
export function workloadRole(w: Pick<WorkloadView, 'name' | 'isWaypoint' | 'isIngressGateway' | 'labels'>): WorkloadRole {
  if (w.isWaypoint || w.isIngressGateway) return 'proxy';
  const l = w.labels;
  const names = [l['app'], l['k8s-app'], l['app.kubernetes.io/name'], w.name.replace(/^istiod-.*$/, 'istiod')];
  return names.some((n) => n !== undefined && infrastructureApps.has(n)) ? 'mesh-infrastructure' : 'application';
}

export function emptyCounts(): PodCounts {
  return { application: 0, protected: 0, notProtected: 0, byGap: {}, proxies: 0, meshInfrastructure: 0 };
}

function addTo(c: PodCounts, role: WorkloadRole, gap: ProtectionGap | undefined): void {
  if (role === 'proxy') c.proxies += 1;
  else if (role === 'mesh-infrastructure') c.meshInfrastructure += 1;
  else {
    c.application += 1;
    if (gap) {
      c.notProtected += 1;
      c.byGap[gap] = (c.byGap[gap] ?? 0) + 1;
    } else c.protected += 1;
  }
}

export interface MeshPodCounts {
  total: PodCounts;
  byNamespace: Map<string, PodCounts>;
}

export function countPods(workloads: WorkloadView[], namespaces: Pick<NamespaceView, 'name' | 'discovered' | 'enrollment'>[]): MeshPodCounts {
  const nsByName = new Map(namespaces.map((n) => [n.name, n]));
  const total = emptyCounts();
  const byNamespace = new Map<string, PodCounts>(namespaces.map((n) => [n.name, emptyCounts()]));
  for (const w of workloads) {
    const role = workloadRole(w);
    const ns = nsByName.get(w.namespace);
    let mine = byNamespace.get(w.namespace);
    if (!mine) byNamespace.set(w.namespace, (mine = emptyCounts()));
    for (const p of w.pods) {
      const gap = captureGap(podCapture(p, ns));
      addTo(total, role, gap);
      addTo(mine, role, gap);
    }
  }
  return { total, byNamespace };
}

/** Words for the gaps, as counts show them ("1 opted out"). */
export const gapWords: Record<ProtectionGap, string> = {
  'namespace-not-enrolled': 'not enrolled',
  'opted-out': 'opted out',
  'not-redirected': 'labelled, not redirected',
  sidecar: 'sidecar',
  'host-network': 'host network',
  'undiscovered-namespace': 'outside discovery',
  'ztunnel-not-ready': 'ztunnel not ready',
  'external-destination': 'external',
  'non-mesh-destination': 'server outside the mesh',
  'non-mesh-client': 'client outside the mesh',
  'unknown-source': 'unknown source',
  'unknown-source-pod': 'unknown source',
  partial: 'partly mTLS',
  'not-mtls': 'not mTLS',
};

/** "8 of 11 application pods", the one phrasing of the protected share. */
export function protectedText(c: PodCounts): string {
  return `${c.protected} of ${c.application} application pod${c.application === 1 ? '' : 's'}`;
}

/** "1 opted out, 1 labelled, not redirected", in a fixed order. */
export function gapsText(c: PodCounts): string {
  return (Object.keys(gapWords) as ProtectionGap[])
    .filter((g) => (c.byGap[g] ?? 0) > 0)
    .map((g) => `${c.byGap[g]} ${gapWords[g]}`)
    .join(', ');
}

export interface WaypointRef {
  /** "namespace/name". */
  waypoint: string;
  /** Namespace label istio.io/use-waypoint, or the services (namespace/name) whose label names it. */
  usedBy: { namespace: boolean; services: string[]; workloads: string[] };
}

/**
 * Every waypoint deployed in, or used by, a namespace, with who uses it: the namespace label and
 * the services' and workloads' own istio.io/use-waypoint labels all count.
 */
export function waypointsOf(namespace: string, model: { namespaces: Pick<NamespaceView, 'name' | 'waypoint'>[]; workloads: WorkloadView[]; services: { namespace: string; name: string; waypoint: WorkloadView['waypoint'] }[] }): WaypointRef[] {
  const refs = new Map<string, WaypointRef>();
  const ref = (waypoint: string) => {
    let r = refs.get(waypoint);
    if (!r) refs.set(waypoint, (r = { waypoint, usedBy: { namespace: false, services: [], workloads: [] } }));
    return r;
  };
  for (const w of model.workloads) if (w.namespace === namespace && w.isWaypoint) ref(`${w.namespace}/${w.name}`);
  const nsWaypoint = model.namespaces.find((n) => n.name === namespace)?.waypoint;
  if (nsWaypoint) ref(nsWaypoint).usedBy.namespace = true;
  for (const s of model.services) {
    if (s.namespace === namespace && s.waypoint.kind === 'waypoint' && s.waypoint.source === 'service') ref(s.waypoint.waypoint).usedBy.services.push(`${s.namespace}/${s.name}`);
  }
  for (const w of model.workloads) {
    if (w.namespace === namespace && w.waypoint.kind === 'waypoint' && w.waypoint.source === 'pod') ref(w.waypoint.waypoint).usedBy.workloads.push(`${w.namespace}/${w.name}`);
  }
  return [...refs.values()].sort((a, b) => a.waypoint.localeCompare(b.waypoint));
}

/** "bookinfo/waypoint (services: reviews)" or "(namespace)" or "(unused)". */
export function waypointText(r: WaypointRef): string {
  const uses: string[] = [];
  if (r.usedBy.namespace) uses.push('namespace');
  if (r.usedBy.services.length) uses.push(`service${r.usedBy.services.length === 1 ? '' : 's'} ${r.usedBy.services.map((s) => s.split('/')[1]).join(', ')}`);
  if (r.usedBy.workloads.length) uses.push(`workload${r.usedBy.workloads.length === 1 ? '' : 's'} ${r.usedBy.workloads.map((s) => s.split('/')[1]).join(', ')}`);
  return `${r.waypoint} (${uses.length ? uses.join('; ') : 'deployed, not used'})`;
}
