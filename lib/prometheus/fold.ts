import type { MetricsQueries, TrafficQuery, TrafficSamples } from '@/lib/graph/samples';

// Concurrent graphs of different namespaces, asked about the same window, from one set of queries.
// A team opening 100 single-namespace views at once sent 100 x 4 queries, each walking the same
// series indexes; here the first goes alone and those arriving while it is in flight wait a few
// milliseconds to be sent together, as one set of queries over the union of their namespaces, whose
// answer each caller then filters down to its own (byNamespace). Exact because every graph query
// keeps the namespaces in its group-by and selects by the same rule (graph-queries.ts,
// recorded-queries.ts): an edge of R is one whose client or server workload is in R, or (ztunnel's
// TCP only) a call from elsewhere to a service of R that no workload answered; a query over a wider
// set returns the same series for those edges (the ztunnel view it chose for an edge of R is the one
// R alone gets). A union that fails (an answer cap, a timeout) is asked again by each caller alone.
// Not folded: the Envoy sidecar queries' latency (its unserviced-call branch sums histograms across
// service namespaces that the answer no longer names), so a window with sidecar series goes alone.

/** The samples a query of `namespaces` alone would have returned, from a query over a superset. Pure. */
export function samplesWithin(samples: TrafficSamples, namespaces: readonly string[]): TrafficSamples {
  return byNamespace(samples)(namespaces);
}

/**
 * samplesWithin for many namespace sets over one answer: each sample is filed once under the
 * namespaces that bring it into a graph (its client's, its server's, and for an unserviced TCP call
 * its service's), so a caller's share costs its own samples, not a pass over the whole answer (100
 * single-namespace callers over a 5,000-workload answer: 3.6 million tests otherwise). Samples keep
 * the answer's order.
 */
export function byNamespace(samples: TrafficSamples): (namespaces: readonly string[]) => TrafficSamples {
  type Edge = { source: { namespace: string }; destination: { namespace: string; serviceNamespace?: string } };
  const file = <T extends Edge>(list: readonly T[], unserviced: boolean) => {
    const buckets = new Map<string, number[]>();
    const put = (ns: string, i: number) => {
      const b = buckets.get(ns);
      if (!b) buckets.set(ns, [i]);
      else if (b[b.length - 1] !== i) b.push(i);
    };
    list.forEach((s, i) => {
      put(s.source.namespace, i);
      put(s.destination.namespace, i);
      const service = s.destination.serviceNamespace;
      if (unserviced && s.destination.namespace === 'unknown' && service !== undefined) put(service, i);
    });
    return (namespaces: readonly string[]): T[] => {
      if (namespaces.length === 1) return (buckets.get(namespaces[0] as string) ?? []).map((i) => list[i] as T);
      const picked = new Set<number>();
      for (const ns of namespaces) for (const i of buckets.get(ns) ?? []) picked.add(i);
      return [...picked].sort((a, b) => a - b).map((i) => list[i] as T);
    };
  };
  // Only the ztunnel queries select unserviced calls into R (a client elsewhere calling R's service
  // that no workload answered); the waypoint's HTTP and latency queries select by workloads alone.
  const tcp = file(samples.tcp, true);
  const http = file(samples.http, false);
  const latency = file(samples.latency, false);
  return (namespaces) => ({
    tcp: tcp(namespaces),
    http: http(namespaces),
    latency: latency(namespaces),
    ...(samples.queries ? { queries: samples.queries } : {}),
  });
}

/** Whether queries chosen for these families can be folded (see above). */
export function foldable(query: TrafficQuery, families: MetricsQueries): boolean {
  return query.namespaces.length > 0 && (families.skipped ?? []).includes('sidecar');
}

export type FetchSamples = (query: TrafficQuery, families: MetricsQueries, signal: AbortSignal) => Promise<TrafficSamples>;

interface Waiter {
  query: TrafficQuery;
  /** Settle once; both stop listening to the caller's signal. */
  resolve(samples: TrafficSamples): void;
  reject(err: unknown): void;
  signal?: AbortSignal;
}

interface Batch {
  query: TrafficQuery;
  families: MetricsQueries;
  namespaces: Set<string>;
  waiters: Waiter[];
  sent: boolean;
}

