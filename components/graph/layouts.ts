// Layout name (as in the URL) -> cytoscape layout options, chosen by graph size.
//
// Why these: the layered left-to-right view reads like a call flow (clients left, backends right),
// which is what Kiali users expect. cytoscape-dagre draws it well but its cost grows steeply
// (perf/cytoscape-render-cost.md: past 60 s at 1000 nodes, and with the edges: see
// LAYERED_MAX_EDGES_PER_NODE, past which a dense graph is drawn by force), so above LAYERED_MAX_NODES the layered
// choice falls back to namespace blocks: each namespace a compact grid, the blocks tiled to fill
// the screen (a preset computed here in linear time; breadthfirst drew a tall unreadable sliver).
// fcose is the force layout (about 2.6 s at 300 nodes, 15 s at 1000), so above FORCE_MAX_NODES it
// falls back to grid.
import type { LayoutOptions } from 'cytoscape';
import type { LayoutName } from './view-state';

export const LAYERED_MAX_NODES = 300;
/**
 * Edges per node past which the layered layout is not run. dagre splits every edge that spans ranks
 * into a chain of dummy nodes and orders them all, so its cost follows the edges, not the nodes:
 * measured headless on random graphs, 60 nodes x 240 edges 1.5-1.9 s, 100 x 300 2.5 s,
 * 300 x 900 30-37 s, where fcose took 0.2-0.4 s.
 */
export const LAYERED_MAX_EDGES_PER_NODE = 1.5;
export const FORCE_MAX_NODES = 500;

export type LayoutAlgorithm = 'dagre' | 'namespace-blocks' | 'fcose' | 'grid';

export interface LayoutPlan {
  algorithm: LayoutAlgorithm;
  options: LayoutOptions;
  /** Set when the chosen layout was replaced for size, in words for the user. */
  fallback?: string;
}

export const layoutWords: Record<LayoutName, string> = { layered: 'Layered layout', force: 'Force layout', grid: 'Grid layout' };

interface PlanInput {
  /** Nodes that will be laid out (boxes excluded). */
  nodeCount: number;
  /** Edges among them. */
  edgeCount: number;
  animate: boolean;
}

/** The margin around the graph at fit, in rendered px (the layouts' own fit and CytoscapeGraph's). */
export const FIT_PADDING = 24;

const common = { fit: true, padding: FIT_PADDING, nodeDimensionsIncludeLabels: true };

/**
 * Ranks 50 px apart and a FIT_PADDING margin: Bookinfo with its clients (6 ranks) then fits whole at
 * READABLE_ZOOM at 1440 px (the details panel beside it) and at 1024 px (e2e/graph-presentation.spec.ts);
 * 90 px and 40 px cut its outer ranks off there.
 */
function dagre(animate: boolean): LayoutOptions {
  // cytoscape-dagre's own options are not in cytoscape's LayoutOptions union.
  const options = { name: 'dagre', rankDir: 'LR', ranker: 'network-simplex', nodeSep: 24, rankSep: 50, edgeSep: 12, animate, animationDuration: 300, ...common };
  return options as unknown as LayoutOptions;
}

export interface BlockNode {
  id: string;
  namespace: string;
  label: string;
}

const CELL_X = 150;
const CELL_Y = 90;
const BLOCK_GAP = 120;

/**
 * Namespace blocks: each namespace's nodes in a near-square grid (sorted by label), blocks in
 * rows whose width aims at a 16:10 picture. Linear in the number of nodes.
 */
