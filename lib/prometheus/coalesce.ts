import type { MetricsSource, TrafficQuery, TrafficSamples } from '@/lib/graph/samples';

// Concurrent identical samples() calls share one upstream call. The Prometheus source gets this
// from its query cache (./cache.ts); the demo's simulator source had nothing, so N browsers asking
// for the same view made N calls. The shared call is not tied to one caller's signal: a caller
// going away only stops waiting.

export function coalesceSamples(source: MetricsSource): MetricsSource {
  const inFlight = new Map<string, Promise<TrafficSamples>>();
  const key = (q: TrafficQuery) => `${q.duration}|${q.queryTime}|${[...q.namespaces].sort().join(',')}`;
  return {
    ...source,
    kind: source.kind,
    samples(query, signal) {
      const k = key(query);
      let shared = inFlight.get(k);
      if (!shared) {
        shared = source.samples(query);
        inFlight.set(k, shared);
        const done = () => inFlight.delete(k);
        shared.then(done, done);
      }
      if (!signal) return shared;
      if (signal.aborted) return Promise.reject(signal.reason);
      return new Promise<TrafficSamples>((resolve, reject) => {
        const onAbort = () => reject(signal.reason);
        signal.addEventListener('abort', onAbort, { once: true });
        shared.then(
          (v) => (signal.removeEventListener('abort', onAbort), resolve(v)),
          (e: unknown) => (signal.removeEventListener('abort', onAbort), reject(e)),
        );
      });
    },
  };
}
