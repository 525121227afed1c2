// Wire shapes of GET /api/namespaces (docs/api-kube.md), shared by the route, lib/kube and the browser.
import type { PodEnrollmentState } from './pods';

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
}

export interface NamespacesResponse {
  namespaces: NamespaceRow[];
}
