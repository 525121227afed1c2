import cytoscape from 'cytoscape';
import { describe, expect, it } from 'vitest';
import { liveSummary } from './summary';
import { stylesheet } from './stylesheet';

describe('liveSummary', () => {
  it('reads the canvas when read, not when published: later changes show, nothing is computed before', () => {
    const cy = cytoscape({ headless: true, styleEnabled: true });
    cy.style(stylesheet({ dark: false, badges: { security: true, waypoint: true, enrollment: true }, large: false }));
    let layoutMs = 0;
    const summary = liveSummary(cy, () => 'grid', () => layoutMs);
    expect(summary.nodes).toEqual([]);
    expect(summary.layoutMs).toBe(0);

    cy.add([
      { group: 'nodes', data: { id: 'a', label: 'productpage', kind: 'workload' }, position: { x: 1.4, y: 2.6 } },
      { group: 'nodes', data: { id: 'b', label: 'reviews', kind: 'workload' } },
      { group: 'edges', data: { id: 'a->b', source: 'a', target: 'b', mtls: 'full', active: true, label: '1 kB/s' } },
    ]);
    cy.getElementById('a').addClass('selected');
    layoutMs = 12;

    expect(summary.layout).toBe('grid');
    expect(summary.layoutMs).toBe(12);
    expect(summary.nodes.map((n) => [n.id, n.label, n.x, n.y, n.classes])).toEqual([
      ['a', 'productpage', 1, 3, ['selected']],
      ['b', 'reviews', 0, 0, []],
    ]);
    expect(summary.edges).toEqual([{ id: 'a->b', source: 'a', target: 'b', mtls: 'full', badge: '🔒', lineStyle: 'solid', label: '1 kB/s', classes: [] }]);
    // Serialised as tests read it (page.evaluate): plain values.
    expect(JSON.parse(JSON.stringify(summary)).edges[0].badge).toBe('🔒');
  });
});
