// What the evaluator needs to know about the mesh. The Kubernetes layer builds it from its informer
// cache (pods grouped into workloads, Services, waypoint Gateways, namespaces); tests build it by hand.
import type { UnreadablePolicy } from './parse';
import type { AuthorizationPolicy, PeerAuthentication, RequestAuthentication } from './model';

export const DEFAULT_ROOT_NAMESPACE = 'istio-system';
export const DEFAULT_TRUST_DOMAIN = 'cluster.local';
export const USE_WAYPOINT = 'istio.io/use-waypoint';
export const USE_WAYPOINT_NAMESPACE = 'istio.io/use-waypoint-namespace';
export const INGRESS_USE_WAYPOINT = 'istio.io/ingress-use-waypoint';

export interface MeshNamespace {
  name: string;
  labels: Record<string, string>;
}

export interface MeshWorkload {
  namespace: string;
  name: string;
  /** Pod template labels: what policy selectors match. istio.io/use-waypoint here overrides the namespace's. */
  labels: Record<string, string>;
  serviceAccount: string;
  /** Defaults to the mesh's trust domain. */
  trustDomain?: string;
  /** Node of its pods (the first when they are spread): the ztunnel that enforces for it. */
  node?: string;
  /** Redirected by istio-cni to a ready ztunnel (enrolled on paper only does not count). */
  ambient: boolean;
  /** Has an injected sidecar: its own Envoy enforces policies, ztunnel does not. */
  sidecar: boolean;
  /** Gateway pods speak mTLS themselves; an ingress gateway only uses a waypoint when asked to. */
  gateway?: 'ingress' | 'waypoint';
  ips: string[];
}

export interface MeshServicePort {
  port: number;
  /** The pod port ztunnel sees; defaults to port. */
  targetPort?: number;
  name?: string;
}

export interface MeshService {
  namespace: string;
  name: string;
  kind?: 'Service' | 'ServiceEntry';
  /** Carries istio.io/use-waypoint (or "none"), istio.io/use-waypoint-namespace, istio.io/ingress-use-waypoint. */
  labels: Record<string, string>;
  /** Pod selector; absent for a Service without one (no backends we can name). */
  selector?: Record<string, string>;
  ports: MeshServicePort[];
  /** e.g. reviews.bookinfo.svc.cluster.local */
  hostname?: string;
}

/** istio.io/waypoint-for on the waypoint Gateway; "service" when absent. */
export type WaypointTrafficType = 'service' | 'workload' | 'all' | 'none';

/** A Gateway with gatewayClassName istio-waypoint. */
export interface MeshWaypoint {
  namespace: string;
  name: string;
  /** status.conditions Programmed=True. */
  programmed: boolean;
  trafficType: WaypointTrafficType;
  /** The waypoint's pods run as this service account; istiod names it after the Gateway. */
  serviceAccount?: string;
  trustDomain?: string;
  ips?: string[];
}

export interface AuthzInput {
  /** meshConfig.rootNamespace: istio-system unless configured otherwise. */
  rootNamespace: string;
  trustDomain: string;
  namespaces: MeshNamespace[];
  workloads: MeshWorkload[];
  services: MeshService[];
  waypoints: MeshWaypoint[];
  authorizationPolicies: AuthorizationPolicy[];
  peerAuthentications: PeerAuthentication[];
  requestAuthentications: RequestAuthentication[];
  /** Policies the parser could not read: reported as findings. */
  unreadable?: UnreadablePolicy[];
}

/** A connection as seen in the traffic metrics, for checking the policies against what happened. */
export interface ObservedEdge {
  source: { kind: 'workload'; namespace: string; name: string } | { kind: 'plaintext'; namespace?: string; ip?: string };
  destination: { namespace: string; name: string };
  /** The Service the client addressed (destination_service), when known: puts its waypoint on the path. */
  service?: { namespace: string; name: string };
  /** Destination port, when known; otherwise the ports of the Services in front of the workload are tried. */
  port?: number;
  /** Connections closed with response_flags="DENY" (any unit: more than 0 is what counts). */
  denied: number;
  /** Connections that were accepted. */
  accepted: number;
  /** 0..1 share of the traffic that was mTLS; null when unknown. */
  mtlsShare: number | null;
}