export function namespaceBlocks(nodes: readonly BlockNode[], aspect = 1.6): Map<string, { x: number; y: number }> {
  const byNamespace = new Map<string, BlockNode[]>();
  for (const n of nodes) byNamespace.set(n.namespace, [...(byNamespace.get(n.namespace) ?? []), n]);
  const blocks = [...byNamespace.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([, members]) => {
      const columns = Math.max(1, Math.ceil(Math.sqrt(members.length * aspect * (CELL_Y / CELL_X))));
      const rows = Math.ceil(members.length / columns);
      return { members: [...members].sort((a, b) => a.label.localeCompare(b.label)), columns, width: columns * CELL_X, height: rows * CELL_Y };
    });
  const area = blocks.reduce((sum, b) => sum + (b.width + BLOCK_GAP) * (b.height + BLOCK_GAP), 0);
  const rowWidth = Math.max(Math.sqrt(area * aspect), ...blocks.map((b) => b.width));
  const positions = new Map<string, { x: number; y: number }>();
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  for (const block of blocks) {
    if (x > 0 && x + block.width > rowWidth) {
      x = 0;
      y += rowHeight + BLOCK_GAP;
      rowHeight = 0;
    }
    block.members.forEach((n, i) => positions.set(n.id, { x: x + (i % block.columns) * CELL_X, y: y + Math.floor(i / block.columns) * CELL_Y }));
    x += block.width + BLOCK_GAP;
    rowHeight = Math.max(rowHeight, block.height);
  }
  return positions;
}

type LayoutNode = { id(): string; data(key: string): unknown; cy(): { nodes(): { toArray(): LayoutNode[] } } };

function namespaceBlocksLayout(): LayoutOptions {
  let table: Map<string, { x: number; y: number }> | undefined;
  const positions = (node: LayoutNode) => {
    table ??= namespaceBlocks(
      node
        .cy()
        .nodes()
        .toArray()
        .filter((n) => n.data('kind') !== 'box')
        .map((n) => ({ id: n.id(), namespace: String(n.data('namespace') ?? ''), label: String(n.data('label') ?? n.id()) })),
    );
    return table.get(node.id()) ?? { x: 0, y: 0 };
  };
  return { name: 'preset', positions, animate: false, fit: true, padding: FIT_PADDING } as unknown as LayoutOptions;
}

function fcose(animate: boolean, nodeCount: number): LayoutOptions {
  const options = {
    name: 'fcose',
    quality: nodeCount > 200 ? 'draft' : 'default',
    randomize: true,
    animate,
    animationDuration: 400,
    nodeRepulsion: 6500,
    idealEdgeLength: 90,
    nestingFactor: 0.8,
    packComponents: true,
    ...common,
  };
  return options as unknown as LayoutOptions;
}

function grid(animate: boolean): LayoutOptions {
  return { name: 'grid', avoidOverlap: true, avoidOverlapPadding: 20, condense: true, sort: byNamespaceThenLabel, animate, ...common };
}

/** Keeps a namespace's nodes together in the grid. */
function byNamespaceThenLabel(a: { data(key: string): unknown }, b: { data(key: string): unknown }): number {
  const key = (n: typeof a) => `${String(n.data('namespace') ?? '')}\u0000${String(n.data('label') ?? '')}`;
  return key(a).localeCompare(key(b));
}

export function layoutPlan(layout: LayoutName, input: PlanInput): LayoutPlan {
  const { nodeCount, edgeCount, animate } = input;
  switch (layout) {
    case 'layered':
      if (nodeCount <= LAYERED_MAX_NODES && edgeCount <= Math.max(LAYERED_MAX_EDGES_PER_NODE * nodeCount, 30)) return { algorithm: 'dagre', options: dagre(animate) };
      if (nodeCount <= LAYERED_MAX_NODES) {
        return {
          algorithm: 'fcose',
          options: fcose(animate, nodeCount),
          fallback: `${edgeCount} edges among ${nodeCount} nodes: drawn with the force layout (the layered layout takes seconds past ${LAYERED_MAX_EDGES_PER_NODE} edges per node). Collapse or hide namespaces for a layered view.`,
        };
      }
      return {
        algorithm: 'namespace-blocks',
        options: namespaceBlocksLayout(),
        fallback: `${nodeCount} nodes: drawn as one block per namespace (the layered layout is only run up to ${LAYERED_MAX_NODES} nodes). Collapse namespaces for a layered view.`,
      };
    case 'force':
      if (nodeCount <= FORCE_MAX_NODES) return { algorithm: 'fcose', options: fcose(animate, nodeCount) };
      return {
        algorithm: 'grid',
        options: grid(false),
        fallback: `${nodeCount} nodes: using the grid layout (the force layout would take tens of seconds above ${FORCE_MAX_NODES} nodes). Collapse namespaces to use it.`,
      };
    case 'grid':
      return { algorithm: 'grid', options: grid(animate && nodeCount <= FORCE_MAX_NODES) };
  }
}
