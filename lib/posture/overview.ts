// The overview: a card per namespace (enrollment, waypoint, workloads and pods, mTLS share and
// throughput) and the mesh-wide headline figures. Pure: kube rows + one traffic graph in.
import type { NamespaceView, ServiceView, WorkloadView } from '@/lib/kube/cluster-model';
import { countPods, emptyCounts, waypointsOf, type PodCounts, type WaypointRef } from './pod-counts';
import type { ControlPlane } from '@/lib/kube/wire/control-plane';
import type { NamespaceEnrollmentState } from '@/lib/kube/wire/namespaces';
import type { NodePod } from '@/lib/kube/wire/pods';
import type { MeshGraph } from '@/lib/graph/model';
import { controlPlaneHealth, type ControlPlaneHealth } from './control-plane';
import { meshTraffic, type NamespaceTraffic, type TrafficTotals } from './traffic';
import type { ZtunnelPodTraffic } from '@/lib/graph/samples';
import { withMeasuredZtunnels, ztunnelNodeTraffic, type NodeTraffic } from './ztunnel-traffic';

export interface NamespaceCard {
  name: string;
  /** Labelled istio.io/dataplane-mode=ambient. */
  ambient: boolean;
  enrollment: NamespaceEnrollmentState;
  enrollmentReason: string;
  /** The namespace's own waypoint (istio.io/use-waypoint on the namespace). */
  waypoint?: string;
  /** Every waypoint deployed here or used from here: namespace, service and workload waypoints. */
  waypoints: WaypointRef[];
  discovered: boolean;
  workloads: number;
  pods: { total: number; ready: number };
  /** The one set of pod counts (lib/posture/pod-counts). */
  podCounts: PodCounts;
  /** Absent when traffic could not be read; zeros when the namespace was idle. */
  traffic?: Omit<NamespaceTraffic, 'namespace'>;
}

export interface Headline {
  traffic: TrafficTotals | null;
  pods: PodCounts;
  ztunnels: { ready: number; total: number };
  controlPlane: ControlPlaneHealth | null;
}

export type TrafficStatus = { ok: true; duration: number; queryTime: number; warnings: string[] } | { ok: false; code: string; message: string };
export type ControlPlaneStatus = { ok: true } | { ok: false; code: string; message: string };

export interface Overview {
  generatedAt: string;
  headline: Headline;
  namespaces: NamespaceCard[];
  /** What each node's ztunnel carried (empty when traffic could not be read). */
  nodes: NodeTraffic[];
  trafficStatus: TrafficStatus;
  controlPlaneStatus: ControlPlaneStatus;
}

export interface OverviewInput {
  namespaces: NamespaceView[];
  workloads: WorkloadView[];
  /** For the services' waypoints; none: only namespace and workload waypoints are shown. */
  services?: ServiceView[];
  graph: { ok: true; graph: MeshGraph } | { ok: false; code: string; message: string };
  ztunnels: NodePod[];
  /** Each ztunnel pod's own series, when the metrics source has them. */
  ztunnelTraffic?: ZtunnelPodTraffic[];
  controlPlane: { ok: true; view: ControlPlane } | { ok: false; code: string; message: string };
  now: Date;
}

export function buildOverview(input: OverviewInput): Overview {
  const traffic = input.graph.ok ? meshTraffic(input.graph.graph) : undefined;
  const zero = { bytesPerSec: 0, mtlsBytesPerSec: 0, mtlsShare: null, connectionsPerSec: 0, mtlsConnectionsPerSec: 0, mtlsShareByConnections: null, deniedPerSec: 0, plaintextEdges: 0, edges: 0, inboundBps: 0, outboundBps: 0 };
  const counts = countPods(input.workloads, input.namespaces);
  const model = { namespaces: input.namespaces, workloads: input.workloads, services: input.services ?? [] };
  const namespaces: NamespaceCard[] = input.namespaces.map((n) => {
    const t = traffic?.byNamespace.get(n.name);
    const { namespace: _ns, ...rest } = t ?? { namespace: n.name, ...zero };
    return {
      name: n.name,
      ambient: n.enrollment.labelled,
      enrollment: n.enrollment.state,
      enrollmentReason: n.enrollment.reason,
      waypoint: n.waypoint,
      waypoints: waypointsOf(n.name, model),
      discovered: n.discovered,
      workloads: n.workloads,
      pods: { total: n.pods.total, ready: n.pods.ready },
      podCounts: counts.byNamespace.get(n.name) ?? emptyCounts(),
      traffic: traffic ? rest : undefined,
    };
  });
  return {
    generatedAt: input.now.toISOString(),
    headline: {
      traffic: traffic?.totals ?? null,
      pods: counts.total,
      ztunnels: { ready: input.ztunnels.filter((z) => z.ready).length, total: input.ztunnels.length },
      controlPlane: input.controlPlane.ok ? controlPlaneHealth(input.controlPlane.view) : null,
    },
    namespaces,
    nodes: withMeasuredZtunnels(input.graph.ok ? ztunnelNodeTraffic(input.graph.graph, input.workloads) : [], input.ztunnelTraffic ?? [], input.ztunnels),
    trafficStatus: input.graph.ok
      ? { ok: true, duration: input.graph.graph.window.duration, queryTime: input.graph.graph.window.queryTime, warnings: input.graph.graph.warnings }
      : { ok: false, code: input.graph.code, message: input.graph.message },
    controlPlaneStatus: input.controlPlane.ok ? { ok: true } : { ok: false, code: input.controlPlane.code, message: input.controlPlane.message },
  };
}
