import 'server-only';
import { buildGraph } from '@/lib/graph/build';
import type { Inventory, InventorySource } from '@/lib/graph/inventory';
import type { GraphType, MeshGraph } from '@/lib/graph/model';
import type { WaypointMode } from '@/lib/graph/request';
import { seriesOf, seriesRateWindow, seriesStep, seriesTimes, sparklinesOf, type EdgeSparklines, type SeriesParams, type TrafficSeries } from '@/lib/graph/series';
import type { MetricsSource } from '@/lib/graph/samples';
import { AppError } from '@/lib/errors';
import type { GraphViewer } from './graph';

// Time series: the samples at every step of the window (a constant number of range queries, or one
// request to the simulator's history), then one graph per step from the same pure core, then the
// columns wanted. Only the namespaces asked are queried, so a step's graph stays small.

export interface SeriesWindow {
  namespaces: string[];
  graphType: GraphType;
  waypoints: WaypointMode;
  duration: number;
  queryTime?: number | undefined;
}

export interface SeriesService {
  /** One edge's or node's charts. */
  series(params: SeriesParams, viewer?: GraphViewer, signal?: AbortSignal): Promise<TrafficSeries>;
  /** Every edge's traffic, for the sparklines of the edge list. */
  sparklines(params: SeriesWindow, viewer?: GraphViewer, signal?: AbortSignal): Promise<EdgeSparklines>;
}

const EMPTY_INVENTORY: Inventory = { trustDomain: 'cluster.local', namespaces: [], workloads: [], services: [] };

export function createSeriesService(deps: { metrics: MetricsSource; inventory: InventorySource; now?: () => number }): SeriesService {
  const now = deps.now ?? (() => Math.floor(Date.now() / 1000));

  async function snapshots(params: SeriesWindow, viewer: GraphViewer, signal?: AbortSignal): Promise<{ step: number; graphs: { time: number; graph: MeshGraph }[] }> {
    const samplesRange = deps.metrics.samplesRange?.bind(deps.metrics);
    if (!samplesRange) throw new AppError('not_found', 'This metrics source keeps no history to chart');
    const queryTime = Math.min(params.queryTime ?? now(), now());
    const step = seriesStep(params.duration);
    const times = seriesTimes(params.duration, queryTime, step);
    const range = { namespaces: params.namespaces, rateWindow: seriesRateWindow(step), start: times[0] ?? queryTime, end: queryTime, step };
    // The inventory only decides waypoint merging and names here: without it the series are still right.
    const [timed, inventory] = await Promise.all([samplesRange(range, signal), deps.inventory.inventory().catch(() => EMPTY_INVENTORY)]);
    const graphs = timed.map(({ time, samples }) => ({
      time,
      graph: buildGraph(samples, inventory, {
        graphType: params.graphType,
        namespaces: params.namespaces,
        duration: range.rateWindow,
        queryTime: time,
        waypoints: params.waypoints,
        idle: false,
        ...(viewer.accessibleNamespaces ? { accessibleNamespaces: viewer.accessibleNamespaces } : {}),
      }),
    }));
    return { step, graphs };
  }

  return {
    async series(params, viewer = {}, signal) {
      const { step, graphs } = await snapshots(params, viewer, signal);
      const subject = params.edge !== undefined ? { kind: 'edge' as const, id: params.edge } : { kind: 'node' as const, id: params.node ?? '' };
      return seriesOf(graphs, subject, step);
    },
    async sparklines(params, viewer = {}, signal) {
      const { step, graphs } = await snapshots(params, viewer, signal);
      return sparklinesOf(graphs, step);
    },
  };
}
