import { describe, expect, it } from 'vitest';
import type { MetricsQueries, TcpSample, TrafficQuery, TrafficSamples } from '@/lib/graph/samples';
import { createFolder, samplesWithin } from './fold';

const peer = (namespace: string, workload: string) => ({ cluster: 'c', namespace, workload, canonicalService: workload, canonicalRevision: 'v1', app: workload, version: 'v1', principal: '' });
const tcp = (src: string, dst: string, serviceNamespace = dst): TcpSample => ({
  metric: 'sentBytes',
  source: peer(src, `${src}-client`),
  destination: { ...peer(dst, dst === 'unknown' ? 'unknown' : `${dst}-server`), service: `svc.${serviceNamespace}`, serviceName: 'svc', serviceNamespace },
  securityPolicy: 'mutual_tls',
  responseFlags: '-',
  value: 1,
});
const latency = (src: string, dst: string) => ({ source: { cluster: 'c', namespace: src, workload: 'w' }, destination: { cluster: 'c', namespace: dst, workload: 'w' }, quantile: 0.5 as const, valueMs: 3 });

const union: TrafficSamples = {
  tcp: [tcp('a', 'b'), tcp('c', 'd'), tcp('x', 'unknown', 'a'), tcp('x', 'unknown', 'c'), tcp('a', 'unknown', 'z')],
  http: [],
  latency: [latency('a', 'b'), latency('c', 'd'), latency('x', 'unknown')],
  queries: { tcp: 'recording-rules', http: 'raw', skipped: ['sidecar'] },
};

describe('samplesWithin', () => {
  it('files an unserviced call under its service\'s namespace for ztunnel TCP only, as the queries select', () => {
    const http = { reporter: 'waypoint' as const, source: tcp('x', 'unknown', 'egress').source, destination: tcp('x', 'unknown', 'egress').destination, protocol: 'http' as const, responseCode: '503', grpcStatus: '', securityPolicy: 'mutual_tls', responseFlags: 'UH', value: 1 };
    const samples: TrafficSamples = { tcp: [tcp('x', 'unknown', 'egress')], http: [http], latency: [latency('x', 'unknown')] };
    const egress = samplesWithin(samples, ['egress']);
    expect(egress.tcp).toHaveLength(1);
    expect(egress.http).toEqual([]);
    expect(egress.latency).toEqual([]);
    expect(samplesWithin(samples, ['x']).http).toHaveLength(1);
  });

  it('keeps the edges whose client or server is in R, and unserviced calls to R\'s services', () => {
    const a = samplesWithin(union, ['a']);
    expect(a.tcp.map((s) => `${s.source.namespace}->${s.destination.namespace}/${s.destination.serviceNamespace}`)).toEqual(['a->b/b', 'x->unknown/a', 'a->unknown/z']);
    expect(a.latency.map((s) => `${s.source.namespace}->${s.destination.namespace}`)).toEqual(['a->b']);
    expect(a.queries).toEqual(union.queries);
    expect(samplesWithin(union, ['d']).tcp.map((s) => s.source.namespace)).toEqual(['c']);
    expect(samplesWithin(union, ['q']).tcp).toEqual([]);
  });
});

const AMBIENT: MetricsQueries = { tcp: 'recording-rules', http: 'raw', skipped: ['sidecar'] };
const q = (...namespaces: string[]): TrafficQuery => ({ namespaces, duration: 600, queryTime: 6000 });

/** A fetch that answers every query with `union` after `release()`, recording what it was asked. */
function fakeFetch() {
  const asked: { namespaces: string[]; signal: AbortSignal }[] = [];
  const releases: (() => void)[] = [];
  const fetch = (query: TrafficQuery, _families: MetricsQueries, signal: AbortSignal) =>
    new Promise<TrafficSamples>((resolve, reject) => {
      asked.push({ namespaces: query.namespaces, signal });
      releases.push(() => resolve(union));
      signal.addEventListener('abort', () => reject(signal.reason), { once: true });
    });
  return { fetch, asked, release: () => releases.splice(0).forEach((r) => r()) };
}

const tick = (ms = 20) => new Promise((r) => setTimeout(r, ms));

