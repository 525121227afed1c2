import 'server-only';
import { buildGraph } from '@/lib/graph/build';
import type { Inventory, InventorySource } from '@/lib/graph/inventory';
import type { MeshGraph } from '@/lib/graph/model';
import type { GraphParams } from '@/lib/graph/query';
import type { MetricsSource } from '@/lib/graph/samples';
import { expectedError } from './errors';
import { logger as processLogger, type Logger } from './logger';

// getGraph: samples and inventory fetched in parallel, then the pure build.
// - Metrics failing is an error (503 prometheus_unreachable / 502 prometheus_error): no graph is
//   better than a wrong one, and no stale graph is served.
// - The inventory failing degrades the graph instead: it is still drawn from metrics, with a
//   warning that waypoints, enrollment and idle workloads are unknown.

export interface GraphViewer {
  /** Namespaces the user may see; undefined: every namespace. */
  accessibleNamespaces?: ReadonlySet<string>;
}

export interface GraphDeps {
  metrics: MetricsSource;
  inventory: InventorySource;
  logger?: Logger;
}

/** The graph for a validated query, as the given viewer may see it. */
export type GraphService = (query: GraphParams, viewer?: GraphViewer, signal?: AbortSignal) => Promise<MeshGraph>;

const EMPTY_INVENTORY: Inventory = { trustDomain: 'cluster.local', namespaces: [], workloads: [], services: [] };

export function createGraphService(deps: GraphDeps): GraphService {
  const logger = deps.logger ?? processLogger;
  return async function getGraph(query: GraphParams, viewer: GraphViewer = {}, signal?: AbortSignal): Promise<MeshGraph> {
    const window = { namespaces: query.namespaces, duration: query.duration, queryTime: query.queryTime };
    const [samples, inventory] = await Promise.allSettled([deps.metrics.samples(window, signal), deps.inventory.inventory()]);
    if (samples.status === 'rejected') throw samples.reason;
    const warnings: string[] = [];
    let inv = EMPTY_INVENTORY;
    if (inventory.status === 'fulfilled') inv = inventory.value;
    else {
      const why = expectedError(inventory.reason)?.message ?? 'unexpected error';
      logger.warn('graph without inventory', { error: inventory.reason instanceof Error ? inventory.reason.message : String(inventory.reason) });
      warnings.push(`The Kubernetes inventory is unavailable (${why}): waypoints, enrollment and idle workloads are not known; the graph is drawn from metrics only.`);
    }
    const graph = buildGraph(samples.value, inv, {
      graphType: query.graphType,
      namespaces: query.namespaces,
      duration: query.duration,
      queryTime: query.queryTime,
      waypoints: query.waypoints,
      idle: query.idle,
      ...(viewer.accessibleNamespaces ? { accessibleNamespaces: viewer.accessibleNamespaces } : {}),
    });
    return { ...graph, warnings: [...graph.warnings, ...warnings], ...(samples.value.queries ? { metricsQueries: samples.value.queries } : {}) };
  };
}
