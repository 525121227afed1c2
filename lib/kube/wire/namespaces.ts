// Wire shapes of GET /api/namespaces (docs/api-kube.md), shared by the route, lib/kube and the browser.
import type { PodCounts, WaypointRef } from '@/lib/posture/pod-counts';
import type { PodEnrollmentState } from './pods';

export type { PodCounts, WaypointRef };

export type NamespaceEnrollmentState = 'ambient' | 'partial' | 'pending' | 'none' | 'empty';

export interface NamespaceEnrollment {
  labelled: boolean;
  state: NamespaceEnrollmentState;
  reason: string;
  pods: Record<PodEnrollmentState, number>;
  unprotected: number;
}

export interface NamespaceRow {
  name: string;
  labels: Record<string, string>;
  /** istio.io/dataplane-mode=ambient. */
  ambient: boolean;
  enrollment: NamespaceEnrollment;
  /** "namespace/name" from istio.io/use-waypoint. */
  waypoint?: string;
  /** Inside meshConfig.discoverySelectors. */
  discovered: boolean;
  pods: { total: number; ready: number };
  workloads: number;
  /** The mesh's one set of pod counts (lib/posture/pod-counts), as Overview and Security show them. */
  podCounts: PodCounts;
  /** Waypoints deployed here or used from here (namespace, service and workload labels). */
  waypoints: WaypointRef[];
}

export interface NamespacesResponse {
  namespaces: NamespaceRow[];
}