describe('createFolder', () => {
  it('sends the first alone, folds those arriving meanwhile into one query set, and gives each its own samples', async () => {
    const f = fakeFetch();
    const samples = createFolder(f.fetch, { waitMs: 5 });
    const answers = [samples(q('a'), AMBIENT), samples(q('c'), AMBIENT), samples(q('d'), AMBIENT), samples(q('a', 'c'), AMBIENT)];
    await tick();
    expect(f.asked.map((a) => a.namespaces)).toEqual([['a'], ['a', 'c', 'd']]);
    f.release();
    const [a, c, d, ac] = await Promise.all(answers);
    // The first went alone: its answer is the fetch's own (this fake answers everything alike).
    expect(a).toBe(union);
    expect(c?.tcp.map((s) => s.source.namespace)).toEqual(['c', 'x']);
    expect(d?.tcp.map((s) => s.source.namespace)).toEqual(['c']);
    expect(ac?.tcp).toHaveLength(5);
    // Nothing in flight any more: the next one goes alone again.
    const next = samples(q('b'), AMBIENT);
    expect(f.asked).toHaveLength(3);
    f.release();
    expect(await next).toBe(union);
  });

  it('does not fold other windows, all namespaces, or a window with sidecar series', async () => {
    const f = fakeFetch();
    const samples = createFolder(f.fetch, { waitMs: 5 });
    const sidecars: MetricsQueries = { tcp: 'raw', http: 'raw', skipped: ['waypoint'] };
    void samples(q('a'), sidecars);
    void samples(q('b'), sidecars);
    void samples(q(), AMBIENT);
    void samples(q(), AMBIENT);
    void samples({ ...q('c'), queryTime: 6015 }, AMBIENT);
    await tick();
    expect(f.asked.map((a) => a.namespaces)).toEqual([['a'], ['b'], [], [], ['c']]);
    f.release();
  });

  it('starts another batch past maxNamespaces', async () => {
    const f = fakeFetch();
    const samples = createFolder(f.fetch, { waitMs: 5, maxNamespaces: 2 });
    for (const ns of ['a', 'b', 'c', 'd', 'e']) void samples(q(ns), AMBIENT);
    await tick();
    expect(f.asked.map((a) => a.namespaces)).toEqual([['a'], ['b', 'c'], ['d', 'e']]);
    f.release();
  });

  it('a caller leaving stops waiting; the batch\'s queries stop when all its callers have left', async () => {
    const f = fakeFetch();
    const samples = createFolder(f.fetch, { waitMs: 5 });
    void samples(q('a'), AMBIENT);
    const left = [new AbortController(), new AbortController()];
    const b = samples(q('b'), AMBIENT, left[0]?.signal);
    const c = samples(q('c'), AMBIENT, left[1]?.signal);
    await tick();
    const batch = f.asked[1];
    left[0]?.abort(new Error('tab closed'));
    await expect(b).rejects.toThrow('tab closed');
    expect(batch?.signal.aborted).toBe(false);
    left[1]?.abort(new Error('tab closed'));
    await expect(c).rejects.toThrow('tab closed');
    expect(batch?.signal.aborted).toBe(true);
    f.release();
  });

  it('a failed union is asked again by each caller alone: each gets its own answer, or its own error', async () => {
    const asked: string[][] = [];
    const samples = createFolder(async (query) => {
      asked.push(query.namespaces);
      await tick(5);
      // As an answer cap would: the union is too large, each namespace alone is not.
      if (query.namespaces.length > 1) throw new Error('prometheus_answer_too_large');
      return union;
    }, { waitMs: 1 });
    const all = [samples(q('a'), AMBIENT), samples(q('b'), AMBIENT), samples(q('c'), AMBIENT)];
    const [, b, c] = await Promise.all(all);
    expect(asked).toEqual([['a'], ['b', 'c'], ['b'], ['c']]);
    expect(b).toBe(union);
    expect(c).toBe(union);

    const failing = createFolder(async () => {
      await tick(5);
      throw new Error('Prometheus unreachable');
    }, { waitMs: 1 });
    for (const p of [failing(q('a'), AMBIENT), failing(q('b'), AMBIENT), failing(q('c'), AMBIENT)]) await expect(p).rejects.toThrow('Prometheus unreachable');
  });
});
