import { describe, expect, it } from 'vitest';
import { gunzipSync } from 'node:zlib';
import type { MeshGraph } from '@/lib/graph/model';
import type { GraphParams } from '@/lib/graph/query';
import { alignQueryTime, createGraphCache, createSemaphore, graphCacheKey } from './graph-cache';
import type { GraphViewer } from './graph';

const query: GraphParams = { namespaces: ['a', 'b'], graphType: 'workload', duration: 600, queryTime: 1_700_000_007, idle: false, waypoints: 'show' };

/** A build that records its calls and answers when released. */
function slowBuild() {
  const calls: { query: GraphParams; viewer: GraphViewer | undefined }[] = [];
  const pending: (() => void)[] = [];
  const build = (q: GraphParams, viewer?: GraphViewer): Promise<MeshGraph> => {
    calls.push({ query: q, viewer });
    return new Promise((resolve) => {
      const visible = viewer?.accessibleNamespaces ? [...viewer.accessibleNamespaces].sort() : ['*'];
      pending.push(() => resolve({ graphType: q.graphType, namespaces: visible, window: { duration: q.duration, queryTime: q.queryTime }, nodes: [], edges: [], warnings: [] }));
    });
  };
  const releaseAll = () => pending.splice(0).forEach((r) => r());
  return { build, calls, releaseAll, pending };
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((r) => setTimeout(r, 1));
}

const decode = (gzip: Buffer) => JSON.parse(gunzipSync(gzip).toString('utf8')) as MeshGraph;

describe('alignQueryTime', () => {
  it('aligns down to the bucket', () => {
    expect(alignQueryTime(1_700_000_007, 15)).toBe(1_699_999_995);
    expect(alignQueryTime(1_699_999_995, 15)).toBe(1_699_999_995);
    expect(alignQueryTime(1_700_000_007, 1)).toBe(1_700_000_007);
  });
});

describe('graphCacheKey', () => {
  it('differs for different rights, equal for the same set in any order', () => {
    const one = graphCacheKey(query, { accessibleNamespaces: new Set(['a', 'b']) }, 1);
    expect(graphCacheKey(query, { accessibleNamespaces: new Set(['b', 'a']) }, 1)).toBe(one);
    expect(graphCacheKey(query, { accessibleNamespaces: new Set(['a']) }, 1)).not.toBe(one);
    expect(graphCacheKey(query, {}, 1)).not.toBe(one);
    // A set whose names joined differently could collide with a naive join: the digest is of the sorted list.
    expect(graphCacheKey(query, { accessibleNamespaces: new Set(['a,b']) }, 1)).not.toBe(one);
  });
  it('differs for every query parameter and the inventory version', () => {
    const base = graphCacheKey(query, {}, 1);
    const variants: Partial<GraphParams>[] = [
      { graphType: 'app' }, { duration: 300 }, { queryTime: 1 }, { idle: true }, { waypoints: 'merge' }, { namespaces: ['a'] },
    ];
    for (const v of variants) expect(graphCacheKey({ ...query, ...v }, {}, 1), JSON.stringify(v)).not.toBe(base);
    expect(graphCacheKey(query, {}, 2)).not.toBe(base);
  });
});

describe('createGraphCache', () => {
  it('shares one build among concurrent identical callers (single flight) and serves repeats from the cache', async () => {
    const b = slowBuild();
    const cache = createGraphCache({ build: b.build, bucketSeconds: 15 });
    const callers = Array.from({ length: 100 }, (_, i) => cache({ ...query, queryTime: query.queryTime + (i % 3) }));
    await new Promise((r) => setTimeout(r, 0));
    expect(b.calls).toHaveLength(1);
    expect(b.calls[0]?.query.queryTime).toBe(1_699_999_995);
    b.releaseAll();
    const answers = await Promise.all(callers);
    expect(new Set(answers.map((a) => a.gzip)).size).toBe(1);
    expect(decode(answers[0]!.gzip).window.queryTime).toBe(1_699_999_995);
    await cache(query);
    expect(b.calls).toHaveLength(1);
    expect(cache.stats).toEqual({ builds: 1, joined: 99, hits: 1 });
  });

  it('never shares an answer between users with different rights', async () => {
    const b = slowBuild();
    const cache = createGraphCache({ build: b.build, bucketSeconds: 15 });
    const alice = cache(query, { accessibleNamespaces: new Set(['a']) });
    const bob = cache(query, { accessibleNamespaces: new Set(['b']) });
    const admin = cache(query, {});
    // Two builds at a time (the default): release the first two, then the queued third.
    await new Promise((r) => setTimeout(r, 0));
    expect(b.calls).toHaveLength(2);
    b.releaseAll();
    await until(() => b.pending.length === 1);
    b.releaseAll();
    const [ga, gb, gadmin] = (await Promise.all([alice, bob, admin])).map((a) => decode(a.gzip));
    expect(b.calls).toHaveLength(3);
    expect(ga?.namespaces).toEqual(['a']);
    expect(gb?.namespaces).toEqual(['b']);
    expect(gadmin?.namespaces).toEqual(['*']);
  });

  it('builds again when the inventory version moves, and after a failure', async () => {
    let version = 1;
    let fail = true;
    const build = async (q: GraphParams): Promise<MeshGraph> => {
      if (fail) throw new Error('prometheus down');
      return { graphType: q.graphType, namespaces: q.namespaces, window: { duration: q.duration, queryTime: q.queryTime }, nodes: [], edges: [], warnings: [] };
    };
    const cache = createGraphCache({ build, bucketSeconds: 15, inventoryVersion: async () => version });
    await expect(cache(query)).rejects.toThrow('prometheus down');
    fail = false;
    await cache(query);
    await cache(query);
    expect(cache.stats.builds).toBe(2);
    version = 2;
    await cache(query);
    expect(cache.stats.builds).toBe(3);
  });

  it('lets a caller stop waiting without failing the others', async () => {
    const b = slowBuild();
    const cache = createGraphCache({ build: b.build, bucketSeconds: 15 });
    const controller = new AbortController();
    const leaving = cache(query, {}, controller.signal);
    const staying = cache(query);
    controller.abort(new Error('client closed'));
    await expect(leaving).rejects.toThrow('client closed');
    await new Promise((r) => setTimeout(r, 0));
    b.releaseAll();
    await expect(staying).resolves.toMatchObject({ queryTime: 1_699_999_995 });
  });

  it('expires entries two buckets after they were built', async () => {
    let clock = 0;
    const b = slowBuild();
    const cache = createGraphCache({ build: b.build, bucketSeconds: 15, now: () => clock });
    const first = cache(query);
    await new Promise((r) => setTimeout(r, 0));
    b.releaseAll();
    await first;
    clock = 29_000;
    await cache(query);
    expect(b.calls).toHaveLength(1);
    clock = 31_000;
    const again = cache(query);
    await new Promise((r) => setTimeout(r, 0));
    b.releaseAll();
    await again;
    expect(b.calls).toHaveLength(2);
  });
});

describe('createSemaphore', () => {
  it('runs at most N tasks at once', async () => {
    const sem = createSemaphore(2);
    let running = 0;
    let peak = 0;
    const task = () =>
      sem.run(async () => {
        running += 1;
        peak = Math.max(peak, running);
        await new Promise((r) => setTimeout(r, 5));
        running -= 1;
      });
    await Promise.all(Array.from({ length: 10 }, task));
    expect(peak).toBe(2);
    expect(sem.inFlight).toBe(0);
  });
});
