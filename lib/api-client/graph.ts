// React Query options for GET /api/graph; the parameters are lib/graph/query.ts's, in their canonical URL form.
import type { MeshGraph } from '@/lib/graph/model';
import { graphSearchParams, type GraphRequest } from '@/lib/graph/query';
import { apiQueryOptions, apiUrl, type ApiQueryOptions } from './resource';

const graphParams = (request: GraphRequest) => Object.fromEntries(graphSearchParams(request));

export const graphUrl = (request: GraphRequest): string => apiUrl('/api/graph', graphParams(request));

export const graphQueryOptions = (request: GraphRequest, options: ApiQueryOptions = {}) =>
  apiQueryOptions<MeshGraph>('/api/graph', graphParams(request), { enabled: request.namespaces.length > 0, acceptGzip: true, ...options });
