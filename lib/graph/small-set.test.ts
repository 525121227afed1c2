import { describe, expect, it } from 'vitest';
import { SmallSet } from './small-set';

// SmallSet keeps Set's contract for the methods it has; each case is checked against a real Set.
describe('SmallSet', () => {
  const cases: unknown[][] = [[], ['a'], ['a', 'a'], ['a', 'b'], ['b', 'a', 'b', 'c', 'a'], [NaN, NaN, 0, -0], [1, '1'], ['x', 'y', 'z', 'x', 'w']];
  for (const values of cases) {
    it(`holds ${JSON.stringify(values)} as a Set does`, () => {
      const small = new SmallSet<unknown>();
      const real = new Set<unknown>();
      for (const v of values) {
        small.add(v);
        real.add(v);
        expect(small.size).toBe(real.size);
      }
      expect([...small]).toEqual([...real]);
      expect(small.toArray()).toEqual([...real]);
      const seen: unknown[] = [];
      small.forEach((v) => seen.push(v));
      expect(seen).toEqual([...real]);
      for (const probe of ['a', 'b', 'q', NaN, 0, 1, '1']) expect(small.has(probe)).toBe(real.has(probe));
    });
  }

  it('hands out copies: changing one does not change the set', () => {
    const s = new SmallSet(['a', 'b']);
    s.toArray().push('c');
    expect(s.toArray()).toEqual(['a', 'b']);
    expect(new SmallSet(['a']).toArray()).toEqual(['a']);
  });
});
