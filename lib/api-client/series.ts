// React Query options for GET /api/graph/series (lib/graph/series.ts's parameters and wire type).
import type { EdgeSparklines, TrafficSeries } from '@/lib/graph/series';
import type { GraphType } from '@/lib/graph/model';
import type { WaypointMode } from '@/lib/graph/request';
import { apiQueryOptions, type ApiQueryOptions } from './resource';

export interface SeriesRequest {
  namespaces: string[];
  graphType: GraphType;
  waypoints: WaypointMode;
  duration: number;
  queryTime?: number;
  subject: { kind: 'edge' | 'node'; id: string };
}

export const seriesQueryOptions = (request: SeriesRequest, options: ApiQueryOptions = {}) =>
  apiQueryOptions<TrafficSeries>(
    '/api/graph/series',
    {
      namespaces: [...request.namespaces].sort().join(','),
      graphType: request.graphType,
      waypoints: request.waypoints,
      duration: request.duration,
      queryTime: request.queryTime,
      [request.subject.kind]: request.subject.id,
    },
    { enabled: request.namespaces.length > 0, ...options },
  );

/** Every edge's sparkline for a graph's namespaces (GET /api/graph/sparklines). */
export const sparklinesQueryOptions = (request: Omit<SeriesRequest, 'subject'>, options: ApiQueryOptions = {}) =>
  apiQueryOptions<EdgeSparklines>(
    '/api/graph/sparklines',
    { namespaces: [...request.namespaces].sort().join(','), graphType: request.graphType, waypoints: request.waypoints, duration: request.duration, queryTime: request.queryTime },
    { enabled: request.namespaces.length > 0, ...options },
  );
