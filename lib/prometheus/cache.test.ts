import { describe, expect, it } from 'vitest';
import { withCache } from './cache';
import type { PrometheusClient } from './client';

function counting(answer: (n: number) => Promise<never[]>): PrometheusClient & { calls: number } {
  const c = { calls: 0, query: () => answer(++c.calls), queryRange: () => Promise.resolve([]) };
  return c;
}

describe('withCache', () => {
  it('shares one request between concurrent and repeated identical queries within the TTL', async () => {
    let now = 0;
    const inner = counting(async () => []);
    const cached = withCache(inner, { ttlMs: 5000, now: () => now });
    await Promise.all([cached.query('up', 1), cached.query('up', 1)]);
    await cached.query('up', 1);
    expect(inner.calls).toBe(1);
    await cached.query('up', 2);
    expect(inner.calls).toBe(2);
    now = 6000;
    await cached.query('up', 1);
    expect(inner.calls).toBe(3);
  });

  it('never caches a failure', async () => {
    const inner = counting(async (n) => {
      if (n === 1) throw new Error('down');
      return [];
    });
    const cached = withCache(inner, { ttlMs: 5000 });
    await expect(cached.query('up', 1)).rejects.toThrow('down');
    await expect(cached.query('up', 1)).resolves.toEqual([]);
    expect(inner.calls).toBe(2);
  });

  it('lets one caller abort without failing the others', async () => {
    let release: () => void = () => undefined;
    const inner = counting(() => new Promise((resolve) => (release = () => resolve([]))));
    const cached = withCache(inner, { ttlMs: 5000 });
    const controller = new AbortController();
    const a = cached.query('up', 1, controller.signal);
    const b = cached.query('up', 1);
    controller.abort(new Error('left'));
    release();
    await expect(a).rejects.toThrow('left');
    await expect(b).resolves.toEqual([]);
  });
});

describe('withCache cancellation', () => {
  it('cancels the shared upstream request once every caller has gone away, and asks again afterwards', async () => {
    const upstreamSignals: AbortSignal[] = [];
    const inner: PrometheusClient = {
      query: (_promql, _time, signal) =>
        new Promise((_resolve, reject) => {
          if (signal) upstreamSignals.push(signal);
          signal?.addEventListener('abort', () => reject(signal.reason));
        }),
      queryRange: () => Promise.resolve([]),
    };
    const cached = withCache(inner, { ttlMs: 5000 });
    const first = new AbortController();
    const second = new AbortController();
    const a = cached.query('up', 1, first.signal);
    const b = cached.query('up', 1, second.signal);
    first.abort(new Error('tab closed'));
    await expect(a).rejects.toThrow('tab closed');
    expect(upstreamSignals[0]?.aborted).toBe(false);
    second.abort(new Error('tab closed too'));
    await expect(b).rejects.toThrow('tab closed too');
    expect(upstreamSignals[0]?.aborted).toBe(true);
    void cached.query('up', 1).catch(() => undefined);
    expect(upstreamSignals).toHaveLength(2);
  });
});

describe('withCache without a TTL', () => {
  it('sends every query, and still remembers the oldest sample for a minute', async () => {
    let queries = 0;
    let oldestAsked = 0;
    const client: PrometheusClient = {
      query: async () => (queries++, []),
      queryRange: async () => [],
      oldestSampleTime: async () => (oldestAsked++, 1000),
    };
    let clock = 0;
    const cached = withCache(client, { ttlMs: 0, now: () => clock });
    await Promise.all([cached.query('up', 1), cached.query('up', 1)]);
    expect(queries).toBe(2);
    expect(await cached.oldestSampleTime?.()).toBe(1000);
    expect(await cached.oldestSampleTime?.()).toBe(1000);
    expect(oldestAsked).toBe(1);
    clock = 61_000;
    await cached.oldestSampleTime?.();
    expect(oldestAsked).toBe(2);
  });
});

