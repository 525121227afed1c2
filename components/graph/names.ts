// Words the graph uses for the mesh's things: node names, mTLS states, enrollment, reasons. Pure.
import { effectiveMtlsShare, graphLookup } from '@/lib/graph/lookup';
import type { EdgeSecurity, Enrollment, GraphEdge, GraphNode, MeshGraph } from '@/lib/graph/model';
import { edgeProtection } from '@/lib/posture/protection';

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

/**
 * Why an edge is not (fully) mTLS and the one fix for that case (lib/posture/protection decides,
 * so the graph, the workload page, Security and the CLI say the same).
 */
export function edgeAdvice(edge: Pick<GraphEdge, 'security' | 'source' | 'target'>, graph: MeshGraph): { reason: string; fix?: string } {
  const nodes = graphLookup(graph);
  const protection = edgeProtection(edge, { source: nodes.node(edge.source), target: nodes.node(edge.target) });
  if (protection) return protection;
  const state = mtlsState(edge.security);
  if (state === 'unknown') return { reason: 'No bytes crossed this edge in the window, so its security cannot be told.' };
  if (state === 'full') return { reason: 'All traffic on this edge was mTLS.' };
  return { reason: 'This traffic was not mTLS; the server gave no reason.' };
}

/**
 * How the edge's bytes crossed the network, in the words of the node panel and the Workloads page:
 * ztunnel carries mTLS traffic in HBONE; plaintext is plain TCP.
 */
export function transportWords(state: MtlsState, waypoint?: string, sidecars = false): string {
  const through = waypoint ? ` and waypoint ${waypoint}` : '';
  // A sidecar-reported edge never crossed ztunnel: Envoy to Envoy is TLS, not HBONE.
  const secure = sidecars ? 'mTLS between Envoy sidecars' : `HBONE (mTLS through ztunnel${through})`;
  switch (state) {
    case 'full':
      return secure;
    case 'partial':
      return `partly ${secure}, partly plain TCP`;
    case 'none':
      return 'plain TCP (no mTLS)';
    case 'unknown':
      return 'unknown (no bytes in the window)';
  }
}
