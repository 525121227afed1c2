// MeshGraph -> cytoscape elements. The renderer's format lives here and nowhere on the wire.
// Data fields describe the mesh (kind, enrollment, mtls...); colours come from stylesheet.ts.
import type { ElementDefinition } from 'cytoscape';
import { edgeBytes, effectiveMtlsShare, outboundShare } from '@/lib/graph/lookup';
import type { GraphEdge, GraphNode, MeshGraph } from '@/lib/graph/model';
import { formatBytesPerSec, formatMs, formatRate, formatShare } from './format';
import { enrollmentOf, enrollmentWords, mtlsState, nodeName, usesWaypointOf } from './names';
import { edgeTooltip, nodeTooltip } from './tooltip';
import type { BadgeName, EdgeLabelMode } from './view-state';

/** One drawn element, for modules outside components/graph (which may not import cytoscape). */
export type GraphElement = ElementDefinition;

export interface ElementOptions {
  edgeLabel: EdgeLabelMode;
  badges: Record<BadgeName, boolean>;
  /** Draw a box around each namespace (and each cluster when there are several). */
  boxes: boolean;
}

/** What a node's shape stands for; one value per legend entry. */
export type NodeShapeKind = 'workload' | 'app' | 'service' | 'waypoint' | 'gateway' | 'unknown' | 'external' | 'aggregate';

export type EdgeHealth = 'ok' | 'degraded' | 'failing';

export function shapeKindOf(node: GraphNode): NodeShapeKind {
  if (node.flags.waypoint) return 'waypoint';
  if (node.flags.ingressGateway) return 'gateway';
  return node.kind;
}

const namespaceBoxId = (cluster: string, namespace: string) => `box:ns:${cluster}/${namespace}`;
const clusterBoxId = (cluster: string) => `box:cluster:${cluster}`;

function hasBox(node: GraphNode): boolean {
  return node.kind !== 'unknown' && node.kind !== 'external' && !(node.kind === 'aggregate' && node.aggregateBy === 'namespace');
}

function nodeLabel(node: GraphNode, badges: ElementOptions['badges']): string {
  const usesWaypoint = usesWaypointOf(node);
  let first = nodeName(node);
  if (node.kind === 'aggregate') first = `${first} (${node.members.length})`;
  if (badges.waypoint && usesWaypoint) first = `${first} ⬡`;
  const lines = [first];
  const enrollment = enrollmentOf(node);
  if (node.flags.waypoint && badges.waypoint) lines.push('waypoint');
  else if (node.flags.ingressGateway) lines.push('ingress gateway');
  else if (badges.enrollment && enrollment) lines.push(enrollmentWords[enrollment]);
  return lines.join('\n');
}

export function edgeHealth(edge: GraphEdge): EdgeHealth {
  if (edge.http && edge.http.requestsPerSec > 0) {
    if (edge.http.errorShare >= 0.2) return 'failing';
    if (edge.http.errorShare >= 0.01) return 'degraded';
  }
  if (edge.tcp) {
    const bad = edge.tcp.deniedPerSec + edge.tcp.connectFailedPerSec;
    const closed = Math.max(edge.tcp.connectionsClosedPerSec, bad);
    if (bad > 0 && closed > 0) return bad / closed >= 0.2 ? 'failing' : 'degraded';
  }
  return 'ok';
}

/** The edge label text for a label mode; empty when the edge has no such figure. `graph` is needed for distribution. */
export function edgeLabelText(edge: GraphEdge, mode: EdgeLabelMode, graph?: MeshGraph): string {
  switch (mode) {
    case 'none':
      return '';
    case 'throughput':
      if (edge.tcp) return formatBytesPerSec(edgeBytes(edge));
      return edge.http ? formatRate(edge.http.requestsPerSec, 'rps') : '';
    case 'connections':
      return edge.tcp ? formatRate(edge.tcp.connectionsOpenedPerSec, 'conn/s') : '';
    case 'requests':
      return edge.http ? formatRate(edge.http.requestsPerSec, 'rps') : '';
    case 'latency': {
      const p95 = edge.http?.latencyMs?.p95;
      return p95 === null || p95 === undefined ? '' : `p95 ${formatMs(p95)}`;
    }
    case 'distribution': {
      const share = graph ? outboundShare(graph, edge) : null;
      return share === null ? '' : formatShare(share);
    }
    case 'mtls': {
      const share = effectiveMtlsShare(edge.security);
      return share === null ? '' : `mTLS ${formatShare(share)}`;
    }
  }
}

