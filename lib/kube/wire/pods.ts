// Wire shapes of a pod, shared by the workloads, ztunnel and control-plane answers.
import type { CaptureState, Enrollment } from '@/lib/graph/model';

export type PodEnrollmentState = CaptureState;

export interface PodEnrollment {
  state: PodEnrollmentState;
  /** The graph model's coarser value. */
  enrollment: Enrollment;
  reason: string;
  /** Enrolled, but the ztunnel on its node is not ready (or absent): traffic is not protected. */
  unprotected: boolean;
}

/** A pod as its node runs it (ztunnel, istio-cni and istiod pods, and every workload's pods). */
export interface NodePod {
  node?: string;
  pod: string;
  ready: boolean;
  restarts: number;
  /** Image tag. */
  version?: string;
  phase?: string;
}
