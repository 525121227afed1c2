import 'server-only';
import type { ClusterModel } from '@/lib/kube/cluster-model';
import { canSee, type Access } from '@/lib/kube/views';
import type { MeshGraph } from '@/lib/graph/model';
import { buildOverview, type Overview } from '@/lib/posture/overview';
import type { Deps } from './deps';
import { expectedError, toAppError } from './errors';
import { logger } from './logger';

// The overview: the cluster model (memory), ztunnel pods and control plane (memory), and ONE traffic
// graph over every visible namespace (a constant number of Prometheus queries, whatever the count).
// Traffic or control-plane failures degrade the answer and say why; only the Kubernetes API
// being unreachable fails it, since nothing could then be listed.

export interface WindowOptions {
  /** Seconds. */
  duration: number;
  /** Namespaces the user may see; undefined: every namespace. */
  access?: Access;
  signal?: AbortSignal;
}

/** What the overview and the security posture read. */
export type WindowServices = Pick<Deps, 'kube' | 'metrics' | 'graph'>;

export type Settled<T> = { ok: true; value: T } | { ok: false; code: string; message: string };

/**
 * A promise as a value; errors become their AppError code and message (never thrown away). A
 * failure after the browser went away (`signal` aborted) is the close's consequence, not a bug.
 */
export async function settle<T>(promise: Promise<T>, signal?: AbortSignal): Promise<Settled<T>> {
  try {
    return { ok: true, value: await promise };
  } catch (err) {
    const e = toAppError(err);
    if (!expectedError(err) && !signal?.aborted) logger.error('unexpected error', { error: err instanceof Error ? err.message || err.name : String(err) });
    return { ok: false, code: e.code, message: e.message };
  }
}

/** The model as this user may see it. */
export function visibleModel(model: ClusterModel, access: Access): ClusterModel {
  if (!access) return model;
  return {
    ...model,
    namespaces: model.namespaces.filter((n) => canSee(access, n.name)),
    workloads: model.workloads.filter((w) => canSee(access, w.namespace)),
    services: model.services.filter((s) => canSee(access, s.namespace)),
  };
}

/**
 * The workload graph over everything the user may see. With access to every namespace, no
 * namespace filter at all (the cheapest PromQL); else the user's namespaces, others made opaque.
 */
export function meshGraph(graph: Deps['graph'], options: WindowOptions, namespaces: string[]): Promise<MeshGraph> {
  const queryTime = Math.floor(Date.now() / 1000);
  if (options.access && namespaces.length === 0) {
    return Promise.resolve({ graphType: 'workload', namespaces: [], window: { duration: options.duration, queryTime }, nodes: [], edges: [], warnings: [] });
  }
  return graph(
    { namespaces: options.access ? namespaces : [], graphType: 'workload', duration: options.duration, queryTime, idle: false, waypoints: 'merge' },
    options.access ? { accessibleNamespaces: options.access } : {},
    options.signal,
  );
}

export async function getOverview(services: WindowServices, options: WindowOptions): Promise<Overview> {
  const kube = services.kube();
  const model = visibleModel(await kube.model(), options.access);
  const source = services.metrics;
  const [graph, controlPlane, ztunnels, ztunnelTraffic] = await Promise.all([
    settle(meshGraph(services.graph, options, model.namespaces.map((n) => n.name)), options.signal),
    settle(kube.controlPlane(options.access), options.signal),
    settle(kube.ztunnelPods(options.access), options.signal),
    // A ztunnel's own totals include every namespace on its node: only for users who see them all.
    source.ztunnelTraffic && !options.access ? settle(source.ztunnelTraffic(options.duration, Math.floor(Date.now() / 1000), options.signal), options.signal) : undefined,
  ]);
  return buildOverview({
    namespaces: model.namespaces,
    workloads: model.workloads,
    services: model.services,
    graph: graph.ok ? { ok: true, graph: graph.value } : graph,
    controlPlane: controlPlane.ok ? { ok: true, view: controlPlane.value } : controlPlane,
    ztunnels: ztunnels.ok ? ztunnels.value : [],
    ...(ztunnelTraffic?.ok ? { ztunnelTraffic: ztunnelTraffic.value } : {}),
    now: new Date(),
  });
}
