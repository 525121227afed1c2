// WATCH: chunked newline-delimited JSON events. Starts with synthetic ADDED events (no
// resourceVersion or "0"), or resumes from store.eventsSince (an ERROR event carrying a 410
// Expired Status when the history no longer reaches back), then streams store.subscribe live.
import type { ServerResponse } from 'node:http';
import { GoneError, type KubeObject, type ObjectStore, type WatchEvent } from '../store';
import { present, type ServedType } from './catalog';
import { objectKey } from './reads';
import { apiVersionOf } from './resources';
import { matchesFilter, parseFilter, isEmptyFilter, type ObjectFilter } from './selectors';
import { KubeStatusError, statusErrors } from './status';

export interface WatchOptions {
  /** How often a watch that allows bookmarks gets one (a real server: about a minute). */
  bookmarkIntervalMs: number;
  /** Server-side watch lifetime when the client sends no timeoutSeconds (a real server: 30-60 min). */
  defaultTimeoutSeconds: number;
}

/** Open watch streams, so an API server "restart" can end them all. */
export class WatchRegistry {
  private readonly open = new Set<() => void>();
  add(end: () => void): () => void {
    this.open.add(end);
    return () => this.open.delete(end);
  }
  dropAll(): void {
    for (const end of [...this.open]) end();
  }
  count(): number {
    return this.open.size;
  }
}

interface WatchRequest {
  store: ObjectStore;
  served: ServedType;
  namespace: string | undefined;
  params: URLSearchParams;
  res: ServerResponse;
  registry: WatchRegistry;
  options: WatchOptions;
}

type OutEvent = { type: 'ADDED' | 'MODIFIED' | 'DELETED'; object: KubeObject } | { type: 'BOOKMARK' | 'ERROR'; object: unknown };

/** Turns store events into what this watch shows: selector transitions become ADDED/DELETED like the watch cache does. */
class EventView {
  private readonly visible = new Set<string>();
  constructor(
    private readonly served: ServedType,
    private readonly namespace: string | undefined,
    private readonly filter: ObjectFilter,
  ) {}

  matches(obj: KubeObject): boolean {
    return matchesFilter(this.filter, obj);
  }

  markVisible(obj: KubeObject): void {
    this.visible.add(objectKey(obj));
  }

  view(event: WatchEvent): OutEvent | undefined {
    const obj = event.object;
    if (this.namespace && obj.metadata.namespace !== this.namespace) return undefined;
    const out = present(this.served, obj);
    if (isEmptyFilter(this.filter)) return { type: event.type, object: out };
    const key = objectKey(obj);
    const was = this.visible.has(key);
    const matches = event.type !== 'DELETED' && matchesFilter(this.filter, obj);
    if (matches) this.visible.add(key);
    else this.visible.delete(key);
    if (event.type === 'DELETED') return was ? { type: 'DELETED', object: out } : undefined;
    if (matches) return { type: was ? 'MODIFIED' : 'ADDED', object: out };
    return was ? { type: 'DELETED', object: out } : undefined;
  }
}

function parseTimeout(params: URLSearchParams, fallback: number): number {
  const raw = params.get('timeoutSeconds');
  if (raw === null || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw statusErrors.badRequest(`timeoutSeconds: Invalid value: "${raw}": must be a non-negative integer`);
  return Number(raw) === 0 ? fallback : Number(raw);
}

/** The starting events, or the Status error to send as an ERROR event. */
function startingEvents(req: WatchRequest, view: EventView): { events: OutEvent[]; error?: KubeStatusError } {
  const { store, served, namespace, params } = req;
  const rv = params.get('resourceVersion') ?? '';
  if (rv === '' || rv === '0' || params.get('sendInitialEvents') === 'true') {
    const events: OutEvent[] = [];
    for (const obj of store.list(served.storageKey, namespace)) {
      const out = view.view({ type: 'ADDED', object: obj });
      if (out) events.push(out);
    }
    return { events };
  }
  if (!/^\d+$/.test(rv)) throw statusErrors.badRequest(`invalid resource version "${rv}"`);
  const current = Number(store.currentResourceVersion());
  if (Number(rv) > current) return { events: [], error: statusErrors.timeout(`Too large resource version: ${rv}, current: ${current}`) };
  try {
    const replay = store.eventsSince(served.storageKey, Number(rv), namespace);
    for (const obj of store.list(served.storageKey, namespace)) if (view.matches(obj)) view.markVisible(obj);
    for (const e of replay) view.markVisible(e.object);
    return { events: replay.map((e) => view.view(e)).filter((e): e is OutEvent => e !== undefined) };
  } catch (err) {
    if (err instanceof GoneError) return { events: [], error: statusErrors.expired(`too old resource version: ${rv} (${store.oldestResumableVersion()})`) };
    throw err;
  }
}

export function serveWatch(req: WatchRequest): void {
  const { store, served, params, res, registry, options } = req;
  const filter = parseFilter(params, served.type);
  const timeoutSeconds = parseTimeout(params, options.defaultTimeoutSeconds);
  const bookmarks = params.get('allowWatchBookmarks') === 'true' || params.get('allowWatchBookmarks') === '1';
  const view = new EventView(served, req.namespace, filter);
  const start = startingEvents(req, view);

  res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private', 'Transfer-Encoding': 'chunked' });
  res.flushHeaders();
  const write = (event: OutEvent): void => {
    if (!res.writableEnded) res.write(`${JSON.stringify(event)}\n`);
  };
  if (start.error) {
    write({ type: 'ERROR', object: start.error.toStatus() });
    res.end();
    return;
  }
  const bookmark = (annotations?: Record<string, string>): OutEvent => ({
    type: 'BOOKMARK',
    object: {
      kind: served.type.kind,
      apiVersion: apiVersionOf(served.type),
      metadata: { resourceVersion: store.currentResourceVersion(), ...(annotations ? { annotations } : {}) },
    },
  });
  for (const e of start.events) write(e);
  if (params.get('sendInitialEvents') === 'true' && bookmarks) write(bookmark({ 'k8s.io/initial-events-end': 'true' }));

  const unsubscribe = store.subscribe((key, event) => {
    if (key !== served.storageKey) return;
    const out = view.view(event);
    if (out) write(out);
  });
  const ticker = bookmarks ? setInterval(() => write(bookmark()), options.bookmarkIntervalMs) : undefined;
  const timer = setTimeout(() => {
    if (bookmarks) write(bookmark());
    res.end();
  }, timeoutSeconds * 1000);
  const cleanup = (): void => {
    unsubscribe();
    if (ticker) clearInterval(ticker);
    clearTimeout(timer);
    unregister();
  };
  const unregister = registry.add(() => {
    cleanup();
    res.end();
  });
  res.on('close', cleanup);
}
