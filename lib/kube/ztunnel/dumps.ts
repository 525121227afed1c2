// Every ztunnel's /config_dump, fetched in parallel through port-forwards with a per-pod timeout
// and a short cache, merged into one cluster view. A ztunnel that does not answer is listed as such.
import 'server-only';
import type { KubeConfig } from '@kubernetes/client-node';
import { KubeLayerError } from '../errors';
import type { ZtunnelClusterView } from '../wire/ztunnel';
import { parseConfigDump } from './config-dump';
import { mergeZtunnelDumps, type ZtunnelDumpResult, type ZtunnelSource } from './merge';
import { httpGetViaPortForward } from './port-forward-http';

export const ZTUNNEL_ADMIN_PORT = 15000;

export interface ZtunnelDumpOptions {
  timeoutMs: number;
  /** How long one ztunnel's dump is reused. */
  ttlMs: number;
}

type Fetch = (source: ZtunnelSource) => Promise<unknown>;

export class ZtunnelDumps {
  private readonly cache = new Map<string, { at: number; result: Promise<ZtunnelDumpResult> }>();
  private readonly options: ZtunnelDumpOptions;
  private readonly fetchDump: Fetch;

  constructor(kc: KubeConfig, options: Partial<ZtunnelDumpOptions> = {}) {
    this.options = { timeoutMs: 5000, ttlMs: 10_000, ...options };
    this.fetchDump = async ({ namespace, pod }) => {
      const res = await httpGetViaPortForward(kc, { namespace, pod, port: ZTUNNEL_ADMIN_PORT, path: '/config_dump' }, this.options.timeoutMs);
      if (res.status !== 200) {
        throw new KubeLayerError('ztunnel_unreachable', `ztunnel ${namespace}/${pod} answered /config_dump with HTTP ${res.status}`);
      }
      try {
        return JSON.parse(res.body.toString('utf8')) as unknown;
      } catch {
        throw new KubeLayerError('unsupported_ztunnel_config', `ztunnel ${namespace}/${pod} returned a /config_dump that is not JSON`);
      }
    };
  }

  private one(source: ZtunnelSource, now: number): Promise<ZtunnelDumpResult> {
    const key = `${source.namespace}/${source.pod}`;
    const hit = this.cache.get(key);
    if (hit && now - hit.at < this.options.ttlMs) return hit.result;
    const result = this.fetchDump(source).then(
      (raw): ZtunnelDumpResult => ({ ...source, ok: true, config: parseConfigDump(raw), fetchedAt: new Date().toISOString() }),
    ).catch((err: unknown): ZtunnelDumpResult => ({
      ...source,
      ok: false,
      code: err instanceof KubeLayerError ? err.code : 'ztunnel_unreachable',
      message: err instanceof Error ? err.message : String(err),
      fetchedAt: new Date().toISOString(),
    }));
    this.cache.set(key, { at: now, result });
    return result;
  }

  async results(sources: ZtunnelSource[]): Promise<ZtunnelDumpResult[]> {
    const now = Date.now();
    const keep = new Set(sources.map((s) => `${s.namespace}/${s.pod}`));
    for (const key of this.cache.keys()) if (!keep.has(key)) this.cache.delete(key);
    return Promise.all(sources.map((s) => this.one(s, now)));
  }

  /** Dumps still fresh in the cache, without fetching anything. */
  async cachedResults(): Promise<ZtunnelDumpResult[]> {
    const now = Date.now();
    return Promise.all([...this.cache.values()].filter((e) => now - e.at < this.options.ttlMs).map((e) => e.result));
  }

  async clusterView(sources: ZtunnelSource[]): Promise<ZtunnelClusterView> {
    return mergeZtunnelDumps(await this.results(sources));
  }
}
