// Wire shapes and parameters of GET /api/workloads and /api/workloads/{namespace}/{name}
// (docs/api-kube.md), shared by the routes, lib/kube and the browser.
import { z } from 'zod';
import type { Enrollment } from '@/lib/graph/model';
import { dnsLabel } from './names';
import type { NodePod, PodEnrollment } from './pods';

export const WorkloadsParams = z.object({ namespace: dnsLabel.optional() }).strict();

/** A workload, named as ztunnel and its metrics name it. */
export interface WorkloadRow {
  namespace: string;
  name: string;
  kind: string;
  /** Canonical service (app) and revision (version), as istiod computes them. */
  app: string;
  version: string;
  versionLabelled: boolean;
  serviceAccount: string;
  /** SPIFFE identity. */
  principal: string;
  enrollment: Enrollment;
  enrollmentReason: string;
  unprotectedPods: number;
  /** "namespace/name" of the waypoint, when one is used. */
  waypoint?: string;
  waypointSource?: 'pod' | 'service' | 'namespace';
  waypointOptedOut: boolean;
  /** What ztunnel reports for the workload's pods (HBONE or TCP), when a config_dump is at hand. */
  ztunnelProtocol?: string;
  isWaypoint: boolean;
  isIngressGateway: boolean;
  labels: Record<string, string>;
  nodes: string[];
  services: string[];
  podCount: number;
  readyPods: number;
}

export interface WorkloadPod extends NodePod {
  namespace: string;
  ip?: string;
  serviceAccount: string;
  enrollment: PodEnrollment;
  ztunnelProtocol?: string;
}

export interface WorkloadDetail extends WorkloadRow {
  pods: WorkloadPod[];
}

export interface WorkloadsResponse {
  workloads: WorkloadRow[];
}

export interface WorkloadResponse {
  workload: WorkloadDetail;
}
