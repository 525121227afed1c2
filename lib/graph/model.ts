// The wire model of the traffic graph: ours, not the renderer's.
// The API returns MeshGraph; components/graph/to-elements.ts maps it to cytoscape.

export type GraphType = 'workload' | 'app' | 'versionedApp' | 'service';
export type Enrollment = 'ambient' | 'ambient-pending' | 'sidecar' | 'none' | 'unknown';
export type EdgeProtocol = 'tcp' | 'http' | 'grpc';
/**
 * A proxy that reported an edge's traffic: the client's or server's Envoy sidecar, ztunnel's L4
 * (either end's), a waypoint. Not bare "ztunnel": that is also a namespace's name.
 */
export type EdgeReporter = 'server-sidecar' | 'client-sidecar' | 'ztunnel-l4' | 'waypoint';
/** How ztunnel carries a workload's traffic: HBONE when captured, TCP otherwise. */
export type DataplaneProtocol = 'HBONE' | 'TCP';

/** Why an edge is not (fully) mTLS. Absent when mtlsShare is 1. */
/**
 * What istio-cni decided for a pod (lib/kube/enrollment): the finer cause behind Enrollment, so
 * advice can name the one fix that applies.
 */
export type CaptureState =
  | 'ambient' // redirected by istio-cni: ztunnel carries its traffic
  | 'ambient-pending' // enrolled on paper (label) but not (yet) redirected
  | 'waypoint' // a waypoint proxy: speaks HBONE itself
  | 'sidecar'
  | 'opted-out' // istio.io/dataplane-mode=none
  | 'host-network'
  | 'not-enrolled';

/** Why a workload is (not) protected: the facts lib/posture/protection turns into a reason and a fix. */
export interface Capture {
  /** The state of its least protected pod. */
  state: CaptureState;
  /** Redirected, but the ztunnel on the pod's node is not ready (or absent). */
  ztunnelNotReady: boolean;
  namespaceLabelled: boolean;
  /** Inside meshConfig.discoverySelectors. */
  namespaceDiscovered: boolean;
  /** Node of that pod. */
  node?: string;
  /** Name of that pod. */
  pod?: string;
}

/** A pod ztunnel cannot name (its namespace is outside the discovery selectors): a likely unknown source. */
export interface UnnamedPod {
  namespace: string;
  workload: string;
  pod: string;
  ip?: string;
  capture: Capture;
}

export type PlaintextReason =
  | 'non-mesh-client' // only the destination ztunnel reported it; the client is outside the mesh
  | 'non-mesh-destination' // only the source ztunnel reported it; the server is outside the mesh
  | 'external-destination' // every destination_* label is unknown: egress to an IP or host
  | 'partial' // some of the edge's traffic was mTLS, some was not
  | 'not-mtls'; // reported plaintext for another reason

export interface NodeFlags {
  waypoint: boolean;
  ingressGateway: boolean;
  /** In a namespace that was not selected. */
  outside: boolean;
  /** The user may not see this namespace: the node is opaque. */
  inaccessible: boolean;
  /** In the inventory, no traffic in the window (only present when idle nodes are asked for). */
  idle: boolean;
}

/** Traffic totals for a node, per second: sums over its edges (tcp: both directions of the connections it opened / accepted). */
export interface NodeTraffic {
  tcpInBps: number;
  tcpOutBps: number;
  httpInRps: number;
  httpOutRps: number;
}

interface NodeBase {
  id: string;
  cluster: string;
  namespace: string;
  flags: NodeFlags;
  traffic: NodeTraffic;
}

export interface WorkloadNode extends NodeBase {
  kind: 'workload';
  workload: string;
  app?: string;
  version?: string;
  serviceAccount?: string;
  /** SPIFFE identity, e.g. spiffe://cluster.local/ns/bookinfo/sa/bookinfo-details */
  principal?: string;
  enrollment: Enrollment;
  protocol?: DataplaneProtocol;
  /** The waypoint this workload's traffic goes through ("namespace/name"). */
  usesWaypoint?: string;
  /** Seen in metrics but not found in the cluster inventory. */
  notInInventory: boolean;
  /** Absent when the inventory did not say. */
  capture?: Capture;
}

export interface AppNode extends NodeBase {
  kind: 'app';
  app: string;
  /** Set for the versionedApp graph type. */
  version?: string;
  workloads: string[];
  principals: string[];
  enrollment: Enrollment;
  /** Its least protected workload's, when the inventory said. */
  capture?: Capture;
}

