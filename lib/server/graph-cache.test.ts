import { describe, expect, it } from 'vitest';
import { gunzipSync } from 'node:zlib';
import type { MeshGraph } from '@/lib/graph/model';
import type { GraphParams } from '@/lib/graph/query';
import { alignQueryTime, createGraphCache, createSemaphore, graphCacheKey } from './graph-cache';
import type { GraphInputs, GraphPhases, GraphViewer } from './graph';

const query: GraphParams = { namespaces: ['a', 'b'], graphType: 'workload', duration: 600, queryTime: 1_700_000_007, idle: false, waypoints: 'show' };

/** The graph the fake build makes: its namespaces are what the viewer may see ('*': everything). */
function fakeGraph(q: GraphParams, viewer: GraphViewer): MeshGraph {
  const visible = viewer.accessibleNamespaces ? [...viewer.accessibleNamespaces].sort() : ['*'];
  return { graphType: q.graphType, namespaces: visible, window: { duration: q.duration, queryTime: q.queryTime }, nodes: [], edges: [], warnings: [] };
}

const inputs = (q: GraphParams, viewer: GraphViewer): GraphInputs => ({
  query: q, viewer, namespaces: q.namespaces, samples: { tcp: [], http: [], latency: [] }, inventory: { trustDomain: 'cluster.local', namespaces: [], workloads: [], services: [] }, warnings: [],
});

/** Phases whose gather (the upstream wait) records its calls and answers when released; build is the fake graph. */
function slowGather() {
  const calls: { query: GraphParams; viewer: GraphViewer; signal: AbortSignal | undefined }[] = [];
  const pending: (() => void)[] = [];
  let builds = 0;
  const phases: GraphPhases = {
    gather: (q, viewer = {}, signal) => {
      calls.push({ query: q, viewer, signal });
      return new Promise((resolve) => pending.push(() => resolve(inputs(q, viewer))));
    },
    build: (i) => {
      builds += 1;
      return fakeGraph(i.query, i.viewer);
    },
  };
  const releaseAll = () => pending.splice(0).forEach((r) => r());
  return { phases, calls, releaseAll, pending, builds: () => builds };
}

const tick = () => new Promise((r) => setTimeout(r, 0));
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
    const one = graphCacheKey(query, { accessibleNamespaces: new Set(['a', 'b']) }, 'v1');
    expect(graphCacheKey(query, { accessibleNamespaces: new Set(['b', 'a']) }, 'v1')).toBe(one);
    expect(graphCacheKey(query, { accessibleNamespaces: new Set(['a']) }, 'v1')).not.toBe(one);
    expect(graphCacheKey(query, {}, 'v1')).not.toBe(one);
    expect(graphCacheKey(query, { accessibleNamespaces: new Set() }, 'v1')).not.toBe(graphCacheKey(query, {}, 'v1'));
    // A set whose names joined differently could collide with a naive join: the digest is of the sorted list.
    expect(graphCacheKey(query, { accessibleNamespaces: new Set(['a,b']) }, 'v1')).not.toBe(one);
  });
  it('differs for every query parameter and the inventory version', () => {
    const base = graphCacheKey(query, {}, 'v1');
    const variants: Partial<GraphParams>[] = [
      { graphType: 'app' }, { duration: 300 }, { queryTime: 1 }, { idle: true }, { waypoints: 'merge' }, { namespaces: ['a'] }, { focus: 'a/w' },
    ];
    for (const v of variants) expect(graphCacheKey({ ...query, ...v }, {}, 'v1'), JSON.stringify(v)).not.toBe(base);
    expect(graphCacheKey(query, {}, 'v2')).not.toBe(base);
    expect(graphCacheKey(query, {}, undefined)).not.toBe(base);
  });
});

