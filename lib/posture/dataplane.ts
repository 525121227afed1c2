// What ztunnel says about each pod (`istioctl ztunnel-config workloads`, merged from every ztunnel)
// beside what the Kubernetes API says, with the places where the two disagree in words. Pure.
import type { WorkloadView } from '@/lib/kube/cluster-model';
import type { PodEnrollmentState } from '@/lib/kube/wire/pods';
import type { Reported, ZtunnelStatus, ZtunnelWorkload } from '@/lib/kube/wire/ztunnel';

export interface KubePodSide {
  workload: string;
  node?: string;
  ip?: string;
  enrollment: PodEnrollmentState;
  reason: string;
  unprotected: boolean;
  serviceAccount: string;
  identity: string;
  ready: boolean;
  /** "namespace/name" of the waypoint the workload uses. */
  waypoint?: string;
  namespaceDiscovered: boolean;
}

export interface ZtunnelPodSide {
  workload?: string;
  addresses: string[];
  node?: string;
  waypoint?: string;
  protocol: string;
  identity?: string;
  serviceAccount?: string;
  status?: string;
  reportedBy: string[];
}

export interface DataplaneRow {
  namespace: string;
  pod: string;
  kube?: KubePodSide;
  ztunnel?: ZtunnelPodSide;
  mismatches: string[];
}

export interface DataplaneInput {
  workloads: WorkloadView[];
  /** namespace -> inside the discovery selectors. */
  discovered: Map<string, boolean>;
  ztunnelWorkloads: Reported<ZtunnelWorkload>[];
  ztunnels: ZtunnelStatus[];
  trustDomain: string;
}

export interface DataplaneComparison {
  rows: DataplaneRow[];
  /** False when no ztunnel answered: every "missing from ztunnel" would be a guess, so none is made. */
  ztunnelAnswered: boolean;
  /** Some ztunnels did not answer (names and messages). */
  unansweredZtunnels: { pod: string; node?: string; message?: string }[];
  mismatches: number;
}

const notCaptured: PodEnrollmentState[] = ['not-enrolled', 'opted-out', 'sidecar', 'host-network'];

function compare(kube: KubePodSide | undefined, zt: ZtunnelPodSide | undefined, ztunnelAnswered: boolean): string[] {
  const out: string[] = [];
  if (kube && !zt) {
    if (!ztunnelAnswered || kube.enrollment === 'host-network') return out;
    if (kube.enrollment === 'ambient' || kube.enrollment === 'waypoint') {
      out.push(
        kube.namespaceDiscovered
          ? 'Redirected to ztunnel, but no ztunnel lists this pod'
          : 'Redirected to ztunnel, but its namespace is outside the discovery selectors, so istiod never tells ztunnel about it',
      );
    }
    return out;
  }
  if (!kube && zt) return ['ztunnel lists a pod the Kubernetes API does not have (deleted, or ztunnel holds stale state)'];
  if (!kube || !zt) return out;
  if (kube.enrollment === 'ambient' && zt.protocol !== 'HBONE') {
    out.push(`Redirected by istio-cni, but ztunnel carries it as ${zt.protocol}: its traffic is not mTLS`);
  }
  if (kube.enrollment === 'ambient-pending' && zt.protocol !== 'HBONE') {
    out.push(`Labelled for ambient, but ztunnel says ${zt.protocol}: istio-cni has not redirected it`);
  }
  if (notCaptured.includes(kube.enrollment) && zt.protocol === 'HBONE') {
    out.push(`ztunnel says HBONE, but Kubernetes says ${kube.enrollment}`);
  }
  if (kube.node && zt.node && kube.node !== zt.node) out.push(`Kubernetes schedules it on ${kube.node}, ztunnel says ${zt.node}`);
  if (zt.serviceAccount && zt.serviceAccount !== kube.serviceAccount) {
    out.push(`Service account differs: Kubernetes ${kube.serviceAccount}, ztunnel ${zt.serviceAccount}`);
  }
  if (kube.ip && zt.addresses.length > 0 && !zt.addresses.includes(kube.ip)) {
    out.push(`Address differs: Kubernetes ${kube.ip}, ztunnel ${zt.addresses.join(', ')}`);
  }
  return out;
}

export function compareDataplane(input: DataplaneInput): DataplaneComparison {
  const ztunnelAnswered = input.ztunnels.some((z) => z.ok);
  const rows = new Map<string, DataplaneRow>();
  const row = (namespace: string, pod: string): DataplaneRow => {
    const key = `${namespace}/${pod}`;
    let r = rows.get(key);
    if (!r) {
      r = { namespace, pod, mismatches: [] };
      rows.set(key, r);
    }
    return r;
  };
  for (const w of input.workloads) {
    if (w.isWaypoint && w.pods.length === 0) continue;
    for (const p of w.pods) {
      row(p.namespace, p.pod).kube = {
        workload: w.name,
        node: p.node,
        ip: p.ip,
        enrollment: p.enrollment.state,
        reason: p.enrollment.reason,
        unprotected: p.enrollment.unprotected,
        serviceAccount: p.serviceAccount,
        identity: `spiffe://${input.trustDomain}/ns/${p.namespace}/sa/${p.serviceAccount}`,
        ready: p.ready,
        waypoint: w.waypoint.kind === 'waypoint' ? w.waypoint.waypoint : undefined,
        namespaceDiscovered: input.discovered.get(p.namespace) ?? true,
      };
    }
  }
  for (const z of input.ztunnelWorkloads) {
    row(z.namespace, z.pod).ztunnel = {
      workload: z.workloadName,
      addresses: z.addresses,
      node: z.node,
      waypoint: z.waypoint,
      protocol: z.protocol,
      identity: z.identity,
      serviceAccount: z.serviceAccount,
      status: z.status,
      reportedBy: z.reportedBy,
    };
  }
  let mismatches = 0;
  for (const r of rows.values()) {
    r.mismatches = compare(r.kube, r.ztunnel, ztunnelAnswered);
    if (r.mismatches.length > 0) mismatches += 1;
  }
  return {
    rows: [...rows.values()].sort((a, b) => a.namespace.localeCompare(b.namespace) || a.pod.localeCompare(b.pod)),
    ztunnelAnswered,
    unansweredZtunnels: input.ztunnels.filter((z) => !z.ok).map((z) => ({ pod: z.pod, node: z.node, message: z.message })),
    mismatches,
  };
}
