// Wire shapes of GET /api/control-plane (docs/api-kube.md), shared by the route, lib/kube,
// lib/posture and the browser.
import type { NodePod } from './pods';

export interface SailConditionRow {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
}

/** The columns every Sail Operator resource shares. */
export interface SailRowBase {
  name: string;
  namespace?: string;
  profile?: string;
  version?: string;
  status?: string;
  createdAt?: string;
  ageSeconds?: number;
  conditions: SailConditionRow[];
}

/** NAME REVISIONS READY IN USE ACTIVE REVISION STATUS VERSION AGE */
export interface IstioRow extends SailRowBase {
  revisions: { total?: number; ready?: number; inUse?: number };
  activeRevision?: string;
}

/** NAME READY STATUS VERSION AGE (IstioCNI, ZTunnel); IstioRevision adds IN USE. */
export interface ComponentRow extends SailRowBase {
  ready?: string;
  inUse?: string;
  apiVersion?: string;
}

export interface DaemonSetRow {
  namespace: string;
  name: string;
  desired: number;
  ready: number;
  available: number;
  updated: number;
  pods: NodePod[];
}

export interface IstiodPod extends NodePod {
  namespace: string;
  revision?: string;
}

export interface SailAvailability {
  state: 'installed' | 'not-installed' | 'forbidden' | 'loading' | 'error';
  message: string;
}

/** The control plane as the Sail Operator and the cluster report it. */
export interface ControlPlane {
  sail: SailAvailability;
  istios: IstioRow[];
  istioCNIs: ComponentRow[];
  ztunnels: ComponentRow[];
  revisions: ComponentRow[];
  ztunnelDaemonSets: DaemonSetRow[];
  cniDaemonSets: DaemonSetRow[];
  istiod: IstiodPod[];
}

export type ResourceStatus = 'pending' | 'ready' | 'missing' | 'forbidden' | 'error';

/** The informer cache's state of one watched resource. */
export interface ResourceState {
  status: ResourceStatus;
  /** The group/version being served (for ZTunnel: v1 or v1alpha1). */
  apiVersion?: string;
  /** In words, for users: why a resource is missing, forbidden or failing. */
  message?: string;
  objects: number;
  /** When the last full list completed. */
  listedAt?: string;
  relists: number;
  reconnects: number;
}

export interface ControlPlaneResponse {
  controlPlane: ControlPlane;
  /** Keyed by the resource's plural (pods, istios, ...). */
  resources: Record<string, ResourceState>;
}
