// What the graph core needs to know about the cluster. The Kubernetes layer (lib/kube)
// builds this from its informer cache; tests build it by hand. No I/O here.
import type { Capture, DataplaneProtocol, Enrollment } from './model';

export interface InventoryNamespace {
  name: string;
  labels: Record<string, string>;
  /** Labelled istio.io/dataplane-mode=ambient. */
  ambientLabelled: boolean;
  /** Waypoint named by istio.io/use-waypoint on the namespace ("namespace/name"). */
  usesWaypoint?: string;
  /** Inside meshConfig.discoverySelectors (true when there are no selectors). */
  discovered: boolean;
}

export interface InventoryWorkload {
  cluster: string;
  namespace: string;
  /** The name ztunnel reports as source_workload / destination_workload. */
  name: string;
  /** Deployment, StatefulSet, DaemonSet, Job, CronJob, ReplicaSet, Pod. */
  kind: string;
  app?: string;
  version?: string;
  serviceAccount: string;
  principal: string;
  enrollment: Enrollment;
  /** In words, why the enrollment is what it is. */
  enrollmentReason: string;
  protocol?: DataplaneProtocol;
  usesWaypoint?: string;
  isWaypoint: boolean;
  isIngressGateway: boolean;
  pods: number;
  labels: Record<string, string>;
  /** Why its least protected pod is (not) protected; absent from hand-built inventories. */
  capture?: Capture;
  /** Its pods' names and IPs (to name a client ztunnel could not). */
  podAddresses?: { pod: string; ip?: string }[];
}

export interface InventoryService {
  namespace: string;
  name: string;
  /** e.g. details.bookinfo.svc.cluster.local */
  hostname: string;
  usesWaypoint?: string;
  /** Names of the workloads the selector matches. */
  workloads: string[];
}

export interface Inventory {
  trustDomain: string;
  namespaces: InventoryNamespace[];
  workloads: InventoryWorkload[];
  services: InventoryService[];
}

/** Implemented by the Kubernetes layer; the graph route reads the inventory through it. */
export interface InventorySource {
  inventory(): Promise<Inventory>;
  /** Changes whenever the inventory changes in a way the graph shows (cache keys); absent: unknown. */
  version?(): Promise<string>;
}