function boxElements(nodes: GraphNode[]): ElementDefinition[] {
  const clusters = new Set(nodes.filter(hasBox).map((n) => n.cluster));
  const multiCluster = clusters.size > 1;
  const boxes = new Map<string, ElementDefinition>();
  for (const node of nodes) {
    if (!hasBox(node)) continue;
    const id = namespaceBoxId(node.cluster, node.namespace);
    if (!boxes.has(id)) {
      boxes.set(id, {
        group: 'nodes',
        data: {
          id,
          kind: 'box',
          boxKind: 'namespace',
          label: multiCluster ? `${node.namespace} · ${node.cluster}` : node.namespace,
          namespace: node.namespace,
          cluster: node.cluster,
          ...(multiCluster ? { parent: clusterBoxId(node.cluster) } : {}),
        },
      });
    }
  }
  if (multiCluster) {
    for (const cluster of [...clusters].sort()) {
      boxes.set(clusterBoxId(cluster), { group: 'nodes', data: { id: clusterBoxId(cluster), kind: 'box', boxKind: 'cluster', label: cluster, cluster } });
    }
  }
  return [...boxes.values()];
}

function nodeParent(node: GraphNode, nodes: GraphNode[], options: ElementOptions): string | undefined {
  if (!options.boxes) return undefined;
  if (hasBox(node)) return namespaceBoxId(node.cluster, node.namespace);
  if (node.kind === 'aggregate' && new Set(nodes.map((n) => n.cluster)).size > 1) return clusterBoxId(node.cluster);
  return undefined;
}

export function toElements(graph: MeshGraph, options: ElementOptions): ElementDefinition[] {
  const elements: ElementDefinition[] = options.boxes ? boxElements(graph.nodes) : [];
  for (const node of graph.nodes) {
    const parent = nodeParent(node, graph.nodes, options);
    const enrollment = enrollmentOf(node);
    const usesWaypoint = usesWaypointOf(node);
    elements.push({
      group: 'nodes',
      data: {
        id: node.id,
        kind: node.kind,
        ...(node.kind === 'aggregate' ? { aggregateBy: node.aggregateBy } : {}),
        shape: shapeKindOf(node),
        label: nodeLabel(node, options.badges),
        namespace: node.namespace,
        cluster: node.cluster,
        ...(enrollment ? { enrollment } : {}),
        ...(usesWaypoint ? { usesWaypoint } : {}),
        ...(parent ? { parent } : {}),
        outside: node.flags.outside,
        inaccessible: node.flags.inaccessible,
        idle: node.flags.idle,
        tooltip: nodeTooltip(node),
        notInInventory: node.kind === 'workload' && node.notInInventory,
      },
    });
  }
  const names = new Map(graph.nodes.map((n) => [n.id, nodeName(n)]));
  const aggregates = new Set(graph.nodes.filter((n) => n.kind === 'aggregate').map((n) => n.id));
  for (const edge of graph.edges) {
    const share = effectiveMtlsShare(edge.security);
    const denied = (edge.tcp?.deniedPerSec ?? 0) > 0;
    // A denied edge that moved no bytes says "denied ..." and nothing else: "0 B/s" beside it is noise.
    const figure = denied && edgeBytes(edge) === 0 && !edge.http ? '' : edgeLabelText(edge, options.edgeLabel, graph);
    // Between collapsed groups (the namespace map) an edge stands for many: its mTLS share is said too.
    const merged = aggregates.has(edge.source) || aggregates.has(edge.target);
    const label = merged && figure !== '' && options.edgeLabel !== 'mtls' && share !== null ? `${figure} · mTLS ${formatShare(share)}` : figure;
    const waypointMark = options.badges.waypoint && edge.waypoint ? '⬡' : '';
    // A denied edge says so in its label (its rate too, unless figures are switched off): the panel leads with the same words.
    const deniedMark = !denied ? '' : options.edgeLabel === 'none' ? 'denied' : `denied ${formatRate(edge.tcp?.deniedPerSec ?? 0, 'conn/s')}`;
    elements.push({
      group: 'edges',
      data: {
        id: edge.id,
        source: edge.source,
        target: edge.target,
        protocol: edge.protocol,
        mtls: mtlsState(edge.security),
        mtlsPercent: share === null ? -1 : Math.round(share * 1000) / 10,
        health: edgeHealth(edge),
        label: [waypointMark, deniedMark, label].filter((s) => s !== '').join(' '),
        denied,
        tooltip: edgeTooltip(edge, { source: names.get(edge.source) ?? edge.source, target: names.get(edge.target) ?? edge.target }, graph),
        throughput: edgeBytes(edge),
        active: edgeBytes(edge) > 0 || (edge.http?.requestsPerSec ?? 0) > 0,
        ...(edge.waypoint ? { waypoint: edge.waypoint } : {}),
      },
    });
  }
  return elements;
}
