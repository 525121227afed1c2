import type { PrometheusClient } from './client';

// A short-TTL cache in front of a client. Identical (query, time) pairs within the TTL share one
// answer, and concurrent identical calls share one request. Failures are never cached.

export interface CacheOptions {
  ttlMs: number;
  maxEntries?: number;
  now?: () => number;
}

export function withCache(client: PrometheusClient, options: CacheOptions): PrometheusClient {
  const now = options.now ?? Date.now;
  const maxEntries = options.maxEntries ?? 500;
  const entries = new Map<string, { expires: number; answer: ReturnType<PrometheusClient['query']> }>();

  return {
    query(promql, time, signal) {
      const key = `${time}\n${promql}`;
      const at = now();
      const hit = entries.get(key);
      if (hit && hit.expires > at) return hit.answer;
      if (entries.size >= maxEntries) {
        for (const [k, e] of entries) if (e.expires <= at) entries.delete(k);
        while (entries.size >= maxEntries) entries.delete(entries.keys().next().value as string);
      }
      // The shared request is not tied to one caller's signal: one caller going away must not fail the others.
      const answer = client.query(promql, time);
      entries.set(key, { expires: at + options.ttlMs, answer });
      answer.catch(() => {
        if (entries.get(key)?.answer === answer) entries.delete(key);
      });
      return signal ? raceAbort(answer, signal) : answer;
    },
    // Range answers are per selection and per window: not worth sharing.
    queryRange: (promql, range, signal) => client.queryRange(promql, range, signal),
  };
}

function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
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
