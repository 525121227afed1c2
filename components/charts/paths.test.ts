import { describe, expect, it } from 'vitest';
import { chartMax, linePath } from './paths';

describe('chart paths', () => {
  it('spreads points over the width with 0 at the bottom and max at the top', () => {
    expect(linePath([0, 5, 10], { width: 100, height: 20, max: 10 })).toBe('M0 20L50 10L100 0');
  });

  it('breaks the line at gaps and clamps values outside the frame', () => {
    expect(linePath([1, null, 2, 30], { width: 30, height: 10, max: 10 })).toBe('M0 9M20 8L30 0');
  });

  it('never divides by zero: an all-zero chart has a top of 1', () => {
    expect(chartMax([[0, 0], [null]])).toBe(1);
    expect(chartMax([[1, 4], [null, 3]])).toBe(4);
    expect(chartMax([[0.2]], 1)).toBe(1);
  });
});
