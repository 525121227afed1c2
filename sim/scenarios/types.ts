// What a scenario is: the Kubernetes objects of a cluster at start, and the traffic flowing in it.

import type { KubeObject } from '../store';
import type { TypeName } from '../mesh/resource-types';

export interface ScenarioObject {
  type: TypeName;
  object: KubeObject;
}

export type FlowTarget =
  | { kind: 'service'; namespace: string; name: string; port: number }
  | { kind: 'external'; ip: string; port: number };

/**
 * A steady stream of connections from every pod of a workload to a service (or an outside address).
 * Rates are the flow's total, split evenly over client pods and service endpoints.
 */
export interface FlowSpec {
  id: string;
  client: { namespace: string; workload: string };
  target: FlowTarget;
  /** client -> server bytes per second (istio_tcp_received_bytes_total). */
  requestBytesPerSecond: number;
  /** server -> client bytes per second (istio_tcp_sent_bytes_total). */
  responseBytesPerSecond: number;
  connectionsPerSecond: number;
  /**
   * HTTP requests, seen as L7 by a waypoint in front of the service. `requests`: what they are made
   * of (method, path, share of the requests), which the waypoint's policies match; default all `GET /`.
   */
  http?: { requestsPerSecond: number; errorShare: number; latencyMs: number; requests?: { method: string; path: string; share: number }[] };
}

export interface Scenario {
  name: string;
  seed: string;
  clusterId: string;
  trustDomain: string;
  objects: ScenarioObject[];
  flows: FlowSpec[];
  /** SPIFFE identities whose certificate renewal is stuck: they expire 20 minutes after start. */
  nearExpiryIdentities?: string[];
}

export interface BuildOptions {
  seed?: string;
  /** Unix seconds; object creation times are set a little before it. */
  createdAt?: number;
}
