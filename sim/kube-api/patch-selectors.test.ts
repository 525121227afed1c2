import { describe, expect, it } from 'vitest';
import { jsonPatch, mergePatch } from './patch';
import { matchesLabels, parseLabelSelector } from './selectors';
import { KubeStatusError } from './status';

describe('patch documents', () => {
  it('merge patch merges maps, replaces lists and deletes on null', () => {
    expect(mergePatch({ a: { b: 1, c: 2 }, l: [1, 2] }, { a: { c: null, d: 3 }, l: [3] })).toEqual({ a: { b: 1, d: 3 }, l: [3] });
  });

  it('json patch handles escapes, arrays, move, copy and test', () => {
    const doc = { metadata: { labels: { 'a/b': '1', 'x~y': '2' } }, list: [1, 2] };
    const out = jsonPatch(doc, [
      { op: 'remove', path: '/metadata/labels/a~1b' },
      { op: 'replace', path: '/metadata/labels/x~0y', value: '3' },
      { op: 'add', path: '/list/-', value: 3 },
      { op: 'add', path: '/list/0', value: 0 },
      { op: 'copy', from: '/list/3', path: '/last' },
      { op: 'move', from: '/last', path: '/moved' },
      { op: 'test', path: '/moved', value: 3 },
    ]);
    expect(out).toEqual({ metadata: { labels: { 'x~y': '3' } }, list: [0, 1, 2, 3], moved: 3 });
    expect(doc.list).toEqual([1, 2]);
    expect(() => jsonPatch(doc, [{ op: 'test', path: '/list/0', value: 9 }])).toThrow(KubeStatusError);
    expect(() => jsonPatch(doc, [{ op: 'replace', path: '/nope/deeper', value: 1 }])).toThrow(/missing/);
    expect(() => jsonPatch(doc, { op: 'add' })).toThrow(KubeStatusError);
  });
});

describe('label selectors', () => {
  const match = (selector: string, labels: Record<string, string>) => matchesLabels(parseLabelSelector(selector), labels);
  it('parses every operator', () => {
    expect(match('tier in (web,api), env!=prod', { tier: 'api', env: 'dev' })).toBe(true);
    expect(match('tier notin (web)', {})).toBe(true);
    expect(match('!canary,app', { app: 'x' })).toBe(true);
    expect(match('replicas>2', { replicas: '3' })).toBe(true);
    expect(match('replicas<2', { replicas: '3' })).toBe(false);
    expect(match('', { any: 'thing' })).toBe(true);
  });
  it('rejects invalid keys and values', () => {
    expect(() => parseLabelSelector('bad key=1')).toThrow(KubeStatusError);
    expect(() => parseLabelSelector('app=-bad-')).toThrow(KubeStatusError);
    expect(() => parseLabelSelector('app,,x')).toThrow(KubeStatusError);
  });
});
