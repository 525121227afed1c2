// The few fields of Kubernetes objects this layer reads, as the API server sends them (raw JSON).
// Vendor shapes stop here: routes and the graph see the views built from them, never these.

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid?: string;
  controller?: boolean;
}

export interface ObjectMeta {
  name: string;
  namespace?: string;
  uid?: string;
  generateName?: string;
  resourceVersion?: string;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
}

export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
}

export interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
}

export interface ContainerStatus {
  name: string;
  ready: boolean;
  restartCount: number;
  image?: string;
}

export interface Pod extends KubeObject {
  spec?: {
    nodeName?: string;
    hostNetwork?: boolean;
    serviceAccountName?: string;
    containers?: { name: string; image?: string }[];
    /** A native sidecar (Kubernetes 1.28+) is an init container named istio-proxy. */
    initContainers?: { name: string; image?: string }[];
  };
  status?: {
    phase?: string;
    podIP?: string;
    podIPs?: { ip: string }[];
    startTime?: string;
    conditions?: Condition[];
    containerStatuses?: ContainerStatus[];
  };
}

export interface LabelSelectorRequirement {
  key: string;
  operator: string;
  values?: string[];
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}

export interface ServicePort {
  port: number;
  /** A number, or the name of a container port. */
  targetPort?: number | string;
  name?: string;
}

export interface Service extends KubeObject {
  spec?: { selector?: Record<string, string>; clusterIP?: string; type?: string; ports?: ServicePort[] };
}

export interface Controller extends KubeObject {
  spec?: { replicas?: number; selector?: LabelSelector; template?: { metadata?: { labels?: Record<string, string> } } };
  status?: {
    replicas?: number;
    readyReplicas?: number;
    desiredNumberScheduled?: number;
    numberReady?: number;
    numberAvailable?: number;
    updatedNumberScheduled?: number;
  };
}

export type Namespace = KubeObject;

export interface Gateway extends KubeObject {
  spec?: { gatewayClassName?: string; listeners?: { name?: string; port?: number; protocol?: string }[] };
  status?: { conditions?: Condition[]; addresses?: { type?: string; value: string }[] };
}

export interface ConfigMap extends KubeObject {
  data?: Record<string, string>;
}

/** Istio, IstioCNI, ZTunnel and IstioRevision (sailoperator.io). */
export interface SailResource extends KubeObject {
  spec?: { version?: string; namespace?: string; profile?: string; values?: unknown };
  status?: {
    state?: string;
    activeRevisionName?: string;
    revisions?: { total?: number; ready?: number; inUse?: number };
    conditions?: Condition[];
  };
}

export function labelsOf(o: KubeObject): Record<string, string> {
  return o.metadata.labels ?? {};
}

export function annotationsOf(o: KubeObject): Record<string, string> {
  return o.metadata.annotations ?? {};
}

export function isPodReady(pod: Pod): boolean {
  return pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

/** Pods that are gone or finished take no part in the mesh. */
export function isPodLive(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return !pod.metadata.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed';
}

export function matchesSelector(labels: Record<string, string>, selector: LabelSelector): boolean {
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const req of selector.matchExpressions ?? []) {
    const value = labels[req.key];
    const values = req.values ?? [];
    switch (req.operator) {
      case 'In':
        if (value === undefined || !values.includes(value)) return false;
        break;
      case 'NotIn':
        if (value !== undefined && values.includes(value)) return false;
        break;
      case 'Exists':
        if (value === undefined) return false;
        break;
      case 'DoesNotExist':
        if (value !== undefined) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/** A Service's plain map selector; an empty or missing selector selects nothing (as Kubernetes does). */
export function serviceSelects(service: Service, labels: Record<string, string>): boolean {
  const selector = service.spec?.selector;
  if (!selector || Object.keys(selector).length === 0) return false;
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}
