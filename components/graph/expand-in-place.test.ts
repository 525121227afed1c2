import { describe, expect, it } from 'vitest';
import { expansionParts, makeRoom } from './expand-in-place';

describe('expanding a namespace in place', () => {
  it('groups the new nodes under the namespace node they replace', () => {
    const parts = expansionParts(
      [{ id: 'ns:a', namespace: 'a', cluster: 'c', x: 10, y: 20 }],
      [
        { id: 'a/web', namespace: 'a', cluster: 'c' },
        { id: 'a/db', namespace: 'a', cluster: 'c' },
        { id: 'b/web', namespace: 'b', cluster: 'c' },
        { id: 'a/other-cluster', namespace: 'a', cluster: 'd' },
      ],
    );
    expect(parts).toEqual([{ at: { x: 10, y: 20 }, ids: ['a/web', 'a/db'] }]);
  });

  it('moves the rest of the map apart around the expanded part, keeping its arrangement', () => {
    const before = new Map([
      ['left', { x: -100, y: 0 }],
      ['right', { x: 100, y: 0 }],
      ['below', { x: 0, y: 100 }],
      ['corner', { x: 100, y: -100 }],
    ]);
    const after = makeRoom(before, { x: 0, y: 0 }, { w: 400, h: 200 }, 50);
    expect(after.get('left')).toEqual({ x: -350, y: 0 });
    expect(after.get('right')).toEqual({ x: 350, y: 0 });
    expect(after.get('below')).toEqual({ x: 0, y: 250 });
    expect(after.get('corner')).toEqual({ x: 350, y: -250 });
  });
});
