import 'server-only';
import { buildGraph } from '@/lib/graph/build';
import { focusNeighbourhood } from '@/lib/graph/passes/focus';
import type { Inventory, InventorySource } from '@/lib/graph/inventory';
import type { MeshGraph, ZtunnelSeriesCheck } from '@/lib/graph/model';
import type { GraphParams } from '@/lib/graph/query';
import type { MetricsSource, TrafficSamples } from '@/lib/graph/samples';
import { badRequest } from '@/lib/errors';
import { expectedError } from './errors';
import { logger as processLogger, type Logger } from './logger';

// getGraph: samples and inventory fetched in parallel, then the pure build.
// - Metrics failing is an error (503 prometheus_unreachable / 502 prometheus_error): no graph is
//   better than a wrong one, and no stale graph is served.
// - A window ending before the oldest sample Prometheus holds is a 400 naming queryTime and that time.
// - A graph without traffic carries a cheap check of whether Prometheus holds any ztunnel series in
//   the window, so the page blames scraping only when they are really missing.
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

/** What one graph is built from: everything fetched (I/O done), nothing computed yet. */
export interface GraphInputs {
  query: GraphParams;
  viewer: GraphViewer;
  namespaces: string[];
  samples: TrafficSamples;
  inventory: Inventory;
  warnings: string[];
  /** Only when the window had no samples: the ztunnel series check. */
  ztunnelSeries?: ZtunnelSeriesCheck;
}

/**
 * The graph in two phases, so a bound on builds (lib/server/graph-cache.ts) can cover the CPU and
 * memory of building without also queueing the wait on Prometheus and the inventory.
 */
export interface GraphPhases {
  /** I/O: samples and inventory in parallel, the retention check. */
  gather(query: GraphParams, viewer?: GraphViewer, signal?: AbortSignal): Promise<GraphInputs>;
  /** CPU: the pure build (and the focus's neighbourhood). */
  build(inputs: GraphInputs): MeshGraph;
}

export function createGraphPhases(deps: GraphDeps): GraphPhases {
  const logger = deps.logger ?? processLogger;
  return {
    async gather(query, viewer = {}, signal) {
      // A node graph looks wherever its neighbours may be: every namespace the viewer may see ([] = all).
      const visible = viewer.accessibleNamespaces;
      const namespaces = query.focus === undefined ? query.namespaces : !visible ? [] : visible.size > 0 ? [...visible].sort() : query.namespaces;
      const window = { namespaces, duration: query.duration, queryTime: query.queryTime };
      // The retention is best effort (Thanos or Mimir may not report one): its failure is no answer.
      const retention = deps.metrics.oldestDataTime?.(signal).catch(() => undefined);
      const [samples, inventory] = await Promise.allSettled([deps.metrics.samples(window, signal), deps.inventory.inventory()]);
      if (samples.status === 'rejected') throw samples.reason;
      // A window wholly before the retention would draw an empty graph that looks like "no traffic".
      const oldest = await retention;
      if (oldest !== undefined && query.queryTime < oldest) {
        throw badRequest('queryTime', `the window ends before the oldest sample Prometheus holds (${new Date(oldest * 1000).toISOString()})`);
      }
      const warnings: string[] = [];
      if (oldest !== undefined && query.queryTime - query.duration < oldest) {
        warnings.push(`The window starts before the oldest sample Prometheus holds (${new Date(oldest * 1000).toISOString()}): its rates cover only the part after it.`);
      }
      let inv = EMPTY_INVENTORY;
      if (inventory.status === 'fulfilled') inv = inventory.value;
      else {
        const why = expectedError(inventory.reason)?.message ?? 'unexpected error';
        logger.warn('graph without inventory', { error: inventory.reason instanceof Error ? inventory.reason.message : String(inventory.reason) });
        warnings.push(`The Kubernetes inventory is unavailable (${why}): waypoints, enrollment and idle workloads are not known; the graph is drawn from metrics only.`);
      }
      // No samples at all: one series count says whether ztunnel is scraped, so "no traffic" blames
      // Prometheus only when the series are really missing.
      const s = samples.value;
      const empty = s.tcp.length === 0 && s.http.length === 0 && s.latency.length === 0;
      const check = empty ? await deps.metrics.ztunnelSeries?.(query.duration, query.queryTime, signal) : undefined;
      // The check spans every namespace: a viewer limited to some learns only whether any series exist.
      const ztunnelSeries = check && viewer.accessibleNamespaces ? { check: check.check, series: Math.min(check.series, 1), exact: false } : check;
      return { query, viewer, namespaces, samples: s, inventory: inv, warnings, ...(ztunnelSeries ? { ztunnelSeries } : {}) };
    },
    build({ query, viewer, namespaces, samples, inventory, warnings, ztunnelSeries }) {
      const graph = buildGraph(samples, inventory, {
        graphType: query.graphType,
        namespaces,
        duration: query.duration,
        queryTime: query.queryTime,
        waypoints: query.waypoints,
        idle: query.idle,
        ...(viewer.accessibleNamespaces ? { accessibleNamespaces: viewer.accessibleNamespaces } : {}),
      });
      const shown = query.focus === undefined ? graph : { ...focusNeighbourhood(graph, query.focus), namespaces: query.namespaces };
      const explained = ztunnelSeries && shown.edges.length === 0 ? { ztunnelSeries } : {};
      return { ...shown, warnings: [...graph.warnings, ...warnings], ...(samples.queries ? { metricsQueries: samples.queries } : {}), ...explained };
    },
  };
}

export function createGraphService(deps: GraphDeps): GraphService {
  const phases = createGraphPhases(deps);
  return async function getGraph(query: GraphParams, viewer: GraphViewer = {}, signal?: AbortSignal): Promise<MeshGraph> {
    return phases.build(await phases.gather(query, viewer, signal));
  };
}
