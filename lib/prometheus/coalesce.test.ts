import { describe, expect, it } from 'vitest';
import type { MetricsSource, TrafficQuery, TrafficSamples } from '@/lib/graph/samples';
import { coalesceSamples } from './coalesce';

const empty: TrafficSamples = { tcp: [], http: [], latency: [] };

function counting(): MetricsSource & { calls: TrafficQuery[]; release(): void } {
  const calls: TrafficQuery[] = [];
  const waiting: (() => void)[] = [];
  return {
    kind: 'simulator',
    calls,
    release: () => waiting.splice(0).forEach((r) => r()),
    samples: (q) => {
      calls.push(q);
      return new Promise((resolve) => waiting.push(() => resolve(empty)));
    },
  };
}

describe('coalesceSamples', () => {
  it('makes one upstream call for concurrent identical queries, one per distinct query', async () => {
    const upstream = counting();
    const source = coalesceSamples(upstream);
    const q = { namespaces: ['b', 'a'], duration: 600, queryTime: 100 };
    const all = [...Array.from({ length: 50 }, () => source.samples(q)), source.samples({ ...q, namespaces: ['a', 'b'] }), source.samples({ ...q, queryTime: 115 })];
    expect(upstream.calls).toHaveLength(2);
    upstream.release();
    await Promise.all(all);
    // Once answered, the next call goes upstream again (repeats are the graph cache's job).
    void source.samples(q);
    expect(upstream.calls).toHaveLength(3);
  });

  it('a caller that aborts stops waiting; the others still get the answer', async () => {
    const upstream = counting();
    const source = coalesceSamples(upstream);
    const q = { namespaces: ['a'], duration: 600, queryTime: 100 };
    const controller = new AbortController();
    const leaving = source.samples(q, controller.signal);
    const staying = source.samples(q);
    controller.abort(new Error('gone'));
    await expect(leaving).rejects.toThrow('gone');
    upstream.release();
    await expect(staying).resolves.toBe(empty);
  });
});
