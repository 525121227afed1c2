import { withFields } from '@/lib/graph/copy';
import type { AggregateNode } from '@/lib/graph/model';
import { edgeFor, mergeEdgeInto, type EdgeAcc, type WorkGraph } from '@/lib/graph/work';
import { opaqueNamespaceId } from '@/lib/graph/ids';
import { maySee } from '@/lib/graph/redaction';
import { SmallSet } from '@/lib/graph/small-set';
import { noFlags, noTraffic } from './nodes';

// outside: the node's namespace was not selected. inaccessible: the user may not see the namespace,
// so its nodes collapse into one opaque node per (cluster, namespace), with names and principals removed
// (the rule of lib/graph/redaction.ts, which the ztunnel answers apply too).

const namespaced = new Set(['workload', 'app', 'service', 'aggregate']);

export function markOutside(graph: WorkGraph): void {
  const selected = new Set(graph.options.namespaces);
  if (selected.size === 0) return;
  for (const node of graph.nodes.values()) {
    if (namespaced.has(node.kind) && !selected.has(node.namespace)) node.flags.outside = true;
  }
}

export function hideInaccessible(graph: WorkGraph): void {
  const accessible = graph.options.accessibleNamespaces;
  if (!accessible) return;
  const replaced = new Map<string, string>();
  for (const node of [...graph.nodes.values()]) {
    if (!namespaced.has(node.kind) || maySee(accessible, node.namespace)) continue;
    const id = opaqueNamespaceId(node.cluster, node.namespace);
    replaced.set(node.id, id);
    graph.nodes.delete(node.id);
    if (!graph.nodes.has(id)) {
      const opaque: AggregateNode = {
        id,
        kind: 'aggregate',
        aggregateBy: 'namespace',
        members: [],
        cluster: node.cluster,
        namespace: node.namespace,
        flags: withFields(noFlags(), { outside: node.flags.outside, inaccessible: true, idle: node.flags.idle }),
        traffic: noTraffic(),
      };
      graph.nodes.set(id, opaque);
    } else {
      const opaque = graph.nodes.get(id);
      if (opaque) opaque.flags.idle &&= node.flags.idle;
    }
  }
  if (replaced.size === 0) return;

  const edges = [...graph.edges.values()];
  graph.edges = new Map();
  for (const e of edges) {
    const source = replaced.get(e.source);
    const target = replaced.get(e.target);
    if (source && target) continue; // between namespaces the user cannot see
    const waypointHidden = e.waypoint !== undefined && !maySee(accessible, e.waypoint.split('/')[0]);
    const stripped: EdgeAcc = {
      ...e,
      sourcePrincipals: source ? new SmallSet() : e.sourcePrincipals,
      destinationPrincipals: target ? new SmallSet() : e.destinationPrincipals,
    };
    const into = edgeFor(graph, {
      protocol: e.protocol,
      source: source ?? e.source,
      target: target ?? e.target,
      waypoint: waypointHidden ? undefined : e.waypoint,
      sourceCluster: e.sourceCluster,
      destinationCluster: e.destinationCluster,
    });
    mergeEdgeInto(into, stripped);
  }
}
