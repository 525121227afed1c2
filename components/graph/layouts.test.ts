import { describe, expect, it } from 'vitest';
import { FORCE_MAX_NODES, LAYERED_MAX_NODES, layoutPlan } from './layouts';

describe('layoutPlan', () => {
  it('uses dagre left to right for a small layered graph', () => {
    const plan = layoutPlan('layered', { nodeCount: 40, animate: true });
    expect(plan.algorithm).toBe('dagre');
    expect(plan.options).toMatchObject({ name: 'dagre', rankDir: 'LR' });
    expect(plan.fallback).toBeUndefined();
  });

  it('falls back to breadthfirst turned left to right above the layered limit, and says so', () => {
    const plan = layoutPlan('layered', { nodeCount: LAYERED_MAX_NODES + 1, animate: true });
    expect(plan.algorithm).toBe('breadthfirst');
    expect(plan.fallback).toContain(`${LAYERED_MAX_NODES + 1} nodes`);
    const transform = (plan.options as { transform?: (n: unknown, p: { x: number; y: number }) => { x: number; y: number } }).transform;
    expect(transform?.(null, { x: 1, y: 2 })).toEqual({ x: 2, y: 1 });
    expect(plan.options).toMatchObject({ animate: false });
  });

  it('uses fcose for force up to its limit, then grid', () => {
    expect(layoutPlan('force', { nodeCount: FORCE_MAX_NODES, animate: false }).algorithm).toBe('fcose');
    const big = layoutPlan('force', { nodeCount: FORCE_MAX_NODES + 1, animate: false });
    expect(big.algorithm).toBe('grid');
    expect(big.fallback).toMatch(/Collapse namespaces/);
  });

  it('sorts the grid by namespace so a namespace stays together', () => {
    const plan = layoutPlan('grid', { nodeCount: 10, animate: false });
    const sort = (plan.options as { sort?: (a: unknown, b: unknown) => number }).sort;
    const node = (namespace: string, label: string) => ({ data: (k: string) => (k === 'namespace' ? namespace : label) });
    expect(sort?.(node('a', 'z'), node('b', 'a'))).toBeLessThan(0);
    expect(sort?.(node('b', 'a'), node('b', 'c'))).toBeLessThan(0);
  });
});
