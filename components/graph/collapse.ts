// Large meshes: draw a namespace, or an app's workloads, as one AggregateNode. MeshGraph -> MeshGraph,
// pure. Edges between collapsed groups are merged per protocol; their mTLS share is weighted by bytes
// so one plaintext edge inside a namespace still shows on the merged edge.
import type { AggregateNode, EdgeSecurity, GraphEdge, GraphNode, HttpEdgeTraffic, MeshGraph, TcpEdgeTraffic } from '@/lib/graph/model';
import type { CollapseSpec } from './viewState';

export const ALL_NAMESPACES = '*';

export function isCollapseEmpty(spec: CollapseSpec): boolean {
  return spec.namespaces.length === 0 && spec.apps.length === 0;
}

function appOf(node: GraphNode): string | undefined {
  if (node.kind === 'workload') return node.flags.waypoint ? undefined : node.app;
  if (node.kind === 'app') return node.app;
  return undefined;
}

/** The aggregate a node folds into, or undefined when it stays as it is. */
function groupOf(node: GraphNode, spec: CollapseSpec): { id: string; by: 'namespace' | 'app' } | undefined {
  if (node.kind === 'unknown' || node.kind === 'external' || node.kind === 'aggregate') return undefined;
  if (spec.namespaces.includes(ALL_NAMESPACES) || spec.namespaces.includes(node.namespace)) {
    return { id: `agg:ns:${node.cluster}/${node.namespace}`, by: 'namespace' };
  }
  const app = appOf(node);
  if (app !== undefined && spec.apps.includes(`${node.namespace}/${app}`)) {
    return { id: `agg:app:${node.cluster}/${node.namespace}/${app}`, by: 'app' };
  }
  return undefined;
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

function mergeTcp(parts: TcpEdgeTraffic[]): TcpEdgeTraffic | undefined {
  if (parts.length === 0) return undefined;
  const total = (k: keyof TcpEdgeTraffic) => sum(parts.map((p) => p[k]));
  return {
    clientToServerBps: total('clientToServerBps'),
    serverToClientBps: total('serverToClientBps'),
    connectionsOpenedPerSec: total('connectionsOpenedPerSec'),
    connectionsClosedPerSec: total('connectionsClosedPerSec'),
    deniedPerSec: total('deniedPerSec'),
    connectFailedPerSec: total('connectFailedPerSec'),
  };
}

function mergeHttp(parts: HttpEdgeTraffic[]): HttpEdgeTraffic | undefined {
  if (parts.length === 0) return undefined;
  const rps = sum(parts.map((p) => p.requestsPerSec));
  const cls = (k: keyof HttpEdgeTraffic['byClass']) => sum(parts.map((p) => p.byClass[k]));
  // Percentiles cannot be merged; the worst member's is an honest upper bound.
  const worst = (k: 'p50' | 'p95' | 'p99') => {
    const values = parts.map((p) => p.latencyMs?.[k]).filter((v): v is number => typeof v === 'number');
    return values.length > 0 ? Math.max(...values) : null;
  };
  const withLatency = parts.some((p) => p.latencyMs);
  return {
    requestsPerSec: rps,
    byClass: { '2xx': cls('2xx'), '3xx': cls('3xx'), '4xx': cls('4xx'), '5xx': cls('5xx'), noResponse: cls('noResponse') },
    errorShare: rps > 0 ? sum(parts.map((p) => p.errorShare * p.requestsPerSec)) / rps : 0,
    ...(withLatency ? { latencyMs: { p50: worst('p50'), p95: worst('p95'), p99: worst('p99') } } : {}),
  };
}

/** Weighted mean of shares; equal weights when no member has weight; null when no member has a share. */
function weightedShare(items: { share: number | null; weight: number }[]): number | null {
  const known = items.filter((i): i is { share: number; weight: number } => i.share !== null);
  if (known.length === 0) return null;
  const weight = sum(known.map((i) => i.weight));
  if (weight > 0) return sum(known.map((i) => i.share * i.weight)) / weight;
  return sum(known.map((i) => i.share)) / known.length;
}

function mergeSecurity(edges: GraphEdge[]): EdgeSecurity {
  const mtlsShare = weightedShare(edges.map((e) => ({ share: e.security.mtlsShare, weight: (e.tcp?.clientToServerBps ?? 0) + (e.tcp?.serverToClientBps ?? 0) })));
  const mtlsShareByConnections = weightedShare(edges.map((e) => ({ share: e.security.mtlsShareByConnections, weight: e.tcp?.connectionsOpenedPerSec ?? 0 })));
  const union = (pick: (s: EdgeSecurity) => string[]) => [...new Set(edges.flatMap((e) => pick(e.security)))].sort();
  const share = mtlsShare ?? mtlsShareByConnections;
  const reasons = [...new Set(edges.map((e) => e.security.reason).filter((r) => r !== undefined))];
  let reason: EdgeSecurity['reason'];
  if (share !== null && share > 0 && share < 1) reason = 'partial';
  else if (share === 0) reason = reasons.length === 1 ? reasons[0] : 'not-mtls';
  return {
    mtlsShare,
    mtlsShareByConnections,
    sourcePrincipals: union((s) => s.sourcePrincipals),
    destinationPrincipals: union((s) => s.destinationPrincipals),
    ...(reason ? { reason } : {}),
  };
}

function aggregateNode(id: string, by: 'namespace' | 'app', members: GraphNode[]): AggregateNode {
  const first = members[0];
  if (!first) throw new Error(`aggregate ${id} has no members`);
  const every = (f: (n: GraphNode) => boolean) => members.every(f);
  return {
    kind: 'aggregate',
    id,
    aggregateBy: by,
    cluster: first.cluster,
    namespace: first.namespace,
    members: members.map((m) => m.id).sort(),
    flags: {
      waypoint: false,
      ingressGateway: false,
      outside: every((n) => n.flags.outside),
      inaccessible: every((n) => n.flags.inaccessible),
      idle: every((n) => n.flags.idle),
    },
    traffic: {
      tcpInBps: sum(members.map((m) => m.traffic.tcpInBps)),
      tcpOutBps: sum(members.map((m) => m.traffic.tcpOutBps)),
      httpInRps: sum(members.map((m) => m.traffic.httpInRps)),
      httpOutRps: sum(members.map((m) => m.traffic.httpOutRps)),
    },
  };
}

export function collapseGraph(graph: MeshGraph, spec: CollapseSpec): MeshGraph {
  if (isCollapseEmpty(spec)) return graph;
  const groupByNode = new Map<string, string>();
  const members = new Map<string, { by: 'namespace' | 'app'; nodes: GraphNode[] }>();
  const nodes: GraphNode[] = [];
  for (const node of graph.nodes) {
    const group = groupOf(node, spec);
    if (!group) {
      nodes.push(node);
      continue;
    }
    groupByNode.set(node.id, group.id);
    const entry = members.get(group.id) ?? { by: group.by, nodes: [] };
    entry.nodes.push(node);
    members.set(group.id, entry);
  }
  for (const [id, entry] of members) nodes.push(aggregateNode(id, entry.by, entry.nodes));

  const edges: GraphEdge[] = [];
  const merged = new Map<string, GraphEdge[]>();
  for (const edge of graph.edges) {
    const source = groupByNode.get(edge.source);
    const target = groupByNode.get(edge.target);
    if (source === undefined && target === undefined) {
      edges.push(edge);
      continue;
    }
    const key = `${source ?? edge.source}\u0000${target ?? edge.target}\u0000${edge.protocol}`;
    merged.set(key, [...(merged.get(key) ?? []), edge]);
  }
  for (const [key, parts] of merged) {
    const [source = '', target = '', protocol] = key.split('\u0000');
    const first = parts[0];
    if (!first) continue;
    const tcp = mergeTcp(parts.flatMap((p) => (p.tcp ? [p.tcp] : [])));
    const http = mergeHttp(parts.flatMap((p) => (p.http ? [p.http] : [])));
    const waypoints = new Set(parts.map((p) => p.waypoint));
    const onlyWaypoint = waypoints.size === 1 ? first.waypoint : undefined;
    edges.push({
      id: `agg-edge:${source}->${target}:${protocol}`,
      source,
      target,
      protocol: first.protocol,
      ...(tcp ? { tcp } : {}),
      ...(http ? { http } : {}),
      security: mergeSecurity(parts),
      ...(onlyWaypoint ? { waypoint: onlyWaypoint } : {}),
      sourceCluster: first.sourceCluster,
      destinationCluster: first.destinationCluster,
    });
  }
  return { ...graph, nodes, edges };
}
