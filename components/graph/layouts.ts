// Layout name (as in the URL) -> cytoscape layout options, chosen by graph size.
//
// Why these: the layered left-to-right view reads like a call flow (clients left, backends right),
// which is what Kiali users expect. cytoscape-dagre draws it well but its cost grows steeply
// (perf/cytoscape-render-cost.md: past 60 s at 1000 nodes), so above LAYERED_MAX_NODES the layered
// choice falls back to breadthfirst turned left-to-right (about 2 s at 1000 nodes). fcose is the
// force layout (about 2.6 s at 300 nodes, 15 s at 1000), so above FORCE_MAX_NODES it falls back to grid.
import type { LayoutOptions } from 'cytoscape';
import type { LayoutName } from './viewState';

export const LAYERED_MAX_NODES = 300;
export const FORCE_MAX_NODES = 500;

export type LayoutAlgorithm = 'dagre' | 'breadthfirst' | 'fcose' | 'grid';

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
  animate: boolean;
}

const common = { fit: true, padding: 40, nodeDimensionsIncludeLabels: true };

function dagre(animate: boolean): LayoutOptions {
  // cytoscape-dagre's own options are not in cytoscape's LayoutOptions union.
  const options = { name: 'dagre', rankDir: 'LR', ranker: 'network-simplex', nodeSep: 24, rankSep: 90, edgeSep: 12, animate, animationDuration: 300, ...common };
  return options as unknown as LayoutOptions;
}

function breadthfirstLeftToRight(animate: boolean): LayoutOptions {
  return {
    name: 'breadthfirst',
    directed: true,
    spacingFactor: 1.1,
    avoidOverlap: true,
    animate,
    // breadthfirst stacks levels top to bottom; swapping x and y makes the flow go left to right.
    transform: (_node, position) => ({ x: position.y, y: position.x }),
    ...common,
  };
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
  const { nodeCount, animate } = input;
  switch (layout) {
    case 'layered':
      if (nodeCount <= LAYERED_MAX_NODES) return { algorithm: 'dagre', options: dagre(animate) };
      return {
        algorithm: 'breadthfirst',
        options: breadthfirstLeftToRight(false),
        fallback: `${nodeCount} nodes: using the faster breadth-first layering (the full layered layout is only run up to ${LAYERED_MAX_NODES} nodes).`,
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
