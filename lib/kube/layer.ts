// The Kubernetes layer as the server uses it: a warm informer cache, the cluster model memoised
// on the cache generation, ztunnel dumps and logs. Pages read memory; only ztunnel dumps and
// logs reach out (port-forward, pods/log), as they must.
import 'server-only';
import type { KubeConfig } from '@kubernetes/client-node';
import type { InventorySource } from '@/lib/graph/inventory';
import { KubeCache } from './cache/kube-cache';
import type { ReflectorOptions } from './cache/reflector';
import type { KubeSnapshot, ResourceName } from './cache/resources';
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

export interface KubeLayerOptions {
  istioNamespace?: string;
  /** ZTUNNEL_NAMESPACE; else ztunnel pods are found by label in any namespace. */
  ztunnelNamespace?: string;
  /** Name of this cluster on graph nodes. */
  cluster?: string;
  readyTimeoutMs?: number;
  reflector?: Partial<ReflectorOptions>;
  ztunnel?: Partial<ZtunnelDumpOptions>;
}

export class KubeLayer {
  readonly cache: KubeCache;
  private readonly dumps: ZtunnelDumps;
  private memo: { generation: number; model: ClusterModel } | undefined;

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

  /** Starts the cache on first use and waits for it to be warm. */
  async snapshot(): Promise<KubeSnapshot> {
    this.cache.start();
    try {
      await this.cache.whenReady(this.options.readyTimeoutMs ?? 15_000);
    } catch (err) {
      throw new KubeLayerError('kubernetes_unreachable', err instanceof Error ? err.message : String(err));
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
  async ztunnelPods(): Promise<ZtunnelPodRow[]> {
    const snap = await this.snapshot();
    return ztunnelPods(snap.pods, this.options.ztunnelNamespace).map((p): ZtunnelPodRow => ({ ...nodePod(p), namespace: p.metadata.namespace ?? '' }));
  }

  async ztunnelView(access?: views.Access): Promise<ZtunnelClusterView> {
    return views.filterZtunnelView(await this.dumps.clusterView(await this.ztunnelSources()), access);
  }

  async ztunnelLogs(query: LogQuery, access?: views.Access): Promise<ZtunnelLogs> {
    const sources = await this.ztunnelSources();
    const logs = views.filterLogs(await readZtunnelLogs(this.kc, sources, query), access, sources[0]?.namespace);
    return views.nameSourcesByAddress(logs, await this.model(), access);
  }

  async controlPlane(access?: views.Access): Promise<ControlPlane> {
    return views.filterControlPlane(controlPlaneOf(await this.snapshot()), access);
  }
}
