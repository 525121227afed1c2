import { describe, expect, it } from 'vitest';
import { PairIndex } from './pair-index';

describe('PairIndex', () => {
  it('numbers pairs densely in the order they are added; (a, b) and (b, a) are two pairs', () => {
    const pairs = new PairIndex();
    expect(pairs.get(1, 2)).toBe(-1);
    expect(pairs.add(1, 2)).toBe(0);
    expect(pairs.add(2, 1)).toBe(1);
    expect(pairs.add(1, 2)).toBe(0);
    expect(pairs.get(2, 1)).toBe(1);
    expect(pairs.add(0, 0)).toBe(2);
    expect(pairs.size).toBe(3);
  });

  it('keeps every pair as it grows past its first table, large ids included', () => {
    const pairs = new PairIndex();
    const all: [number, number][] = [];
    for (let a = 0; a < 300; a++) for (let b = 0; b < 40; b++) all.push([a * 7919 + (b % 3) * 2 ** 29, b * 104729]);
    all.forEach(([a, b], i) => expect(pairs.add(a, b)).toBe(i));
    expect(pairs.size).toBe(all.length);
    all.forEach(([a, b], i) => expect(pairs.get(a, b)).toBe(i));
    expect(pairs.get(1, 1)).toBe(-1);
  });
});
