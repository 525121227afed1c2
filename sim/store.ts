// The simulated cluster's object store: every Kubernetes object the simulator serves lives here,
// with a cluster-wide resourceVersion and a bounded event history so watches can resume
// (and get 410 Gone when they ask for a version older than the history keeps).

export interface ObjectMeta {
  name: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: { apiVersion: string; kind: string; name: string; uid: string; controller?: boolean }[];
  [key: string]: unknown;
}

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [key: string]: unknown;
}

export interface ResourceType {
  /** '' for the core group. */
  group: string;
  version: string;
  plural: string;
  singular: string;
  kind: string;
  namespaced: boolean;
  shortNames?: string[];
  /** Extra verbs beyond get/list/watch/patch/update/create/delete, and subresources like pods/log. */
  subresources?: string[];
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';
export interface WatchEvent {
  type: WatchEventType;
  object: KubeObject;
}

export class GoneError extends Error {
  override name = 'GoneError';
}

export function typeKey(t: Pick<ResourceType, 'group' | 'version' | 'plural'>): string {
  return `${t.group}/${t.version}/${t.plural}`;
}

interface StoredEvent {
  rv: number;
  key: string;
  event: WatchEvent;
}

type Listener = (key: string, event: WatchEvent) => void;

export class ObjectStore {
  private readonly typesByKey = new Map<string, ResourceType>();
  private readonly objects = new Map<string, Map<string, KubeObject>>();
  private readonly history: StoredEvent[] = [];
  private readonly listeners = new Set<Listener>();
  private rv = 1000;
  private uidCounter = 0;

  constructor(private readonly historyLimit = 5000) {}

  register(type: ResourceType): void {
    const key = typeKey(type);
    this.typesByKey.set(key, type);
    if (!this.objects.has(key)) this.objects.set(key, new Map());
  }

  types(): ResourceType[] {
    return [...this.typesByKey.values()];
  }

  type(key: string): ResourceType | undefined {
    return this.typesByKey.get(key);
  }

  currentResourceVersion(): string {
    return String(this.rv);
  }

  /** Oldest resourceVersion a watch may resume from. */
  oldestResumableVersion(): number {
    return this.history[0]?.rv ?? this.rv;
  }

  list(key: string, namespace?: string): KubeObject[] {
    const all = [...(this.objects.get(key)?.values() ?? [])];
    return namespace ? all.filter((o) => o.metadata.namespace === namespace) : all;
  }

  get(key: string, namespace: string | undefined, name: string): KubeObject | undefined {
    return this.objects.get(key)?.get(objectId(namespace, name));
  }

  /** Creates or replaces an object, assigning uid, resourceVersion and creationTimestamp. */
  upsert(key: string, obj: KubeObject): KubeObject {
    const bucket = this.bucket(key);
    const id = objectId(obj.metadata.namespace, obj.metadata.name);
    const existing = bucket.get(id);
    const stored: KubeObject = structuredClone(obj);
    stored.metadata.uid = existing?.metadata.uid ?? obj.metadata.uid ?? this.newUid();
    stored.metadata.creationTimestamp =
      existing?.metadata.creationTimestamp ?? obj.metadata.creationTimestamp ?? new Date().toISOString();
    stored.metadata.resourceVersion = String(++this.rv);
    bucket.set(id, stored);
    this.emit(key, { type: existing ? 'MODIFIED' : 'ADDED', object: stored });
    return structuredClone(stored);
  }

  delete(key: string, namespace: string | undefined, name: string): KubeObject | undefined {
    const bucket = this.bucket(key);
    const id = objectId(namespace, name);
    const existing = bucket.get(id);
    if (!existing) return undefined;
    bucket.delete(id);
    const deleted = { ...existing, metadata: { ...existing.metadata, resourceVersion: String(++this.rv) } };
    this.emit(key, { type: 'DELETED', object: deleted });
    return deleted;
  }

  /**
   * Events for a type after a resourceVersion, for resuming a watch.
   * Throws GoneError when that version is older than the kept history.
   */
  eventsSince(key: string, resourceVersion: number, namespace?: string): WatchEvent[] {
    if (resourceVersion < this.oldestResumableVersion() - 1) {
      throw new GoneError(`too old resource version: ${resourceVersion} (${this.oldestResumableVersion()})`);
    }
    return this.history
      .filter((e) => e.key === key && e.rv > resourceVersion)
      .filter((e) => !namespace || e.event.object.metadata.namespace === namespace)
      .map((e) => e.event);
  }

  /** Drops the event history so any watch resuming from an older version gets 410 Gone. */
  compact(): void {
    this.history.length = 0;
    this.rv += 1;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(key: string, event: WatchEvent): void {
    this.history.push({ rv: this.rv, key, event });
    if (this.history.length > this.historyLimit) this.history.splice(0, this.history.length - this.historyLimit);
    for (const l of this.listeners) l(key, structuredClone(event));
  }

  private bucket(key: string): Map<string, KubeObject> {
    const bucket = this.objects.get(key);
    if (!bucket) throw new Error(`unknown resource type ${key}`);
    return bucket;
  }

  private newUid(): string {
    const n = (++this.uidCounter).toString(16).padStart(12, '0');
    return `00000000-0000-4000-8000-${n}`;
  }
}

function objectId(namespace: string | undefined, name: string): string {
  return `${namespace ?? ''}/${name}`;
}
