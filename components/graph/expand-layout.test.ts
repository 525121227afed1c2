import cytoscape from 'cytoscape';
import { describe, expect, it } from 'vitest';
import { largeMesh } from '@/testing/fixtures/large-mesh';
import { collapseGraph } from './collapse';
import { foldedNamespaceCentres, layoutExpandedParts, namespaceNodesAbout } from './expand-layout';
import { leafPositions, syncElements } from './graph-sync';
import { effectiveCollapse } from './namespace-map';
import { toElements, type ElementOptions } from './to-elements';
import { defaultViewState } from './view-state';

const options: ElementOptions = { edgeLabel: 'throughput', badges: { security: true, waypoint: true, enrollment: true }, boxes: false };
const mesh = largeMesh(9, 40);
const drawn = (expand: string[]) => toElements(collapseGraph(mesh, effectiveCollapse(mesh, { ...defaultViewState, expand }, true)), options);

describe('expanding a namespace on a headless cytoscape', () => {
  it('lays out only its workloads, where the namespace node was, and moves the others apart', () => {
    const cy = cytoscape({ headless: true, styleEnabled: false });
    syncElements(cy, drawn([]));
    cy.layout({ name: 'grid', rows: 3 }).run();
    const before = leafPositions(cy);
    const id = 'agg:ns:Kubernetes/ns-004';
    const at = before.get(id);
    if (!at) throw new Error('ns-004 not drawn');

    const next = drawn(['ns-004']);
    const folded = namespaceNodesAbout(cy, next);
    expect(folded.map((f) => f.id)).toEqual([id]);
    const result = syncElements(cy, next);
    let finished = 0;
    const placed = layoutExpandedParts(cy, folded, result.addedNodes, 'grid', () => (finished += 1));
    expect(placed).toHaveLength(40);
    expect(finished).toBeGreaterThan(0);

    const part = cy.nodes().filter((n) => placed.includes(n.id()));
    const box = part.boundingBox({});
    expect(Math.abs(box.x1 + box.w / 2 - at.x)).toBeLessThan(1);
    expect(Math.abs(box.y1 + box.h / 2 - at.y)).toBeLessThan(1);
    // The other namespaces keep their arrangement and none lands on the expanded part.
    const after = leafPositions(cy);
    const others = [...before.keys()].filter((k) => k !== id);
    const byX = (pos: Map<string, { x: number; y: number }>) => [...others].sort((a, b) => (pos.get(a)?.x ?? 0) - (pos.get(b)?.x ?? 0) || a.localeCompare(b));
    expect(byX(after)).toEqual(byX(before));
    for (const k of others) {
      const p = after.get(k);
      if (!p) throw new Error(`${k} gone`);
      expect(p.x > box.x1 && p.x < box.x2 && p.y > box.y1 && p.y < box.y2, k).toBe(false);
    }

    // Folding it back puts the namespace node in the middle of where its workloads were.
    const back = drawn([]);
    const centres = foldedNamespaceCentres(cy, back);
    expect(centres.get(id)?.x).toBeCloseTo(at.x, 0);
    expect(centres.get(id)?.y).toBeCloseTo(at.y, 0);
    cy.destroy();
  });
});
