import { describe, expect, it } from 'vitest';
import { keepUnchangedParts } from './stable-state';
import { parseViewState } from './view-state';

const parse = (query: string) => parseViewState(new URLSearchParams(query)).state;

describe('keepUnchangedParts', () => {
  it('keeps the identity of parts a selection did not change', () => {
    const before = parse('namespaces=a,b&collapse=ns:a&badges=security');
    const after = keepUnchangedParts(before, parse('namespaces=a,b&collapse=ns:a&badges=security&selected=x'));
    expect(after.selected).toBe('x');
    expect(after.collapse).toBe(before.collapse);
    expect(after.badges).toBe(before.badges);
    expect(after.namespaces).toBe(before.namespaces);
  });

  it('takes a changed part from the new state', () => {
    const before = parse('collapse=ns:a');
    const after = keepUnchangedParts(before, parse('collapse=ns:a,ns:b'));
    expect(after.collapse).toEqual({ namespaces: ['a', 'b'], apps: [] });
    expect(after.badges).toBe(before.badges);
  });

  it('returns the previous state itself when nothing changed', () => {
    const before = parse('namespaces=a');
    expect(keepUnchangedParts(before, parse('namespaces=a'))).toBe(before);
    expect(keepUnchangedParts(undefined, before)).toBe(before);
  });
});
