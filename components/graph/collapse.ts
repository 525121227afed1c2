// Large meshes: draw a namespace, or an app's workloads, as one AggregateNode. MeshGraph -> MeshGraph,
// pure. Edges between collapsed groups are merged per protocol by the graph core (lib/graph/merge.ts):
// their mTLS share is weighted by bytes, so one plaintext edge inside a namespace still shows.
import { collapsedAppId, collapsedNamespaceId } from '@/lib/graph/ids';
import { mergeEdges } from '@/lib/graph/merge';
import type { AggregateNode, GraphEdge, GraphNode, MeshGraph } from '@/lib/graph/model';
import type { CollapseSpec } from './view-state';

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
    return { id: collapsedNamespaceId(node.cluster, node.namespace), by: 'namespace' };
  }
  const app = appOf(node);
  const namespacedApp = `${node.namespace}/${app}`;
  if (app !== undefined && spec.apps.includes(namespacedApp)) {
    return { id: collapsedAppId(node.cluster, namespacedApp), by: 'app' };
  }
  return undefined;
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

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
    const [source = '', target = ''] = key.split('\u0000');
    edges.push(mergeEdges(parts, { source, target }));
  }
  return { ...graph, nodes, edges };
}
