// Throughput each node's ztunnel carried, from the traffic graph: an edge's bytes count on the
// nodes of its client's captured pods (outbound) and of its server's captured pods (inbound),
// shared evenly between a workload's pods. Waypoints speak HBONE themselves, so they are skipped;
// a plaintext peer outside the mesh adds nothing to its own node. Pure.
import type { WorkloadView } from '@/lib/kube/cluster-model';
import type { MeshGraph } from '@/lib/graph/model';
import type { ZtunnelPodTraffic } from '@/lib/graph/samples';
import { edgeBytes, graphLookup } from '@/lib/graph/lookup';
import type { NodePod } from '@/lib/kube/wire/pods';

export interface NodeTraffic {
  node: string;
  inboundBps: number;
  outboundBps: number;
  /** Connections opened per second through this node's ztunnel (either side). */
  connectionsPerSec: number;
  /** Pods on the node whose traffic ztunnel carries. */
  capturedPods: number;
  /** 'measured': from the node's ztunnel pod's own series; 'estimated': from the graph's edges. */
  basis: 'measured' | 'estimated';
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
      t = { node, inboundBps: 0, outboundBps: 0, connectionsPerSec: 0, capturedPods: 0, basis: 'estimated' };
      nodes.set(node, t);
    }
    return t;
  };
  for (const w of workloads) for (const [node, count] of capturedByNode(w)) of(node).capturedPods += count;

  const graphNodes = graphLookup(graph);
  const placement = (id: string): Map<string, number> | undefined => {
    const n = graphNodes.node(id);
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

/**
 * Replaces the graph's estimate with what each node's ztunnel pod reported about itself, where
 * Prometheus has that pod's series. Nodes without them keep the estimate and say so. Pure.
 */
export function withMeasuredZtunnels(estimated: NodeTraffic[], measured: ZtunnelPodTraffic[], ztunnels: NodePod[]): NodeTraffic[] {
  const byPod = new Map(measured.map((m) => [m.pod, m]));
  const nodes = new Map(estimated.map((t) => [t.node, t]));
  for (const z of ztunnels) {
    const m = byPod.get(z.pod);
    if (!z.node || !m) continue;
    const base = nodes.get(z.node) ?? { node: z.node, inboundBps: 0, outboundBps: 0, connectionsPerSec: 0, capturedPods: 0, basis: 'estimated' as const };
    nodes.set(z.node, { ...base, inboundBps: m.inboundBps, outboundBps: m.outboundBps, connectionsPerSec: m.connectionsOpenedPerSec, basis: 'measured' });
  }
  return [...nodes.values()].sort((a, b) => a.node.localeCompare(b.node));
}
