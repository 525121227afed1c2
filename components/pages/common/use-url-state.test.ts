import { describe, expect, it } from 'vitest';
import { parseSort, searchState, sortParam } from './use-url-state';

describe('searchState', () => {
  const url = searchState({ q: '', filter: 'all', sort: 'name' });

  it('reads each parameter, its default when absent', () => {
    expect(url.read(new URLSearchParams('q=bookinfo&other=1'))).toEqual({ q: 'bookinfo', filter: 'all', sort: 'name' });
  });

  it('leaves out values equal to their default or empty, and keeps parameters it does not know', () => {
    const next = url.write(new URLSearchParams('q=old&filter=ambient&tab=logs'), { q: '', filter: 'all', sort: '-name' });
    expect(next.toString()).toBe('tab=logs&sort=-name');
  });

  it('replaces the history entry unless told to push', () => {
    expect(url.history).toBe('replace');
    expect(searchState({ tab: 'nodes' }, 'push').history).toBe('push');
  });
});

describe('sort parameters', () => {
  it('round-trips a key and a direction, falling back on unknown keys', () => {
    expect(parseSort(sortParam('age', 'desc'), ['name', 'age'], 'name')).toEqual({ key: 'age', direction: 'desc' });
    expect(parseSort('size', ['name', 'age'], 'name')).toEqual({ key: 'name', direction: 'asc' });
  });
});
