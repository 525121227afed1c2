import 'server-only';
import type { KubeConfig } from '@kubernetes/client-node';
import { canListPods, listAllNamespaces, listOwnNamespaces } from './kube-user';

// Which namespaces a user may see, decided by the cluster with the user's own token:
//  1. may list pods in every namespace (SelfSubjectAccessReview, no namespace) -> 'all';
//  2. else the candidates (the user's own namespace/project list, or every namespace the service
//     account sees) each checked with a SelfSubjectAccessReview for list pods.

export type NamespaceAccess = ReadonlySet<string> | 'all';

export async function resolveNamespaceAccess(userKc: KubeConfig, serviceAccount: KubeConfig, concurrency = 8): Promise<NamespaceAccess> {
  if (await canListPods(userKc, '')) return 'all';
  const candidates = (await listOwnNamespaces(userKc)) ?? (await listAllNamespaces(serviceAccount));
  const allowed = new Set<string>();
  const queue = [...new Set(candidates)].sort();
  const worker = async () => {
    for (let ns = queue.shift(); ns !== undefined; ns = queue.shift()) {
      if (await canListPods(userKc, ns)) allowed.add(ns);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, worker));
  return allowed;
}

/** A small TTL cache of promises keyed by a token digest: concurrent callers share one lookup. */
export class TtlCache<V> {
  private readonly entries = new Map<string, { expires: number; value: Promise<V> }>();
  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 1000,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: string, load: () => Promise<V>): Promise<V> {
    const at = this.now();
    const hit = this.entries.get(key);
    if (hit && hit.expires > at) return hit.value;
    if (this.entries.size >= this.maxEntries) {
      for (const [k, e] of this.entries) if (e.expires <= at) this.entries.delete(k);
      if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    }
    const value = load();
    this.entries.set(key, { expires: at + this.ttlMs, value });
    // A failed lookup is not remembered: the next request asks the cluster again.
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    return value;
  }
}
