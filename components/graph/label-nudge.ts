// Small graphs: an edge label that lands on another label or on a node is moved along the edge's normal
// (text-margin-y) to the first free spot. Run after each layout on graphs up to SMALL_GRAPH_NODES
// nodes only: it compares every pair of labels.
import type { Core, EdgeSingular } from 'cytoscape';

type Box = { x1: number; y1: number; x2: number; y2: number };
const OFFSETS = [0, -14, 14, -28, 28, -42, 42, -56, 56];
const labelBox = (e: { boundingBox(o: object): Box }) =>
  e.boundingBox({ includeNodes: false, includeEdges: false, includeLabels: true, includeMainLabels: true, includeSourceLabels: false, includeTargetLabels: false, includeOverlays: false });
const overlap = (a: Box, b: Box) => Math.max(0, Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1) - 1) * Math.max(0, Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1) - 1);

export function nudgeEdgeLabels(cy: Core): void {
  const labelled = cy.elements().filter((e) => e.data('kind') !== 'box' && String(e.data('label') ?? '') !== '');
  // Node names and the nodes themselves: an edge label under a node is hidden as surely as under a name.
  const nodes = cy.nodes().filter((n) => n.data('kind') !== 'box');
  const placed: Box[] = [...labelled.nodes().map((n) => labelBox(n)), ...nodes.map((n) => n.boundingBox({ includeLabels: false, includeOverlays: false }))];
  cy.batch(() => {
    labelled.edges().forEach((edge: EdgeSingular) => {
      // Edge labels are horizontal (stylesheet.ts): an offset moves the label's box straight down by
      // as much, so the box is measured once (each measure restyles the edge: measuring at every
      // offset took ~0.25 s on a 20-namespace map) and shifted for the others.
      // Only an edge already moved (or moved by the stylesheet) is put back first, and only an edge
      // that moves is moved: each style change restyles the edge.
      if (edge.numericStyle('text-margin-y') !== 0) edge.style('text-margin-y', 0);
      const base = labelBox(edge);
      const at = (offset: number): Box => ({ x1: base.x1, x2: base.x2, y1: base.y1 + offset, y2: base.y2 + offset });
      // The first offset without overlap, else the one that overlaps least.
      let best = { offset: 0, area: Infinity };
      for (const offset of OFFSETS) {
        const box = at(offset);
        const area = placed.reduce((sum, p) => sum + overlap(p, box), 0);
        if (area < best.area) best = { offset, area };
        if (area === 0) break;
      }
      if (best.offset !== 0) edge.style('text-margin-y', best.offset);
      placed.push(at(best.offset));
    });
  });
}