describe('createGraphCache', () => {
  it('shares one build among concurrent identical callers (single flight) and serves repeats from the cache', async () => {
    const b = slowGather();
    const cache = createGraphCache({ phases: b.phases, bucketSeconds: 15 });
    const callers = Array.from({ length: 100 }, (_, i) => cache({ ...query, queryTime: query.queryTime + (i % 3) }));
    await tick();
    expect(b.calls).toHaveLength(1);
    expect(b.calls[0]?.query.queryTime).toBe(1_699_999_995);
    b.releaseAll();
    const answers = await Promise.all(callers);
    expect(new Set(answers.map((a) => a.gzip)).size).toBe(1);
    expect(decode(answers[0]!.gzip).window.queryTime).toBe(1_699_999_995);
    await cache(query);
    expect(b.calls).toHaveLength(1);
    expect(b.builds()).toBe(1);
    expect(cache.stats).toEqual({ builds: 1, joined: 99, hits: 1 });
  });

  it('never shares an answer between users with different rights', async () => {
    const b = slowGather();
    const cache = createGraphCache({ phases: b.phases, bucketSeconds: 15, maxBuilds: 1 });
    const alice = cache(query, { accessibleNamespaces: new Set(['a']) });
    const bob = cache(query, { accessibleNamespaces: new Set(['b']) });
    const admin = cache(query, {});
    const alice2 = cache(query, { accessibleNamespaces: new Set(['a']) });
    await tick();
    // Three rights, three gathers, all waiting on upstream at once (the build bound does not queue them).
    expect(b.calls).toHaveLength(3);
    b.releaseAll();
    const [ga, gb, gadmin, ga2] = (await Promise.all([alice, bob, admin, alice2])).map((a) => decode(a.gzip));
    expect(ga?.namespaces).toEqual(['a']);
    expect(ga2?.namespaces).toEqual(['a']);
    expect(gb?.namespaces).toEqual(['b']);
    expect(gadmin?.namespaces).toEqual(['*']);
  });

  it('bounds only the build: a view waiting on a slow upstream does not hold back another view', async () => {
    const slow = slowGather();
    const phases: GraphPhases = {
      gather: (q, viewer = {}, signal) => (q.graphType === 'app' ? slow.phases.gather(q, viewer, signal) : Promise.resolve(inputs(q, viewer))),
      build: (i) => fakeGraph(i.query, i.viewer),
    };
    const cache = createGraphCache({ phases, bucketSeconds: 15, maxBuilds: 1 });
    const stuck = cache({ ...query, graphType: 'app' });
    await expect(cache(query)).resolves.toMatchObject({ queryTime: 1_699_999_995 });
    slow.releaseAll();
    await expect(stuck).resolves.toMatchObject({ queryTime: 1_699_999_995 });
  });

  it('builds again when the inventory version moves, and after a failure', async () => {
    let version = 'v1';
    let fail = true;
    const phases: GraphPhases = {
      gather: async (q, viewer = {}) => {
        if (fail) throw new Error('prometheus down');
        return inputs(q, viewer);
      },
      build: (i) => fakeGraph(i.query, i.viewer),
    };
    const cache = createGraphCache({ phases, bucketSeconds: 15, inventoryVersion: async () => version });
    await expect(cache(query)).rejects.toThrow('prometheus down');
    fail = false;
    await cache(query);
    await cache(query);
    expect(cache.stats.builds).toBe(2);
    version = 'v2';
    await cache(query);
    expect(cache.stats.builds).toBe(3);
  });

  it('lets a caller stop waiting without failing the others', async () => {
    const b = slowGather();
    const cache = createGraphCache({ phases: b.phases, bucketSeconds: 15 });
    const controller = new AbortController();
    const leaving = cache(query, {}, controller.signal);
    const staying = cache(query);
    await tick();
    controller.abort(new Error('client closed'));
    await expect(leaving).rejects.toThrow('client closed');
    expect(b.calls[0]?.signal?.aborted).toBe(false);
    b.releaseAll();
    await expect(staying).resolves.toMatchObject({ queryTime: 1_699_999_995 });
  });

  it('cancels the upstream wait when the last caller leaves, and builds afresh for the next', async () => {
    const b = slowGather();
    const cache = createGraphCache({ phases: b.phases, bucketSeconds: 15 });
    const one = new AbortController();
    const two = new AbortController();
    const first = cache(query, {}, one.signal);
    const second = cache(query, {}, two.signal);
    await tick();
    one.abort(new Error('gone'));
    expect(b.calls[0]?.signal?.aborted).toBe(false);
    two.abort(new Error('gone'));
    expect(b.calls[0]?.signal?.aborted).toBe(true);
    await expect(Promise.all([first, second])).rejects.toThrow('gone');
    const third = cache(query);
    await tick();
    expect(b.calls).toHaveLength(2);
    b.releaseAll();
    await expect(third).resolves.toMatchObject({ queryTime: 1_699_999_995 });
  });

  it('expires entries two buckets after they were built', async () => {
    let clock = 0;
    const b = slowGather();
    const cache = createGraphCache({ phases: b.phases, bucketSeconds: 15, now: () => clock });
    const first = cache(query);
    await tick();
    b.releaseAll();
    await first;
    clock = 29_000;
    await cache(query);
    expect(b.calls).toHaveLength(1);
    clock = 31_000;
    const again = cache(query);
    await tick();
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
