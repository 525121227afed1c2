import 'server-only';
import { createHash } from 'node:crypto';
import { gzip } from 'node:zlib';
import { promisify } from 'node:util';
import type { MeshGraph } from '@/lib/graph/model';
import type { GraphParams } from '@/lib/graph/query';
import type { GraphService, GraphViewer } from './graph';

// The finished /api/graph answer, shared. A 5,000-workload graph costs ~1.5 s of CPU to build and
// ~100 ms to gzip; a team looking at the same view must pay that once, not once per browser.
// - Key: the query (queryTime aligned down to a bucket of about one scrape interval, so "now" is
//   the same instant for everyone within it), the caller's rights (the set of namespaces they may
//   see, never shared across different sets) and the inventory's version (a Kubernetes change
//   that could alter the graph, such as enrollment or a waypoint, makes a new key).
// - Single flight: concurrent callers of one key wait for one build. A caller going away does not
//   cancel the build the others wait for; it only stops waiting.
// - At most `maxBuilds` builds run at once (each holds a whole graph in memory); others queue.
// - What is kept is the gzipped JSON (about a tenth of the JSON), so a hit costs no serialisation.

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
  /** Builds the graph for an (aligned) query; called without the caller's signal. */
  build: GraphService;
  /** Seconds; queryTime is aligned down to a multiple of it (about the scrape interval). */
  bucketSeconds: number;
  /** A number that changes whenever the inventory behind the graph changes; undefined: unknown. */
  inventoryVersion?: () => Promise<number | undefined>;
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

export function graphCacheKey(query: GraphParams, viewer: GraphViewer, inventoryVersion: number | undefined): string {
  return [
    query.graphType, query.duration, query.queryTime, query.idle, query.waypoints,
    [...query.namespaces].sort().join(','), rightsKey(viewer), inventoryVersion ?? '-',
  ].join('|');
}

/** A counting semaphore: run(task) waits for a free slot; a waiter whose signal aborts leaves the queue. */
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

export function createGraphCache(options: GraphCacheOptions): GraphAnswerService & { stats: GraphCacheStats; clear(): void } {
  const maxEntries = options.maxEntries ?? 64;
  const now = options.now ?? Date.now;
  const semaphore = createSemaphore(options.maxBuilds ?? 2);
  // Map order is insertion order: re-inserting on a hit makes it an LRU.
  const entries = new Map<string, { answer: Promise<GraphAnswer>; expires: number }>();
  const stats: GraphCacheStats = { builds: 0, hits: 0, joined: 0 };
  // A bucket's answer may still change while the bucket is "now" (late scrapes): keep an entry
  // for two buckets past its instant, long enough for every refresh within the bucket.
  const keepMs = Math.max(options.bucketSeconds, 1) * 2000;

  const service = async (query: GraphParams, viewer: GraphViewer = {}, signal?: AbortSignal): Promise<GraphAnswer> => {
    const aligned: GraphParams = { ...query, queryTime: alignQueryTime(query.queryTime, options.bucketSeconds) };
    const version = options.inventoryVersion ? await options.inventoryVersion().catch(() => undefined) : undefined;
    const key = graphCacheKey(aligned, viewer, version);
    const at = now();
    const hit = entries.get(key);
    if (hit && hit.expires > at) {
      entries.delete(key);
      entries.set(key, hit);
      if (hit.expires === Number.POSITIVE_INFINITY) stats.joined += 1;
      else stats.hits += 1;
      return waitFor(hit.answer, signal);
    }
    const answer = semaphore.run(async () => {
      stats.builds += 1;
      const graph: MeshGraph = await options.build(aligned, viewer);
      const json = Buffer.from(JSON.stringify(graph));
      return { gzip: await gzipAsync(json, { level: 6 }), jsonBytes: json.length, queryTime: aligned.queryTime };
    });
    // An entry lives while its build runs (single flight) and `keepMs` after; failures are dropped.
    const entry = { answer, expires: Number.POSITIVE_INFINITY };
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
    return waitFor(answer, signal);
  };

  return Object.assign(service, {
    stats,
    clear: () => entries.clear(),
  });
}

/** The shared promise, or the caller's abort, whichever comes first. */
function waitFor<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
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
