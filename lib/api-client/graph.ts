// React Query options for GET /api/graph. The key holds the whole query, so two views that ask
// the same question share one cache entry.
import type { GraphType, MeshGraph } from '@/lib/graph/model';
import { fetchJson, type FetchJsonOptions } from './fetchJson';

/** What the graph API is asked. Mirrors the server's GraphQuery (lib/graph/query.ts). */
export interface GraphRequest {
  namespaces: string[];
  graphType: GraphType;
  /** Seconds. */
  duration: number;
  /** Unix seconds; absent means "now". */
  queryTime?: number;
  idle: boolean;
  waypoints: 'show' | 'merge';
}

/** The query string of /api/graph; namespaces sorted so equal questions give equal URLs. */
export function graphSearchParams(q: GraphRequest): URLSearchParams {
  const params = new URLSearchParams();
  params.set('namespaces', [...q.namespaces].sort().join(','));
  params.set('graphType', q.graphType);
  params.set('duration', String(q.duration));
  if (q.queryTime !== undefined) params.set('queryTime', String(q.queryTime));
  params.set('idle', String(q.idle));
  params.set('waypoints', q.waypoints);
  return params;
}

export function graphUrl(q: GraphRequest, basePath = ''): string {
  return `${basePath}/api/graph?${graphSearchParams(q).toString()}`;
}

export function fetchGraph(q: GraphRequest, options: FetchJsonOptions & { basePath?: string } = {}): Promise<MeshGraph> {
  return fetchJson<MeshGraph>(graphUrl(q, options.basePath), options);
}

export const graphKeys = {
  all: ['graph'] as const,
  one: (q: GraphRequest) => ['graph', { ...q, namespaces: [...q.namespaces].sort() }] as const,
};

export function graphQuery(q: GraphRequest, options: { basePath?: string } = {}) {
  return {
    queryKey: graphKeys.one(q),
    queryFn: ({ signal }: { signal: AbortSignal }) => fetchGraph(q, { signal, basePath: options.basePath }),
    enabled: q.namespaces.length > 0,
  };
}
