import { describe, expect, it } from 'vitest';
import { FORCE_MAX_NODES, LAYERED_MAX_NODES, layoutPlan, namespaceBlocks } from './layouts';

describe('layoutPlan', () => {
  it('uses dagre left to right for a small layered graph', () => {
    const plan = layoutPlan('layered', { nodeCount: 40, edgeCount: 50, animate: true });
    expect(plan.algorithm).toBe('dagre');
    expect(plan.options).toMatchObject({ name: 'dagre', rankDir: 'LR' });
    expect(plan.fallback).toBeUndefined();
  });

  it('draws a dense graph by force rather than layered, and says so', () => {
    const plan = layoutPlan('layered', { nodeCount: 60, edgeCount: 240, animate: false });
    expect(plan.algorithm).toBe('fcose');
    expect(plan.fallback).toContain('240 edges among 60 nodes');
    // A small graph is layered whatever its density (a handful of services calling each other).
    expect(layoutPlan('layered', { nodeCount: 8, edgeCount: 30, animate: false }).algorithm).toBe('dagre');
    expect(layoutPlan('layered', { nodeCount: 100, edgeCount: 150, animate: false }).algorithm).toBe('dagre');
  });

  it('falls back to namespace blocks above the layered limit, and says so', () => {
    const plan = layoutPlan('layered', { nodeCount: LAYERED_MAX_NODES + 1, edgeCount: 400, animate: true });
    expect(plan.algorithm).toBe('namespace-blocks');
    expect(plan.fallback).toContain(`${LAYERED_MAX_NODES + 1} nodes`);
    expect(plan.options).toMatchObject({ name: 'preset', animate: false });
  });

  it('lays each namespace out as its own block, tiled wider than tall', () => {
    const nodes = Array.from({ length: 600 }, (_, i) => ({ id: `n${i}`, namespace: `ns-${Math.floor(i / 30)}`, label: `w${i % 30}` }));
    const positions = namespaceBlocks(nodes);
    expect(positions.size).toBe(600);
    const xs = [...positions.values()].map((p) => p.x);
    const ys = [...positions.values()].map((p) => p.y);
    const width = Math.max(...xs) - Math.min(...xs);
    const height = Math.max(...ys) - Math.min(...ys);
    expect(width / height).toBeGreaterThan(1);
    expect(width / height).toBeLessThan(3);
    // No two nodes share a spot, and a namespace's nodes sit closer to each other than to other blocks.
    expect(new Set([...positions.values()].map((p) => `${p.x},${p.y}`)).size).toBe(600);
    const box = (ns: string) => {
      const ps = nodes.filter((n) => n.namespace === ns).map((n) => positions.get(n.id)!);
      return { minX: Math.min(...ps.map((p) => p.x)), maxX: Math.max(...ps.map((p) => p.x)), minY: Math.min(...ps.map((p) => p.y)), maxY: Math.max(...ps.map((p) => p.y)) };
    };
    const [a, b] = [box('ns-0'), box('ns-1')];
    const overlap = a.minX <= b.maxX && b.minX <= a.maxX && a.minY <= b.maxY && b.minY <= a.maxY;
    expect(overlap).toBe(false);
  });

  it('uses fcose for force up to its limit, then grid', () => {
    expect(layoutPlan('force', { nodeCount: FORCE_MAX_NODES, edgeCount: 900, animate: false }).algorithm).toBe('fcose');
    const big = layoutPlan('force', { nodeCount: FORCE_MAX_NODES + 1, edgeCount: 900, animate: false });
    expect(big.algorithm).toBe('grid');
    expect(big.fallback).toMatch(/Collapse namespaces/);
  });

  it('sorts the grid by namespace so a namespace stays together', () => {
    const plan = layoutPlan('grid', { nodeCount: 10, edgeCount: 12, animate: false });
    const sort = (plan.options as { sort?: (a: unknown, b: unknown) => number }).sort;
    const node = (namespace: string, label: string) => ({ data: (k: string) => (k === 'namespace' ? namespace : label) });
    expect(sort?.(node('a', 'z'), node('b', 'a'))).toBeLessThan(0);
    expect(sort?.(node('b', 'a'), node('b', 'c'))).toBeLessThan(0);
  });
});
