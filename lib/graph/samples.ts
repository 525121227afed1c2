// Traffic samples: what the metrics adapters (Prometheus, or the simulator in demo mode)
// hand to the graph core. Rates are per second over the window. No vendor shapes here.

import type { ZtunnelSeriesCheck } from './model';

export interface PeerLabels {
  cluster: string;
  namespace: string;
  workload: string;
  canonicalService: string;
  canonicalRevision: string;
  app: string;
  version: string;
  principal: string;
}

export interface DestinationLabels extends PeerLabels {
  /** destination_service, e.g. details.bookinfo.svc.cluster.local (or "details:9080"). */
  service: string;
  serviceName: string;
  serviceNamespace: string;
}

export type TcpMetric = 'receivedBytes' | 'sentBytes' | 'connectionsOpened' | 'connectionsClosed';

export interface TcpSample {
  metric: TcpMetric;
  /** Which ztunnel reported it; undefined when the query already chose one view per edge. */
  reporter?: 'source' | 'destination';
  /** Set on an Envoy sidecar's series (istio_tcp_* share names and reporters with ztunnel's). */
  proxy?: 'sidecar';
  source: PeerLabels;
  destination: DestinationLabels;
  /** mutual_tls | unknown | none (the literal label value). */
  securityPolicy: string;
  /** "-", "DENY", "CONNECT". */
  responseFlags: string;
  /** Per second. */
  value: number;
}

export interface HttpSample {
  reporter: 'source' | 'destination' | 'waypoint';
  source: PeerLabels;
  destination: DestinationLabels;
  protocol: 'http' | 'grpc';
  responseCode: string;
  grpcStatus: string;
  securityPolicy: string;
  responseFlags: string;
  /** Requests per second. */
  value: number;
}

/** Latency quantiles per (source workload, destination workload) from the waypoint histogram or a sidecar's. */
export interface LatencySample {
  /** Whose histogram: a sidecar's (source / destination); undefined is the waypoint's. */
  reporter?: 'source' | 'destination';
  source: Pick<PeerLabels, 'cluster' | 'namespace' | 'workload'>;
  destination: Pick<PeerLabels, 'cluster' | 'namespace' | 'workload'>;
  quantile: 0.5 | 0.95 | 0.99;
  /** Milliseconds; null when the histogram had no observations. */
  valueMs: number | null;
}

export interface TrafficSamples {
  tcp: TcpSample[];
  http: HttpSample[];
  latency: LatencySample[];
  /** Which queries answered each family (absent: the raw series, or a source without queries). */
  queries?: MetricsQueries;
}

/** 'recording-rules': Ambient Lens's recorded aggregates (deploy/prometheus); 'raw': the istio_* series themselves. */
export interface MetricsQueries {
  /** ztunnel's L4 series. */
  tcp: 'recording-rules' | 'raw';
  /** The waypoints' L7 series. */
  http: 'recording-rules' | 'raw';
  /** Proxies with no series at all in the window, whose queries were therefore not sent. */
  skipped?: ProxyFamily[];
}

/** The proxies whose series the graph reads beside ztunnel's. */
export type ProxyFamily = 'sidecar' | 'waypoint';

export interface TrafficQuery {
  /** Empty means every namespace. */
  namespaces: string[];
  /** Seconds. */
  duration: number;
  /** Unix seconds. */
  queryTime: number;
}

/** What one ztunnel pod carried, per second, from its own series (not derived from the graph). */
export interface ZtunnelPodTraffic {
  namespace: string;
  pod: string;
  /** Bytes both ways on connections it served as the destination's ztunnel. */
  inboundBps: number;
  /** Bytes both ways on connections it opened as the source's ztunnel. */
  outboundBps: number;
  connectionsOpenedPerSec: number;
}

/** Rates at several instants: each a rate over `rateWindow` seconds ending at that instant. */
export interface TrafficRangeQuery {
  /** Empty means every namespace. */
  namespaces: string[];
  rateWindow: number;
  /** Unix seconds, oldest first, evenly spaced by step. */
  start: number;
  end: number;
  step: number;
}

export interface TimedSamples {
  time: number;
  samples: TrafficSamples;
}

/** Implemented by lib/prometheus (real) and by the simulator's metrics source (demo without Prometheus). */
export interface MetricsSource {
  readonly kind: 'prometheus' | 'simulator';
  samples(query: TrafficQuery, signal?: AbortSignal): Promise<TrafficSamples>;
  /** The same samples at every step of a range (time series): a constant number of range queries. */
  samplesRange?(query: TrafficRangeQuery, signal?: AbortSignal): Promise<TimedSamples[]>;
  /** Per ztunnel pod; absent where the source cannot tell pods apart (the simulator source). */
  ztunnelTraffic?(duration: number, queryTime: number, signal?: AbortSignal): Promise<ZtunnelPodTraffic[]>;
  /** Unix seconds of the oldest sample the source holds (else where its retention starts); undefined when it cannot tell. */
  oldestDataTime?(signal?: AbortSignal): Promise<number | undefined>;
  /** How many ztunnel series the source holds in the window ending at queryTime, whatever the namespace. */
  ztunnelSeries?(duration: number, queryTime: number, signal?: AbortSignal): Promise<ZtunnelSeriesCheck>;
}
