import type { PrometheusClient } from './client';

// A short-TTL cache in front of a client. Identical (query, time) pairs within the TTL share one
// answer, and concurrent identical calls share one request (a TTL of 0 sends every query). Failures
// are never cached. Answers read as columns (queryColumns, for the recorded edge answers) are cached
// beside the whole ones, under the columns asked for: the two are different readings of one text.
// The retention and the oldest sample are remembered whatever the TTL, and asked once for
// concurrent callers (every graph asks for the oldest sample: when it is due again, a team's 100
// graphs sent 100 reads of Prometheus's /metrics).
// The shared request is cancelled when every caller waiting on it has gone away (closed browser
// tabs must not keep Prometheus busy); one caller leaving never fails the others.

export interface CacheOptions {
  ttlMs: number;
  maxEntries?: number;
  now?: () => number;
}

const RETENTION_TTL_MS = 10 * 60_000;
/** The oldest sample moves as retention deletes blocks (every two hours at most): a minute is fresh enough. */
const OLDEST_TTL_MS = 60_000;

interface Entry {
  expires: number;
  answer: Promise<unknown>;
  upstream: AbortController;
  /** Callers still waiting; Infinity once a caller that cannot abort (no signal) joined. */
  waiters: number;
  settled: boolean;
}

export function withCache(client: PrometheusClient, options: CacheOptions): PrometheusClient {
  const now = options.now ?? Date.now;
  const maxEntries = options.maxEntries ?? 500;
  const entries = new Map<string, Entry>();

  const leave = (key: string, entry: Entry) => {
    entry.waiters -= 1;
    if (entry.waiters > 0 || entry.settled) return;
    if (entries.get(key) === entry) entries.delete(key);
    entry.upstream.abort(new DOMException('every caller went away', 'AbortError'));
  };

  const retentionSeconds = client.retentionSeconds?.bind(client);
  const oldestSampleTime = client.oldestSampleTime?.bind(client);

  const queryColumns = client.queryColumns?.bind(client);

  /**
   * The answer under `key`: kept for ttlMs (a failure not at all), one request for concurrent callers,
   * cancelled when all have gone. Queries use the cache's TTL; the settings of Prometheus (retention,
   * oldest sample) their own, whatever the cache's.
   */
  function shared<T>(key: string, ask: (upstream?: AbortSignal) => Promise<T>, signal?: AbortSignal, ttlMs = options.ttlMs): Promise<T> {
    // No TTL: every query reaches Prometheus (the settings are still remembered).
    if (ttlMs <= 0) return ask(signal);
    const at = now();
    let entry = entries.get(key);
    if (!entry || entry.expires <= at) {
      if (entries.size >= maxEntries) {
        for (const [k, e] of entries) if (e.expires <= at) entries.delete(k);
        while (entries.size >= maxEntries) entries.delete(entries.keys().next().value as string);
      }
      const upstream = new AbortController();
      const created: Entry = { expires: at + ttlMs, answer: ask(upstream.signal), upstream, waiters: 0, settled: false };
      const settle = () => {
        created.settled = true;
      };
      created.answer.then(settle, () => {
        settle();
        if (entries.get(key) === created) entries.delete(key);
      });
      entries.set(key, created);
      entry = created;
    }
    const answer = entry.answer as Promise<T>;
    if (!signal) {
      entry.waiters = Infinity;
      return answer;
    }
    if (signal.aborted) return Promise.reject(signal.reason);
    entry.waiters += 1;
    const joined = entry;
    return joinUntilAbort(answer, signal, () => leave(key, joined));
  }

  return {
    // Keys no query has: a query's key starts with its time.
    ...(oldestSampleTime ? { oldestSampleTime: (signal?: AbortSignal) => shared('oldest-sample', oldestSampleTime, signal, OLDEST_TTL_MS) } : {}),
    ...(retentionSeconds ? { retentionSeconds: (signal?: AbortSignal) => shared('retention', retentionSeconds, signal, RETENTION_TTL_MS) } : {}),
    query: (promql, time, signal) => shared(`${time}\n${promql}`, (upstream) => client.query(promql, time, upstream), signal),
    // Forwarded only when the client has it: without it, the metrics source reads whole answers.
    ...(queryColumns
      ? {
          queryColumns: (promql: string, time: number, names: readonly string[], signal?: AbortSignal) =>
            shared(`${time}\n${promql}\ncolumns:${names.join(',')}`, (upstream) => queryColumns(promql, time, names, upstream), signal),
        }
      : {}),
    // Range answers are per selection and per window: not worth sharing.
    queryRange: (promql, range, signal) => client.queryRange(promql, range, signal),
  };
}

/** The shared answer, or the caller's abort first; `left` runs once when the caller stops waiting early. */
function joinUntilAbort<T>(promise: Promise<T>, signal: AbortSignal, left: () => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      reject(signal.reason);
      left();
    };
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}
