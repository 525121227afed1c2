// The informer cache: one Reflector per resource, a ready flag per resource and overall, and a
// snapshot that costs no API call once warm.
import 'server-only';
import type { KubeConfig } from '@kubernetes/client-node';
import { defaultReflectorOptions, Reflector, type ReflectorOptions } from './reflector';
import type { ResourceState } from '../wire/control-plane';
import { resourceNames, resourceSpecs, type KubeSnapshot, type ResourceName } from './resources';

export interface KubeCacheOptions {
  /** Where istiod's `istio` ConfigMap lives (meshConfig fallback). */
  istioNamespace: string;
  reflector?: Partial<ReflectorOptions>;
}

export class KubeCache {
  private readonly reflectors: Record<ResourceName, Reflector>;
  private generation = 0;
  private cached: KubeSnapshot | undefined;
  private readonly listeners = new Set<() => void>();
  private started = false;
  /** When start() was called; the first sync's deadline counts from here, not from each caller. */
  startedAt: number | undefined;

  constructor(kc: KubeConfig, options: KubeCacheOptions) {
    const specs = resourceSpecs(options.istioNamespace);
    const reflectorOptions = { ...defaultReflectorOptions, ...options.reflector };
    const entries = resourceNames.map((name) => [name, new Reflector(kc, specs[name], () => this.changed(), reflectorOptions)] as const);
    this.reflectors = Object.fromEntries(entries) as Record<ResourceName, Reflector>;
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.startedAt = Date.now();
    for (const r of Object.values(this.reflectors)) r.start();
  }

  stop(): void {
    for (const r of Object.values(this.reflectors)) r.stop();
  }

  /** Every resource has been listed once (or found missing or forbidden). */
  isReady(): boolean {
    return Object.values(this.reflectors).every((r) => r.state.status !== 'pending' && r.state.status !== 'error');
  }

  /**
   * Why the cache cannot sync yet: the resources whose first list failed (API down, refused, not
   * answering). Undefined when ready or while the first lists are still in flight.
   */
  firstSyncFailure(): string | undefined {
    if (this.isReady()) return undefined;
    const failed = resourceNames.filter((n) => this.reflectors[n].state.status === 'error');
    if (failed.length === 0) return undefined;
    const reason = this.reflectors[failed[0]!].state.message;
    return `${failed.length} of ${resourceNames.length} resources not listed (${failed.slice(0, 3).join(', ')}${failed.length > 3 ? ', ...' : ''})${reason ? `: ${reason}` : ''}`;
  }

  states(): Record<ResourceName, ResourceState> {
    return Object.fromEntries(resourceNames.map((n) => [n, { ...this.reflectors[n].state }])) as Record<ResourceName, ResourceState>;
  }

  /**
   * Resolves when ready; rejects after timeoutMs naming the resources still waiting, or as soon as
   * a first list fails (a caller must not wait out the timeout for an API that already refused).
   */
  whenReady(timeoutMs: number): Promise<void> {
    if (this.isReady()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      // A failed list changes a state, not the objects: no change event, so it is polled.
      const poll = setInterval(() => {
        const failure = this.firstSyncFailure();
        if (!failure) return;
        clearTimeout(timer);
        clearInterval(poll);
        this.listeners.delete(check);
        reject(new Error(`Kubernetes cache not synced: ${failure}`));
      }, 100);
      const timer = setTimeout(() => {
        clearInterval(poll);
        this.listeners.delete(check);
        const waiting = resourceNames.filter((n) => !['ready', 'missing', 'forbidden'].includes(this.reflectors[n].state.status));
        const detail = waiting.map((n) => `${n}${this.reflectors[n].state.message ? ` (${this.reflectors[n].state.message})` : ''}`);
        reject(new Error(`Kubernetes cache not synced ${Math.round((Date.now() - (this.startedAt ?? Date.now())) / 1000)} s after starting: waiting for ${detail.join(', ')}`));
      }, timeoutMs);
      const check = () => {
        if (!this.isReady()) return;
        clearTimeout(timer);
        clearInterval(poll);
        this.listeners.delete(check);
        resolve();
      };
      this.listeners.add(check);
    });
  }

  /** Subscribe to any change; returns the unsubscribe function. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  snapshot(): KubeSnapshot {
    // States change without a new generation (errors, reconnects): always fresh, objects memoised.
    if (this.cached?.generation === this.generation) return { ...this.cached, states: this.states() };
    const list = <T>(name: ResourceName) => [...this.reflectors[name].objects.values()] as T[];
    this.cached = {
      namespaces: list('namespaces'),
      pods: list('pods'),
      services: list('services'),
      serviceaccounts: list('serviceaccounts'),
      deployments: list('deployments'),
      replicasets: list('replicasets'),
      statefulsets: list('statefulsets'),
      daemonsets: list('daemonsets'),
      jobs: list('jobs'),
      gateways: list('gateways'),
      istios: list('istios'),
      istiocnis: list('istiocnis'),
      istiorevisions: list('istiorevisions'),
      ztunnels: list('ztunnels'),
      configmaps: list('configmaps'),
      authorizationpolicies: list('authorizationpolicies'),
      peerauthentications: list('peerauthentications'),
      requestauthentications: list('requestauthentications'),
      virtualservices: list('virtualservices'),
      httproutes: list('httproutes'),
      states: this.states(),
      generation: this.generation,
    };
    return this.cached;
  }

  private changed(): void {
    this.generation += 1;
    for (const l of [...this.listeners]) l();
  }
}
