// List + watch one resource into memory. Relists on 410 Gone, resumes from the last
// resourceVersion after a watch ends, backs off on errors, and records a missing CRD (404)
// or a forbidden resource (403) as a state instead of failing.
import 'server-only';
import { Watch, type KubeConfig } from '@kubernetes/client-node';
import type { KubeObject } from '../types';
import { getJson, KubeHttpError } from './http';
import type { ResourceState } from '../wire/control-plane';
import { collectionPath, type ResourceSpec, type ResourceVersionSpec } from './resources';

export interface ReflectorOptions {
  /** First retry delay after an error; doubles up to maxBackoffMs. */
  minBackoffMs: number;
  maxBackoffMs: number;
  /** How often a missing or forbidden resource is asked again (a CRD may be installed later). */
  recheckMs: number;
  /** Server-side watch lifetime asked for; the watch is then resumed. */
  watchTimeoutSeconds: number;
}

export const defaultReflectorOptions: ReflectorOptions = { minBackoffMs: 500, maxBackoffMs: 30_000, recheckMs: 60_000, watchTimeoutSeconds: 300 };

interface ListBody {
  metadata?: { resourceVersion?: string };
  items?: KubeObject[];
}

type WatchEnd = { kind: 'closed' } | { kind: 'gone' } | { kind: 'error'; error: unknown };

const objectKey = (o: KubeObject) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;

export class Reflector {
  readonly objects = new Map<string, KubeObject>();
  state: ResourceState = { status: 'pending', objects: 0, relists: 0, reconnects: 0 };
  private resourceVersion = '';
  private version: ResourceVersionSpec | undefined;
  private stopped = false;
  private abort: AbortController | undefined;
  private wake: (() => void) | undefined;

  constructor(
    private readonly kc: KubeConfig,
    private readonly spec: ResourceSpec,
    private readonly onChange: () => void,
    private readonly options: ReflectorOptions = defaultReflectorOptions,
  ) {}

  start(): void {
    void this.run();
  }

  stop(): void {
    this.stopped = true;
    this.abort?.abort();
    this.wake?.();
  }

  private async run(): Promise<void> {
    let backoff = this.options.minBackoffMs;
    while (!this.stopped) {
      try {
        if (!this.resourceVersion) {
          const listed = await this.list();
          if (!listed) {
            await this.sleep(this.options.recheckMs);
            continue;
          }
        }
        const started = Date.now();
        const end = await this.watchOnce();
        if (this.stopped) return;
        if (end.kind === 'gone') {
          this.resourceVersion = '';
          continue;
        }
        if (end.kind === 'error') throw end.error;
        this.state = { ...this.state, reconnects: this.state.reconnects + 1, message: undefined };
        backoff = this.options.minBackoffMs;
        // A watch the server ends at once must not become a busy loop.
        if (Date.now() - started < 1000) await this.sleep(this.options.minBackoffMs);
      } catch (err) {
        if (this.stopped) return;
        if (err instanceof KubeHttpError && err.status === 410) {
          this.resourceVersion = '';
          continue;
        }
        const message = err instanceof Error ? err.message : String(err);
        this.state =
          this.state.status === 'ready'
            ? { ...this.state, message: `Watch interrupted, reconnecting: ${message}` }
            : { ...this.state, status: 'error', message };
        await this.sleep(backoff);
        backoff = Math.min(backoff * 2, this.options.maxBackoffMs);
      }
    }
  }

  /** Full list; false when the resource is missing or forbidden (state recorded). */
  private async list(): Promise<boolean> {
    const versions = this.version ? [this.version, ...this.spec.versions.filter((v) => v !== this.version)] : this.spec.versions;
    for (const version of versions) {
      const path = collectionPath(this.spec, version) + (this.spec.fieldSelector ? `?fieldSelector=${encodeURIComponent(this.spec.fieldSelector)}` : '');
      try {
        const body = (await getJson(this.kc, path)) as ListBody;
        this.version = version;
        this.resourceVersion = body.metadata?.resourceVersion ?? '';
        this.objects.clear();
        for (const item of body.items ?? []) this.objects.set(objectKey(item), item);
        const apiVersion = version.group ? `${version.group}/${version.version}` : version.version;
        this.state = { ...this.state, status: 'ready', apiVersion, message: undefined, objects: this.objects.size, listedAt: new Date().toISOString(), relists: this.state.relists + 1 };
        this.onChange();
        return true;
      } catch (err) {
        if (!(err instanceof KubeHttpError) || (err.status !== 404 && err.status !== 403)) throw err;
        if (err.status === 403) {
          this.absent('forbidden', `Not allowed to list ${this.spec.plural}: ${err.message}`);
          return false;
        }
      }
    }
    const what = this.spec.versions.map((v) => `${v.group || 'core'}/${v.version}`).join(' or ');
    this.absent('missing', `${this.spec.plural} (${what}) is not served by this cluster${this.spec.optional ? ': its CRD is not installed' : ''}`);
    return false;
  }

  private absent(status: 'missing' | 'forbidden', message: string): void {
    const changed = this.objects.size > 0 || this.state.status !== status;
    this.objects.clear();
    this.resourceVersion = '';
    this.state = { ...this.state, status, message, objects: 0, apiVersion: undefined };
    if (changed) this.onChange();
  }

  private watchOnce(): Promise<WatchEnd> {
    const version = this.version ?? this.spec.versions[0];
    if (!version) return Promise.resolve({ kind: 'error', error: new Error('no version to watch') });
    let gone = false;
    return new Promise<WatchEnd>((resolve) => {
      const params: Record<string, string | number | boolean> = {
        resourceVersion: this.resourceVersion,
        allowWatchBookmarks: true,
        timeoutSeconds: this.options.watchTimeoutSeconds,
      };
      if (this.spec.fieldSelector) params['fieldSelector'] = this.spec.fieldSelector;
      const onEvent = (type: string, obj: unknown) => {
        const object = obj as KubeObject & { code?: number };
        if (type === 'ERROR') {
          if (object.code === 410) gone = true;
          return;
        }
        const rv = object.metadata?.resourceVersion;
        if (rv) this.resourceVersion = rv;
        if (type === 'BOOKMARK') return;
        if (type === 'ADDED' || type === 'MODIFIED') this.objects.set(objectKey(object), object);
        else if (type === 'DELETED') this.objects.delete(objectKey(object));
        else return;
        this.state = { ...this.state, objects: this.objects.size };
        this.onChange();
      };
      const onDone = (err: unknown) => {
        this.abort = undefined;
        if (gone) return resolve({ kind: 'gone' });
        const status = (err as { statusCode?: number } | null)?.statusCode;
        // 410: too old, relist. 403/404 mid-watch (RBAC or CRD removed): relist records the state.
        if (status === 410 || status === 403 || status === 404) return resolve({ kind: 'gone' });
        if (err && !(err instanceof Error && err.name === 'AbortError')) return resolve({ kind: 'error', error: err });
        resolve({ kind: 'closed' });
      };
      new Watch(this.kc)
        .watch(collectionPath(this.spec, version), params, onEvent, onDone)
        .then((controller) => {
          if (this.stopped) controller.abort();
          else this.abort = controller;
        })
        .catch((err: unknown) => resolve({ kind: 'error', error: err }));
    });
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wake = undefined;
        resolve();
      }, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
