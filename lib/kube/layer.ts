// The Kubernetes layer as the server uses it: a warm informer cache, the cluster model memoised
// on the cache generation, ztunnel dumps and logs. Pages read memory; only ztunnel dumps and
// logs reach out (port-forward, pods/log), as they must.
import 'server-only';
import type { KubeConfig } from '@kubernetes/client-node';
import type { InventorySource } from '@/lib/graph/inventory';
import { KubeCache } from './cache/kube-cache';
import type { ReflectorOptions } from './cache/reflector';
import type { KubeSnapshot, ResourceName } from './cache/resources';
import type { AuthzInput } from '@/lib/authz';
import { buildAuthzInput } from './authz-input';
import { buildClusterModel, type ClusterModel } from './cluster-model';
import { controlPlaneOf, nodePod } from './control-plane';
import { KubeLayerError } from './errors';
import { inventorySourceFrom } from './inventory';
import * as views from './views';
import { ZtunnelDumps, type ZtunnelDumpOptions } from './ztunnel/dumps';
import type { ControlPlane, ResourceState } from './wire/control-plane';
import type { NamespaceRow } from './wire/namespaces';
import type { WorkloadDetail, WorkloadRow } from './wire/workloads';
import type { ZtunnelClusterView, ZtunnelPodRow } from './wire/ztunnel';
import type { ZtunnelLogs } from './wire/ztunnel-logs';
import { readZtunnelLogs, type LogQuery } from './ztunnel/log-reader';
import type { ZtunnelSource } from './ztunnel/merge';
import { ztunnelPods } from './ztunnel/pods';

/** How long after the cache's start requests wait for its first sync (a page must answer within 10 s). */
const DEFAULT_FIRST_SYNC_MS = 8_000;

export interface KubeLayerOptions {
  istioNamespace?: string;
  /** ZTUNNEL_NAMESPACE; else ztunnel pods are found by label in any namespace. */
  ztunnelNamespace?: string;
  /** Name of this cluster on graph nodes. */
  cluster?: string;
  /** The first sync's deadline, from the cache's start (default 8 s). */
  readyTimeoutMs?: number;
  reflector?: Partial<ReflectorOptions>;
  ztunnel?: Partial<ZtunnelDumpOptions>;
}

export class KubeLayer {
  readonly cache: KubeCache;
  private readonly dumps: ZtunnelDumps;
  private memo: { generation: number; model: ClusterModel } | undefined;
  private authzMemo: { generation: number; input: AuthzInput } | undefined;

  constructor(
    private readonly kc: KubeConfig,
    private readonly options: KubeLayerOptions = {},
  ) {
    this.cache = new KubeCache(kc, { istioNamespace: options.istioNamespace ?? 'istio-system', reflector: options.reflector });
    this.dumps = new ZtunnelDumps(kc, options.ztunnel);
  }

  stop(): void {
    this.cache.stop();
  }

  /**
   * Starts the cache on first use and waits for it to be warm. Fails fast while it has never
   * synced: at once when a first list has failed (the API is down), and past the first sync's
   * deadline (counted from the cache's start) without waiting again, so a page says what is wrong
   * instead of every request waiting out its own timeout. Once synced, the cache serves its last
   * state through outages (the reflectors reconnect behind it).
   */
  async snapshot(): Promise<KubeSnapshot> {
    this.cache.start();
    if (!this.cache.isReady()) {
      const failure = this.cache.firstSyncFailure();
      if (failure) throw new KubeLayerError('kubernetes_unreachable', `Kubernetes cache not synced: ${failure}`);
      const remaining = (this.cache.startedAt ?? Date.now()) + (this.options.readyTimeoutMs ?? DEFAULT_FIRST_SYNC_MS) - Date.now();
      try {
        await this.cache.whenReady(Math.max(remaining, 0));
      } catch (err) {
        throw new KubeLayerError('kubernetes_unreachable', err instanceof Error ? err.message : String(err));
      }
    }
    return this.cache.snapshot();
  }

