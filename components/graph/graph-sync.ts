// Applies a new set of elements to a live cytoscape instance without moving what is already drawn:
// removed elements go, changed data is updated in place, new nodes are placed next to their
// neighbours (positions.ts). Works on a headless instance too, which is how it is tested.
import type { Core, ElementDefinition, NodeSingular } from 'cytoscape';
import { needsFullLayout, placeNewNodes, type Point } from './positions';

export interface SyncResult {
  /** Ids of leaf nodes that were not drawn before. */
  addedNodes: string[];
  /** Leaf nodes that were drawn before and still are. */
  keptNodes: number;
  /** The caller should run a full layout (most of the picture is new). */
  fullLayout: boolean;
}

const isLeaf = (n: NodeSingular) => n.data('kind') !== 'box';

export function syncElements(cy: Core, elements: readonly ElementDefinition[]): SyncResult {
  const wanted = new Map(elements.map((e) => [String(e.data.id), e]));
  const addedNodes: string[] = [];
  let keptNodes = 0;
  cy.batch(() => {
    cy.elements()
      .filter((e) => !wanted.has(e.id()))
      .remove();
    const toAdd: ElementDefinition[] = [];
    for (const [id, def] of wanted) {
      const existing = cy.getElementById(id);
      if (existing.empty()) {
        toAdd.push(def);
        if (def.group === 'nodes' && def.data.kind !== 'box') addedNodes.push(id);
        continue;
      }
      if (existing.isNode() && isLeaf(existing)) keptNodes += 1;
      // Parent and endpoints are fixed for an id; everything else may change between refreshes.
      const { parent: _parent, source: _source, target: _target, ...data } = def.data;
      existing.data(data);
    }
    // Parents before children, nodes before edges.
    toAdd.sort((a, b) => rank(a) - rank(b));
    cy.add(toAdd);
  });
  return { addedNodes, keptNodes, fullLayout: needsFullLayout(keptNodes, addedNodes.length) };
}

function rank(def: ElementDefinition): number {
  if (def.group === 'edges') return 3;
  if (def.data.boxKind === 'cluster') return 0;
  if (def.data.kind === 'box') return 1;
  return 2;
}

/** Gives new nodes a place near what they talk to; nodes already drawn do not move. */
export function placeAddedNodes(cy: Core, added: readonly string[]): void {
  if (added.length === 0) return;
  const addedSet = new Set(added);
  const existing = new Map<string, Point>();
  cy.nodes()
    .filter((n) => isLeaf(n) && !addedSet.has(n.id()))
    .forEach((n) => {
      existing.set(n.id(), { ...n.position() });
    });
  const edges = cy.edges().map((e) => ({ source: e.source().id(), target: e.target().id() }));
  const placed = placeNewNodes({ existing, added, edges });
  cy.batch(() => {
    for (const [id, p] of placed) cy.getElementById(id).position(p);
  });
}

/** Leaf nodes' positions, for tests and for telling whether a refresh moved anything. */
export function leafPositions(cy: Core): Map<string, Point> {
  const out = new Map<string, Point>();
  cy.nodes()
    .filter(isLeaf)
    .forEach((n) => {
      out.set(n.id(), { ...n.position() });
    });
  return out;
}
