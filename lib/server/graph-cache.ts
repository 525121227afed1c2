import 'server-only';
import { createHash } from 'node:crypto';
import { gzip } from 'node:zlib';
import { promisify } from 'node:util';
import type { MeshGraph } from '@/lib/graph/model';
import type { GraphParams } from '@/lib/graph/query';
import type { GraphPhases, GraphViewer } from './graph';

// The finished /api/graph answer, shared. A 5,000-workload graph costs ~1.5 s of CPU to build and
// ~35 ms to gzip; a team looking at the same view must pay that once, not once per browser.
// - Key: the query (queryTime aligned down to a bucket of about one scrape interval, so "now" is
//   the same instant for everyone within it), the caller's rights (the set of namespaces they may
//   see, never shared across different sets) and the inventory's graph version (a digest of what
//   the graph reads from Kubernetes: enrollment, waypoints, workloads and services; a pod's status
//   or IP alone does not move it, ./inventory-version.ts).
// - Single flight: concurrent callers of one key wait for one build. A caller going away does not
//   cancel the build the others wait for; it only stops waiting. The last one going away cancels
//   the upstream queries (a closed tab must not keep Prometheus busy).
// - At most `maxBuilds` builds (build, JSON, gzip: the CPU and the whole-graph memory) run at once;
//   the wait on Prometheus and the inventory before them is not bounded here, so a slow upstream
//   answer for one view never queues another view's build behind it.
// - What is kept is the gzipped JSON (about a seventeenth of the JSON), so a hit costs no serialisation.
//   Level 3, not zlib's default 6: on a 5,000-workload graph (11.8 MB of JSON) 34 ms instead of 100
//   ms, for 495 KB instead of 373 KB, and the gzip is on the cold request's path.

export interface GraphAnswer {
  /** The MeshGraph as gzipped JSON. */
  gzip: Buffer;
  /** Bytes of the JSON before compression. */
  jsonBytes: number;
  /** The aligned instant the graph was evaluated at. */
  queryTime: number;
}

export type GraphAnswerService = (query: GraphParams, viewer?: GraphViewer, signal?: AbortSignal) => Promise<GraphAnswer>;

export interface GraphCacheOptions {
  /** Gathers (I/O, unbounded) then builds (bounded) the graph for an aligned query; gather's signal aborts when no caller waits any more. */
  phases: GraphPhases;
  /** Seconds; queryTime is aligned down to a multiple of it (about the scrape interval). */
  bucketSeconds: number;
  /** Changes whenever the inventory changes in a way the graph shows; undefined: unknown. */
  inventoryVersion?: () => Promise<string | undefined>;
  maxEntries?: number;
  maxBuilds?: number;
  now?: () => number;
}

const gzipAsync = promisify(gzip);

/** queryTime aligned down to the bucket: every caller within one bucket asks about the same instant. */
export function alignQueryTime(queryTime: number, bucketSeconds: number): number {
  return bucketSeconds > 1 ? Math.floor(queryTime / bucketSeconds) * bucketSeconds : queryTime;
}

/** The rights part of the key: 'all', or a digest of the sorted accessible set. */
export function rightsKey(viewer: GraphViewer): string {
  if (!viewer.accessibleNamespaces) return 'all';
  const sorted = JSON.stringify([...viewer.accessibleNamespaces].sort());
  return `ns:${createHash('sha256').update(sorted).digest('base64url')}`;
}

export function graphCacheKey(query: GraphParams, viewer: GraphViewer, inventoryVersion: string | undefined): string {
  return JSON.stringify([
    query.graphType, query.duration, query.queryTime, query.idle, query.waypoints, [...query.namespaces].sort(),
    query.focus ?? null, rightsKey(viewer), inventoryVersion ?? null,
  ]);
}

/** A counting semaphore: run(task) waits for a free slot, in arrival order. */
export function createSemaphore(slots: number) {
  let free = slots;
  const waiting: (() => void)[] = [];
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else free += 1;
  };
  return {
    async run<T>(task: () => Promise<T>): Promise<T> {
      if (free > 0) free -= 1;
      else await new Promise<void>((resolve) => waiting.push(resolve));
      try {
        return await task();
      } finally {
        release();
      }
    },
    get inFlight() {
      return slots - free;
    },
    get queued() {
      return waiting.length;
    },
  };
}

