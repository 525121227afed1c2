import { describe, expect, it } from 'vitest';
import { needsFullLayout, placeNewNodes, type Point } from './positions';

const existing = new Map<string, Point>([
  ['productpage', { x: 0, y: 0 }],
  ['details', { x: 200, y: -100 }],
  ['reviews', { x: 200, y: 100 }],
]);

describe('placeNewNodes', () => {
  it('places a new server right of its client, without touching anything already drawn', () => {
    const placed = placeNewNodes({ existing, added: ['ratings'], edges: [{ source: 'reviews', target: 'ratings' }] });
    expect([...placed.keys()]).toEqual(['ratings']);
    const ratings = placed.get('ratings');
    expect(ratings?.x).toBeGreaterThan(200);
    expect(ratings?.y).toBe(100);
  });

  it('places a new client left of its server', () => {
    const placed = placeNewNodes({ existing, added: ['loadgen'], edges: [{ source: 'loadgen', target: 'productpage' }] });
    expect(placed.get('loadgen')?.x).toBeLessThan(0);
  });

  it('never stacks two nodes on one spot', () => {
    const edges = ['a', 'b', 'c'].map((id) => ({ source: 'reviews', target: id }));
    const placed = placeNewNodes({ existing, added: ['a', 'b', 'c'], edges });
    const points = [...placed.values(), ...existing.values()];
    for (const p of points) {
      const close = points.filter((q) => Math.abs(q.x - p.x) < 50 && Math.abs(q.y - p.y) < 50);
      expect(close).toHaveLength(1);
    }
  });

  it('chains placements through new nodes, and puts unconnected ones in a new column', () => {
    const placed = placeNewNodes({
      existing,
      added: ['deep', 'ratings', 'lonely'],
      edges: [
        { source: 'ratings', target: 'deep' },
        { source: 'reviews', target: 'ratings' },
      ],
    });
    expect(placed.get('deep')?.x).toBeGreaterThan(placed.get('ratings')?.x ?? Infinity);
    expect(placed.get('lonely')?.x).toBeGreaterThan(200);
    expect(placed.size).toBe(3);
  });
});

describe('needsFullLayout', () => {
  it('lays out from scratch only when the picture is mostly new', () => {
    expect(needsFullLayout(0, 5)).toBe(true);
    expect(needsFullLayout(0, 0)).toBe(false);
    expect(needsFullLayout(10, 2)).toBe(false);
    expect(needsFullLayout(10, 11)).toBe(true);
  });
});
