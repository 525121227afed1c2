import 'server-only';
import { buildGraph } from '@/lib/graph/build';
import type { Inventory, InventorySource } from '@/lib/graph/inventory';
import { seriesOf, seriesRateWindow, seriesStep, seriesTimes, type SeriesParams, type TrafficSeries } from '@/lib/graph/series';
import type { MetricsSource } from '@/lib/graph/samples';
import { AppError } from '@/lib/errors';
import type { GraphViewer } from './graph';

// getSeries: the samples at every step of the window (a constant number of range queries, or one
// request to the simulator's history), then one graph per step from the same pure core, then the
// subject's columns. A step's graph is small: only the subject's namespaces are asked.

export type SeriesService = (params: SeriesParams, viewer?: GraphViewer, signal?: AbortSignal) => Promise<TrafficSeries>;

const EMPTY_INVENTORY: Inventory = { trustDomain: 'cluster.local', namespaces: [], workloads: [], services: [] };

export function createSeriesService(deps: { metrics: MetricsSource; inventory: InventorySource; now?: () => number }): SeriesService {
  const now = deps.now ?? (() => Math.floor(Date.now() / 1000));
  return async function getSeries(params, viewer = {}, signal) {
    const samplesRange = deps.metrics.samplesRange?.bind(deps.metrics);
    if (!samplesRange) throw new AppError('not_found', 'This metrics source keeps no history to chart');
    const queryTime = Math.min(params.queryTime ?? now(), now());
    const step = seriesStep(params.duration);
    const times = seriesTimes(params.duration, queryTime, step);
    const start = times[0] ?? queryTime;
    const range = { namespaces: params.namespaces, rateWindow: seriesRateWindow(step), start, end: queryTime, step };
    // The inventory only decides waypoint merging and names here: without it the series are still right.
    const [timed, inventory] = await Promise.all([samplesRange(range, signal), deps.inventory.inventory().catch(() => EMPTY_INVENTORY)]);
    const snapshots = timed.map(({ time, samples }) => ({
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
    const subject = params.edge !== undefined ? { kind: 'edge' as const, id: params.edge } : { kind: 'node' as const, id: params.node ?? '' };
    return seriesOf(snapshots, subject, step);
  };
}