export interface ServiceNode extends NodeBase {
  kind: 'service';
  service: string;
  hostname?: string;
  usesWaypoint?: string;
}

/** A client that the destination ztunnel saw but could not name. */
export interface UnknownSourceNode extends NodeBase {
  kind: 'unknown';
  /** In-cluster pods ztunnel cannot name: the client is one of them, or outside the cluster. */
  unnamedPods?: UnnamedPod[];
}

/** Egress outside the mesh: destination_* labels were all unknown. */
export interface ExternalNode extends NodeBase {
  kind: 'external';
  /** Best name known for the destination (service host or "unknown"). */
  address: string;
}

/** A collapsed namespace (or app) drawn as one node on large meshes. */
export interface AggregateNode extends NodeBase {
  kind: 'aggregate';
  aggregateBy: 'namespace' | 'app';
  members: string[];
}

export type GraphNode =
  | WorkloadNode
  | AppNode
  | ServiceNode
  | UnknownSourceNode
  | ExternalNode
  | AggregateNode;

export interface TcpEdgeTraffic {
  /** istio_tcp_received_bytes_total: client -> server, bytes/s. */
  clientToServerBps: number;
  /** istio_tcp_sent_bytes_total: server -> client, bytes/s. */
  serverToClientBps: number;
  connectionsOpenedPerSec: number;
  connectionsClosedPerSec: number;
  /** Connections closed with response_flags="DENY" (authorization policy), per second. */
  deniedPerSec: number;
  /** Connections closed with response_flags="CONNECT" (upstream connect failure), per second. */
  connectFailedPerSec: number;
}

export interface HttpEdgeTraffic {
  requestsPerSec: number;
  /** Requests per second by response class; "noResponse" covers code 0 / "-". */
  byClass: { '2xx': number; '3xx': number; '4xx': number; '5xx': number; noResponse: number };
  /** 0..1 share of requests that are 5xx / no response (HTTP) or a non-OK status (gRPC). */
  errorShare: number;
  latencyMs?: { p50: number | null; p95: number | null; p99: number | null };
}

export interface EdgeSecurity {
  /** 0..1 share of bytes that were mTLS (of requests, on http/grpc edges); null when there was nothing to count. */
  mtlsShare: number | null;
  /** 0..1 share of connections opened that were mTLS; null when none were opened. */
  mtlsShareByConnections: number | null;
  sourcePrincipals: string[];
  destinationPrincipals: string[];
  reason?: PlaintextReason;
}

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  protocol: EdgeProtocol;
  tcp?: TcpEdgeTraffic;
  http?: HttpEdgeTraffic;
  security: EdgeSecurity;
  /**
   * The waypoint ("namespace/name") this edge went through: on L4 edges when waypoints are merged,
   * on L7 (http/grpc) edges whenever the inventory names the destination's waypoint.
   */
  waypoint?: string;
  sourceCluster: string;
  destinationCluster: string;
  /** Every proxy that saw this edge's traffic (it is counted once, from the first listed). */
  reporters?: EdgeReporter[];
}

export interface GraphWindow {
  /** Seconds. */
  duration: number;
  /** Unix seconds: the instant the rates were evaluated at. */
  queryTime: number;
}

export interface MeshGraph {
  graphType: GraphType;
  namespaces: string[];
  window: GraphWindow;
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** Things the user should know about this graph (partial data, stale inventory...). */
  warnings: string[];
  /** Which Prometheus queries the ztunnel and waypoint traffic came from; absent for the simulator source. */
  metricsQueries?: { tcp: 'recording-rules' | 'raw'; http: 'recording-rules' | 'raw'; skipped?: ('sidecar' | 'waypoint')[] };
  /** Set on a graph without traffic: whether the metrics hold any ztunnel series in the window, so "no traffic" blames Prometheus only when they do not. */
  ztunnelSeries?: ZtunnelSeriesCheck;
}

/** A cheap check of the metrics source: how many ztunnel series it holds in a window, and the check run (PromQL, or the simulator's own). */
export interface ZtunnelSeriesCheck {
  series: number;
  check: string;
  /** false: the count is clamped to 1 (the viewer may not see every namespace the check spans). */
  exact?: boolean;
}