export interface GraphCacheStats {
  builds: number;
  hits: number;
  joined: number;
}

interface Entry {
  answer: Promise<GraphAnswer>;
  /** Infinity while the build runs (callers join it), then when the answer stops being served. */
  expires: number;
  /** Callers still waiting for a running build; the last one leaving cancels it. */
  waiting: number;
  cancel: AbortController;
}

export function createGraphCache(options: GraphCacheOptions): GraphAnswerService & { stats: GraphCacheStats; clear(): void } {
  const maxEntries = options.maxEntries ?? 64;
  const now = options.now ?? Date.now;
  const semaphore = createSemaphore(options.maxBuilds ?? 2);
  // Map order is insertion order: re-inserting on a hit makes it an LRU.
  const entries = new Map<string, Entry>();
  const stats: GraphCacheStats = { builds: 0, hits: 0, joined: 0 };
  // A bucket's answer may still change while the bucket is "now" (late scrapes): keep an entry
  // for two buckets past its instant, long enough for every refresh within the bucket.
  const keepMs = Math.max(options.bucketSeconds, 1) * 2000;

  /** The shared answer, or the caller's abort, whichever comes first. */
  function waitFor(key: string, entry: Entry, signal?: AbortSignal): Promise<GraphAnswer> {
    if (!signal) {
      entry.waiting += 1;
      return entry.answer;
    }
    if (signal.aborted) return Promise.reject(signal.reason);
    entry.waiting += 1;
    return new Promise<GraphAnswer>((resolve, reject) => {
      const onAbort = () => {
        reject(signal.reason);
        entry.waiting -= 1;
        // Nobody waits for this build any more: let go of its Prometheus queries.
        if (entry.waiting === 0 && entry.expires === Number.POSITIVE_INFINITY) {
          entry.cancel.abort(signal.reason);
          if (entries.get(key) === entry) entries.delete(key);
        }
      };
      signal.addEventListener('abort', onAbort, { once: true });
      entry.answer.then(
        (v) => {
          signal.removeEventListener('abort', onAbort);
          resolve(v);
        },
        (e: unknown) => {
          signal.removeEventListener('abort', onAbort);
          reject(e);
        },
      );
    });
  }

  const service = async (query: GraphParams, viewer: GraphViewer = {}, signal?: AbortSignal): Promise<GraphAnswer> => {
    const aligned: GraphParams = { ...query, queryTime: alignQueryTime(query.queryTime, options.bucketSeconds) };
    // An inventory that cannot say its version: the key holds no version, entries still expire by the bucket.
    const version = options.inventoryVersion ? await options.inventoryVersion().catch(() => undefined) : undefined;
    signal?.throwIfAborted();
    const key = graphCacheKey(aligned, viewer, version);
    const hit = entries.get(key);
    if (hit && hit.expires > now()) {
      entries.delete(key);
      entries.set(key, hit);
      if (hit.expires === Number.POSITIVE_INFINITY) stats.joined += 1;
      else stats.hits += 1;
      return waitFor(key, hit, signal);
    }
    stats.builds += 1;
    const cancel = new AbortController();
    // The wait on Prometheus and the inventory is not bounded; only the build after it is.
    const answer = options.phases.gather(aligned, viewer, cancel.signal).then((inputs) =>
      semaphore.run(async (): Promise<GraphAnswer> => {
        cancel.signal.throwIfAborted();
        const graph: MeshGraph = options.phases.build(inputs);
        const json = Buffer.from(JSON.stringify(graph));
        return { gzip: await gzipAsync(json, { level: 3 }), jsonBytes: json.length, queryTime: aligned.queryTime };
      }),
    );
    // An entry lives while its build runs (single flight) and `keepMs` after; failures are dropped.
    const entry: Entry = { answer, expires: Number.POSITIVE_INFINITY, waiting: 0, cancel };
    entries.set(key, entry);
    answer.then(
      () => {
        entry.expires = now() + keepMs;
      },
      () => {
        if (entries.get(key) === entry) entries.delete(key);
      },
    );
    while (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
    return waitFor(key, entry, signal);
  };

  return Object.assign(service, {
    stats,
    clear: () => entries.clear(),
  });
}
