import 'server-only';
import type { Access } from '@/lib/kube/views';
import { compareDataplane, type DataplaneComparison } from '@/lib/posture/dataplane';
import { securityPosture } from '@/lib/posture/findings';
import type { SecurityPostureResponse, SourceStatus } from '@/lib/posture/responses';
import type { Deps } from './deps';
import { meshGraph, settle, visibleModel, type WindowOptions, type WindowServices } from './overview';

// The security posture for a window: one traffic graph (constant Prometheus queries), the cluster
// model, and every ztunnel's config_dump (certificates). Traffic or ztunnel failures degrade the
// answer and are reported beside it.

const status = (s: { ok: boolean; code?: string; message?: string }): SourceStatus =>
  s.ok ? { ok: true } : { ok: false, code: s.code ?? 'internal', message: s.message ?? 'failed' };

export async function getSecurityPosture(services: WindowServices, options: WindowOptions): Promise<SecurityPostureResponse> {
  const kube = services.kube();
  const model = visibleModel(await kube.model(), options.access);
  const [graph, ztunnel] = await Promise.all([
    settle(meshGraph(services.graph, options, model.namespaces.map((n) => n.name)), options.signal),
    settle(kube.ztunnelView(options.access), options.signal),
  ]);
  const now = new Date();
  return {
    generatedAt: now.toISOString(),
    window: { duration: options.duration, queryTime: graph.ok ? graph.value.window.queryTime : undefined },
    posture: securityPosture({
      graph: graph.ok ? graph.value : undefined,
      namespaces: model.namespaces,
      workloads: model.workloads,
      discoverySelectorsSet: (model.discovery.selectors?.length ?? 0) > 0,
      ztunnel: ztunnel.ok ? ztunnel.value : undefined,
      now,
    }),
    trafficStatus: status(graph),
    ztunnelStatus: status(ztunnel),
    graphWarnings: graph.ok ? graph.value.warnings : [],
  };
}

/** Every pod as ztunnel and as the Kubernetes API see it, with their disagreements. */
export async function getDataplane(services: Pick<Deps, 'kube'>, access?: Access): Promise<DataplaneComparison & { generatedAt: string }> {
  const kube = services.kube();
  const model = visibleModel(await kube.model(), access);
  const view = await kube.ztunnelView(access);
  return {
    generatedAt: new Date().toISOString(),
    ...compareDataplane({
      workloads: model.workloads,
      discovered: new Map(model.namespaces.map((n) => [n.name, n.discovered])),
      ztunnelWorkloads: view.workloads,
      ztunnels: view.ztunnels,
      trustDomain: model.trustDomain,
    }),
  };
}