describe('withCache and the settings of Prometheus (oldest sample, retention)', () => {
  /** A client whose oldest-sample reads wait for release(); each read's signal is kept. */
  function slowOldest() {
    const signals: AbortSignal[] = [];
    let release: (time: number) => void = () => undefined;
    let fail: (err: Error) => void = () => undefined;
    const client: PrometheusClient = {
      query: async () => [],
      queryRange: async () => [],
      oldestSampleTime: (signal) => {
        if (signal) signals.push(signal);
        return new Promise<number>((resolve, reject) => {
          release = resolve;
          fail = reject;
          signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
        });
      },
      retentionSeconds: async () => 86_400,
    };
    return { client, signals, release: (t: number) => release(t), fail: (e: Error) => fail(e) };
  }

  it('asks once for a hundred concurrent graphs, then remembers the answer for a minute', async () => {
    const slow = slowOldest();
    let clock = 0;
    const cached = withCache(slow.client, { ttlMs: 0, now: () => clock });
    const callers = Array.from({ length: 100 }, () => cached.oldestSampleTime?.(new AbortController().signal));
    slow.release(1000);
    expect(await Promise.all(callers)).toEqual(Array.from({ length: 100 }, () => 1000));
    expect(slow.signals).toHaveLength(1);
    expect(await cached.oldestSampleTime?.()).toBe(1000);
    expect(slow.signals).toHaveLength(1);
    clock = 61_000;
    const again = cached.oldestSampleTime?.();
    slow.release(2000);
    expect(await again).toBe(2000);
    expect(slow.signals).toHaveLength(2);
  });

  it('one caller leaving does not cancel the others; the request stops when every caller has gone', async () => {
    const slow = slowOldest();
    const cached = withCache(slow.client, { ttlMs: 5000 });
    const [a, b] = [new AbortController(), new AbortController()];
    const first = cached.oldestSampleTime?.(a.signal);
    const second = cached.oldestSampleTime?.(b.signal);
    a.abort(new Error('tab closed'));
    await expect(first).rejects.toThrow('tab closed');
    expect(slow.signals[0]?.aborted).toBe(false);
    b.abort(new Error('tab closed'));
    await expect(second).rejects.toThrow('tab closed');
    expect(slow.signals[0]?.aborted).toBe(true);
    // Nothing was kept: the next caller asks anew.
    const third = cached.oldestSampleTime?.();
    slow.release(3000);
    expect(await third).toBe(3000);
    expect(slow.signals).toHaveLength(2);
  });

  it('keeps no failure', async () => {
    const slow = slowOldest();
    const cached = withCache(slow.client, { ttlMs: 5000 });
    const failing = cached.oldestSampleTime?.();
    slow.fail(new Error('unreachable'));
    await expect(failing).rejects.toThrow('unreachable');
    const next = cached.oldestSampleTime?.();
    slow.release(4000);
    expect(await next).toBe(4000);
    expect(slow.signals).toHaveLength(2);
    expect(await cached.retentionSeconds?.()).toBe(86_400);
  });
});

describe('withCache and answers read as columns', () => {
  const columns = { labels: [['a\u007fb']], values: [1] };
  function columnClient() {
    const calls = { query: 0, columns: [] as string[][] };
    const client: PrometheusClient = {
      query: async () => {
        calls.query++;
        return [];
      },
      queryColumns: async (_promql, _time, names) => {
        calls.columns.push([...names]);
        return columns;
      },
      queryRange: () => Promise.resolve([]),
    };
    return { client, calls };
  }

  it('keeps queryColumns (the metrics source reads recorded answers in place only through it)', async () => {
    const { client, calls } = columnClient();
    const cached = withCache(client, { ttlMs: 5000 });
    expect(cached.queryColumns).toBeTypeOf('function');
    await expect(cached.queryColumns?.('q', 1, ['edge'])).resolves.toBe(columns);
    expect(calls).toEqual({ query: 0, columns: [['edge']] });
    // Without a TTL too: every call goes through.
    const uncached = withCache(client, { ttlMs: 0 });
    await uncached.queryColumns?.('q', 1, ['edge']);
    expect(calls.columns).toHaveLength(2);
  });

  it('shares a columns answer between identical calls, apart from the whole answer and from other columns', async () => {
    const { client, calls } = columnClient();
    const cached = withCache(client, { ttlMs: 5000 });
    await Promise.all([cached.queryColumns?.('q', 1, ['edge']), cached.queryColumns?.('q', 1, ['edge'])]);
    expect(calls.columns).toHaveLength(1);
    await cached.queryColumns?.('q', 1, ['edge', 'other']);
    expect(calls.columns).toHaveLength(2);
    await expect(cached.query('q', 1)).resolves.toEqual([]);
    expect(calls.query).toBe(1);
  });

  it('has no queryColumns when the client has none', () => {
    expect(withCache(counting(async () => []), { ttlMs: 5000 }).queryColumns).toBeUndefined();
  });
});
