// Throughput each node's ztunnel carried, from the traffic graph: an edge's bytes count on the
// nodes of its client's captured pods (outbound) and of its server's captured pods (inbound),
// shared evenly between a workload's pods. Waypoints speak HBONE themselves, so they are skipped;
// a plaintext peer outside the mesh adds nothing to its own node. Pure.
import type { WorkloadView } from '@/lib/kube/cluster-model';
import type { MeshGraph } from '@/lib/graph/model';
import { edgeBytes } from './traffic';

export interface NodeTraffic {
  node: string;
  inboundBps: number;
  outboundBps: number;
  /** Connections opened per second through this node's ztunnel (either side). */
  connectionsPerSec: number;
  /** Pods on the node whose traffic ztunnel carries. */
  capturedPods: number;
}

function capturedByNode(w: WorkloadView): Map<string, number> {
  const byNode = new Map<string, number>();
  for (const p of w.pods) {
    if (p.enrollment.state !== 'ambient' || !p.node) continue;
    byNode.set(p.node, (byNode.get(p.node) ?? 0) + 1);
  }
  return byNode;
}

export function ztunnelNodeTraffic(graph: MeshGraph, workloads: WorkloadView[]): NodeTraffic[] {
  const byWorkload = new Map(workloads.filter((w) => !w.isWaypoint).map((w) => [`${w.namespace}/${w.name}`, capturedByNode(w)]));
  const nodes = new Map<string, NodeTraffic>();
  const of = (node: string): NodeTraffic => {
    let t = nodes.get(node);
    if (!t) {
      t = { node, inboundBps: 0, outboundBps: 0, connectionsPerSec: 0, capturedPods: 0 };
      nodes.set(node, t);
    }
    return t;
  };
  for (const w of workloads) for (const [node, count] of capturedByNode(w)) of(node).capturedPods += count;

  const graphNodes = new Map(graph.nodes.map((n) => [n.id, n]));
  const placement = (id: string): Map<string, number> | undefined => {
    const n = graphNodes.get(id);
    return n?.kind === 'workload' ? byWorkload.get(`${n.namespace}/${n.workload}`) : undefined;
  };
  for (const e of graph.edges) {
    if (!e.tcp) continue;
    const bytes = edgeBytes(e);
    const connections = e.tcp.connectionsOpenedPerSec;
    for (const [side, where] of [['out', placement(e.source)], ['in', placement(e.target)]] as const) {
      if (!where) continue;
      const total = [...where.values()].reduce((a, b) => a + b, 0);
      if (total === 0) continue;
      for (const [node, count] of where) {
        const t = of(node);
        const share = count / total;
        if (side === 'out') t.outboundBps += bytes * share;
        else t.inboundBps += bytes * share;
        t.connectionsPerSec += connections * share;
      }
    }
  }
  return [...nodes.values()].sort((a, b) => a.node.localeCompare(b.node));
}