  resourceStates(): Record<ResourceName, ResourceState> {
    return this.cache.states();
  }

  async model(): Promise<ClusterModel> {
    const snap = await this.snapshot();
    if (this.memo?.generation !== snap.generation) {
      this.memo = { generation: snap.generation, model: buildClusterModel(snap, { ztunnelNamespace: this.options.ztunnelNamespace }) };
    }
    return this.memo.model;
  }

  /** The whole mesh as the authorization evaluator sees it (every namespace: policies cross them). */
  async authzInput(): Promise<AuthzInput> {
    const snap = await this.snapshot();
    if (this.authzMemo?.generation !== snap.generation) {
      const input = buildAuthzInput(snap, await this.model(), { istioNamespace: this.options.istioNamespace ?? 'istio-system' });
      this.authzMemo = { generation: snap.generation, input };
    }
    return this.authzMemo.input;
  }

  inventorySource(access?: views.Access): InventorySource {
    return inventorySourceFrom(() => this.model(), this.options.cluster ?? 'Kubernetes', access);
  }

  async namespaces(access?: views.Access): Promise<NamespaceRow[]> {
    return views.namespaceRows(await this.model(), access);
  }

  private async cachedProtocols(): Promise<Map<string, string>> {
    return views.ztunnelProtocols(await this.dumps.cachedResults());
  }

  async workloads(namespace: string | undefined, access?: views.Access): Promise<WorkloadRow[]> {
    return views.workloadRows(await this.model(), await this.cachedProtocols(), access, namespace);
  }

  async workload(namespace: string, name: string, access?: views.Access): Promise<WorkloadDetail> {
    const detail = views.workloadDetail(await this.model(), await this.cachedProtocols(), access, namespace, name);
    if (!detail) throw new KubeLayerError('not_found', `No workload ${namespace}/${name}`);
    return detail;
  }

  private async ztunnelSources(): Promise<ZtunnelSource[]> {
    const snap = await this.snapshot();
    return ztunnelPods(snap.pods, this.options.ztunnelNamespace).map((p) => ({ namespace: p.metadata.namespace ?? '', pod: p.metadata.name, node: p.spec?.nodeName }));
  }

  /** ztunnel pods per node: readiness, version, restarts. */
  async ztunnelPods(access?: views.Access): Promise<ZtunnelPodRow[]> {
    const snap = await this.snapshot();
    const rows = ztunnelPods(snap.pods, this.options.ztunnelNamespace).map((p): ZtunnelPodRow => ({ ...nodePod(p), namespace: p.metadata.namespace ?? '' }));
    return views.filterZtunnelPods(rows, access);
  }

  async ztunnelView(access?: views.Access): Promise<ZtunnelClusterView> {
    const sources = await this.ztunnelSources();
    return views.filterZtunnelView(await this.dumps.clusterView(sources), access, sources[0]?.namespace);
  }

  async ztunnelLogs(query: LogQuery, access?: views.Access, signal?: AbortSignal): Promise<ZtunnelLogs> {
    const sources = await this.ztunnelSources();
    const ztunnelNamespace = sources[0]?.namespace;
    const podNamespaces = new Map<string, string>();
    for (const p of (await this.snapshot()).pods) for (const ip of p.status?.podIPs?.map((x) => x.ip) ?? [p.status?.podIP]) if (ip && p.metadata.namespace) podNamespaces.set(ip, p.metadata.namespace);
    const logs = await readZtunnelLogs(this.kc, sources, query, (line) => views.visibleLogLine(line, access, ztunnelNamespace, (ip) => podNamespaces.get(ip)), signal);
    // A client ztunnel could not name, resolved to a pod by IP (only pods the user may see).
    return views.nameSourcesByAddress(views.filterLogStatuses(logs, access), await this.model(), access);
  }

  async controlPlane(access?: views.Access): Promise<ControlPlane> {
    return views.filterControlPlane(controlPlaneOf(await this.snapshot()), access);
  }
}
