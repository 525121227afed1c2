// The cytoscape side of expanding a namespace on the map (pure rules in expand-in-place.ts): the
// namespace node's position is read before it is removed, then only its workloads are laid out,
// centred where it was, the rest of the map moves apart to make room, and the view fits the part.
import type { Core, ElementDefinition } from 'cytoscape';
import { expansionParts, makeRoom, type DrawnNode } from './expand-in-place';
import { layoutPlan } from './layouts';
import type { Point } from './positions';
import type { LayoutName } from './view-state';

/** Namespace nodes drawn now that the new elements no longer have. */
export function namespaceNodesAbout(cy: Core, next: readonly ElementDefinition[]): (DrawnNode & Point)[] {
  const kept = new Set(next.map((e) => String(e.data.id)));
  return cy
    .nodes('[aggregateBy = "namespace"]')
    .toArray()
    .filter((n) => n.isNode() && !kept.has(n.id()))
    .map((n) => ({ id: n.id(), namespace: String(n.data('namespace')), cluster: String(n.data('cluster')), ...n.position() }));
}

/** Lays out each expanded part in place; returns the ids it placed (the caller places the rest). */
export function layoutExpandedParts(cy: Core, folded: readonly (DrawnNode & Point)[], added: readonly string[], layout: LayoutName, done: () => void): string[] {
  if (folded.length === 0 || added.length === 0) return [];
  const addedNodes = added.map((id) => cy.getElementById(id)).map((n) => ({ id: n.id(), namespace: String(n.data('namespace')), cluster: String(n.data('cluster')) }));
  const parts = expansionParts(folded, addedNodes);
  for (const part of parts) {
    const ids = new Set(part.ids);
    const nodes = cy.nodes().filter((n) => ids.has(n.id()));
    const plan = layoutPlan(layout, { nodeCount: nodes.length, edgeCount: nodes.edgesWith(nodes).length, animate: false });
    // Placed at the namespace node first, so a layout that keeps positions starts from there.
    nodes.positions(() => ({ ...part.at }));
    const run = nodes.union(nodes.edgesWith(nodes)).layout({ ...plan.options, fit: false, animate: false } as typeof plan.options);
    run.one('layoutstop', () => {
      const box = nodes.boundingBox({});
      const shift = { x: part.at.x - (box.x1 + box.w / 2), y: part.at.y - (box.y1 + box.h / 2) };
      const others = cy.nodes().filter((n) => n.data('kind') !== 'box' && !ids.has(n.id()));
      const before = new Map<string, Point>();
      others.forEach((n) => {
        before.set(n.id(), { ...n.position() });
      });
      const moved = makeRoom(before, part.at, { w: box.w, h: box.h });
      cy.batch(() => {
        nodes.forEach((n) => {
          const p = n.position();
          n.position({ x: p.x + shift.x, y: p.y + shift.y });
        });
        others.forEach((n) => {
          const p = moved.get(n.id());
          if (p) n.position(p);
        });
      });
      done();
      // The whole part in view (centred at the map's zoom, 50 workloads laid out showed one of
      // them), but not magnified past 1.5: a part of one or two workloads would fill the screen.
      const after = nodes.boundingBox({});
      const zoom = Math.min(1.5, (cy.width() - 80) / Math.max(after.w, 1), (cy.height() - 80) / Math.max(after.h, 1));
      cy.animate({ zoom: Math.max(cy.minZoom(), zoom), center: { eles: nodes } }, { duration: 250, complete: done });
    });
    run.run();
  }
  return parts.flatMap((p) => p.ids);
}

/** Folding a namespace back: where its namespace node goes (the middle of its workloads), by id. */
export function foldedNamespaceCentres(cy: Core, next: readonly ElementDefinition[]): Map<string, Point> {
  const centres = new Map<string, Point>();
  const wanted = new Set(next.map((e) => String(e.data.id)));
  for (const e of next) {
    if (e.data.aggregateBy !== 'namespace' || !cy.getElementById(String(e.data.id)).empty()) continue;
    const members = cy.nodes().filter((n) => !wanted.has(n.id()) && n.data('kind') !== 'box' && n.data('namespace') === e.data.namespace && n.data('cluster') === e.data.cluster);
    if (members.empty()) continue;
    const box = members.boundingBox({});
    centres.set(String(e.data.id), { x: box.x1 + box.w / 2, y: box.y1 + box.h / 2 });
  }
  return centres;
}
