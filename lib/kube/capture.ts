// The facts behind a pod's protection (lib/graph/model Capture), from the cluster model. Pure.
import type { Capture, CaptureState } from '@/lib/graph/model';
import type { NamespaceView, PodView, WorkloadView } from './cluster-model';

export function podCapture(pod: PodView, ns: Pick<NamespaceView, 'discovered' | 'enrollment'> | undefined): Capture {
  return {
    state: pod.enrollment.state,
    ztunnelNotReady: pod.enrollment.state === 'ambient' && pod.enrollment.unprotected,
    namespaceLabelled: ns?.enrollment.labelled ?? false,
    namespaceDiscovered: ns?.discovered ?? true,
    node: pod.node,
    pod: pod.pod,
  };
}

/** Least protected first, so a workload's capture names the pod that needs the fix. */
const order: CaptureState[] = ['ambient-pending', 'opted-out', 'not-enrolled', 'host-network', 'sidecar', 'ambient', 'waypoint'];

function rank(c: Capture): number {
  return c.ztunnelNotReady ? -1 : order.indexOf(c.state);
}

export function workloadCapture(w: WorkloadView, ns: Pick<NamespaceView, 'discovered' | 'enrollment'> | undefined): Capture | undefined {
  const all = w.pods.map((p) => podCapture(p, ns)).sort((a, b) => rank(a) - rank(b));
  return all[0];
}
