// Words the graph uses for the mesh's things: node names, mTLS states, enrollment, reasons. Pure.
import { effectiveMtlsShare } from '@/lib/graph/lookup';
import type { EdgeSecurity, Enrollment, GraphEdge, GraphNode, PlaintextReason } from '@/lib/graph/model';

/** How much of an edge's traffic was mTLS: what the Security badge draws. */
export type MtlsState = 'full' | 'partial' | 'none' | 'unknown';

const EPSILON = 1e-9;

export function mtlsState(security: EdgeSecurity): MtlsState {
  const share = effectiveMtlsShare(security);
  if (share === null) return 'unknown';
  if (share >= 1 - EPSILON) return 'full';
  if (share <= EPSILON) return 'none';
  return 'partial';
}

/** One mark per state, each meaning one thing: a lock only when all traffic was mTLS, never on plaintext. */
export const mtlsBadge: Record<MtlsState, string | null> = { full: '🔒', partial: '◐', none: '✕', unknown: null };

/** Line pattern per security state on the canvas (and in the legend): plaintext never looks like mTLS, even in greyscale. */
export const mtlsDash: Record<MtlsState, number[] | null> = { full: null, partial: [10, 3, 2, 3], none: [6, 4], unknown: null };

export const mtlsStateWords: Record<MtlsState, string> = {
  full: 'mTLS',
  partial: 'partly mTLS',
  none: 'plaintext',
  unknown: 'no bytes in the window',
};

/** The display name of a node, without namespace. */
export function nodeName(node: GraphNode): string {
  switch (node.kind) {
    case 'workload':
      return node.workload;
    case 'app':
      return node.version ? `${node.app} ${node.version}` : node.app;
    case 'service':
      return node.service;
    case 'unknown':
      return 'unknown source';
    case 'external':
      return node.address;
    case 'aggregate':
      return node.aggregateBy === 'namespace' ? node.namespace : (node.id.split('/').pop() ?? node.id);
  }
}

export const kindWords: Record<GraphNode['kind'], string> = {
  workload: 'Workload',
  app: 'App',
  service: 'Service',
  unknown: 'Unknown source',
  external: 'External destination',
  aggregate: 'Collapsed group',
};

export const enrollmentWords: Record<Enrollment, string> = {
  ambient: 'ambient',
  'ambient-pending': 'ambient (pending)',
  sidecar: 'sidecar',
  none: 'not enrolled',
  unknown: 'enrollment unknown',
};

/** Waypoints and ingress gateways are Envoy proxies that speak HBONE themselves: ztunnel never captures them, so no enrollment. */
export function enrollmentOf(node: GraphNode): Enrollment | undefined {
  if (node.flags.waypoint || node.flags.ingressGateway) return undefined;
  return node.kind === 'workload' || node.kind === 'app' ? node.enrollment : undefined;
}

export function usesWaypointOf(node: GraphNode): string | undefined {
  return node.kind === 'workload' || node.kind === 'service' ? node.usesWaypoint : undefined;
}

/** Why an edge is not (fully) mTLS, in words a reader can act on. */
export function plaintextReasonWords(reason: PlaintextReason | undefined, edge: Pick<GraphEdge, 'security'>): string {
  const state = mtlsState(edge.security);
  switch (reason) {
    case 'non-mesh-client':
      return 'The client is outside the mesh: only the destination ztunnel saw this traffic, and it arrived without mTLS. Enroll the client namespace in ambient (istio.io/dataplane-mode=ambient).';
    case 'non-mesh-destination':
      return 'The server is outside the mesh: only the source ztunnel reported this traffic, and ztunnel sent it as plain TCP. Enroll the destination workload in ambient.';
    case 'external-destination':
      return 'The destination is outside the cluster (an IP or host the mesh does not know), so ztunnel cannot use mTLS to it.';
    case 'partial':
      return 'Some of this traffic was mTLS and some was not: part of the clients or servers behind this edge are not in the mesh, or were enrolled during the window.';
    case 'not-mtls':
      return 'ztunnel reported this traffic as not mTLS (connection_security_policy is not mutual_tls).';
    case undefined:
      if (state === 'unknown') return 'No bytes crossed this edge in the window, so its security cannot be told.';
      if (state === 'full') return 'All traffic on this edge was mTLS.';
      return 'This traffic was not mTLS; the server gave no reason.';
  }
}

/**
 * How the edge's bytes crossed the network, in the words of the node panel and the Workloads page:
 * ztunnel carries mTLS traffic in HBONE; plaintext is plain TCP.
 */
export function transportWords(state: MtlsState, waypoint?: string): string {
  const through = waypoint ? ` and waypoint ${waypoint}` : '';
  switch (state) {
    case 'full':
      return `HBONE (mTLS through ztunnel${through})`;
    case 'partial':
      return `partly HBONE (mTLS through ztunnel${through}), partly plain TCP`;
    case 'none':
      return 'plain TCP (no mTLS)';
    case 'unknown':
      return 'unknown (no bytes in the window)';
  }
}