export interface FoldOptions {
  /** How long a batch stays open for more callers once it has one. */
  waitMs?: number;
  /** A batch is sent once its union reaches this many namespaces (a larger one starts the next). */
  maxNamespaces?: number;
}

/** fetch, with concurrent calls for one window folded as above. */
export function createFolder(fetch: FetchSamples, options: FoldOptions = {}) {
  const waitMs = options.waitMs ?? 10;
  const maxNamespaces = options.maxNamespaces ?? 200;
  const inFlight = new Map<string, number>();
  const open = new Map<string, Batch>();

  const windowKey = (query: TrafficQuery, families: MetricsQueries) => JSON.stringify([query.duration, query.queryTime, families]);

  /** Runs fetch counted as in flight for its window; `controller` aborts it. */
  function run(key: string, query: TrafficQuery, families: MetricsQueries, controller: AbortController): Promise<TrafficSamples> {
    inFlight.set(key, (inFlight.get(key) ?? 0) + 1);
    const done = () => {
      const n = (inFlight.get(key) ?? 1) - 1;
      if (n > 0) inFlight.set(key, n);
      else inFlight.delete(key);
    };
    const p = fetch(query, families, controller.signal);
    p.then(done, done);
    return p;
  }

  /** One caller's own queries, cancelled when it leaves. */
  function alone(key: string, query: TrafficQuery, families: MetricsQueries, signal?: AbortSignal): Promise<TrafficSamples> {
    const controller = new AbortController();
    if (signal?.aborted) controller.abort(signal.reason);
    const onAbort = () => controller.abort(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    const p = run(key, query, families, controller);
    const detach = () => signal?.removeEventListener('abort', onAbort);
    p.then(detach, detach);
    return p;
  }

  function send(key: string, batch: Batch): void {
    if (batch.sent) return;
    batch.sent = true;
    if (open.get(key) === batch) open.delete(key);
    const live = batch.waiters.filter((w) => !w.signal?.aborted);
    if (live.length === 0) return;
    const controller = new AbortController();
    // The queries stop when every caller of the batch has gone.
    let waiting = live.length;
    const onAbort = (reason: unknown) => () => {
      waiting -= 1;
      if (waiting === 0) controller.abort(reason);
    };
    const listeners = live.map((w) => {
      const listener = onAbort(w.signal?.reason);
      w.signal?.addEventListener('abort', listener, { once: true });
      return () => w.signal?.removeEventListener('abort', listener);
    });
    run(key, { ...batch.query, namespaces: [...batch.namespaces].sort() }, batch.families, controller).then(
      (samples) => {
        for (const detach of listeners) detach();
        const within = byNamespace(samples);
        for (const w of live) if (!w.signal?.aborted) w.resolve(within(w.query.namespaces));
      },
      (err: unknown) => {
        for (const detach of listeners) detach();
        // A union can fail where each part would not (the answer caps, a timeout): each caller then
        // asks alone, and gets its own answer or its own error.
        for (const w of live) {
          if (w.signal?.aborted) continue;
          if (live.length === 1) w.reject(err);
          else alone(key, w.query, batch.families, w.signal).then(w.resolve, w.reject);
        }
      },
    );
  }

  return function samples(query: TrafficQuery, families: MetricsQueries, signal?: AbortSignal): Promise<TrafficSamples> {
    const key = windowKey(query, families);
    if (!foldable(query, families) || (!inFlight.get(key) && !open.has(key))) return alone(key, query, families, signal);
    return new Promise<TrafficSamples>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const onAbort = () => reject(signal?.reason);
      signal?.addEventListener('abort', onAbort, { once: true });
      const detach = () => signal?.removeEventListener('abort', onAbort);
      const waiter: Waiter = {
        query,
        resolve: (v) => (detach(), resolve(v)),
        reject: (e) => (detach(), reject(e)),
        ...(signal ? { signal } : {}),
      };
      let batch = open.get(key);
      if (batch && batch.namespaces.size + query.namespaces.length > maxNamespaces) {
        send(key, batch);
        batch = undefined;
      }
      if (!batch) {
        const created: Batch = { query, families, namespaces: new Set(), waiters: [], sent: false };
        open.set(key, created);
        setTimeout(() => send(key, created), waitMs);
        batch = created;
      }
      for (const n of query.namespaces) batch.namespaces.add(n);
      batch.waiters.push(waiter);
    });
  };
}
