// React Query options for GET /api/graph; the parameters are lib/graph/request.ts's (the browser side of lib/graph/query.ts), in their canonical URL form.
import type { MeshGraph } from '@/lib/graph/model';
import { graphSearchParams, type GraphRequest } from '@/lib/graph/request';
import { earlyFetchScript } from './early-fetch';
import { acceptHeader, withBasePath } from './fetch-json';
import { apiQueryOptions, apiUrl, type ApiQueryOptions } from './resource';

const graphParams = (request: GraphRequest) => Object.fromEntries(graphSearchParams(request));

export const graphUrl = (request: GraphRequest): string => apiUrl('/api/graph', graphParams(request));

/** Whether the page asks for this graph at all: with no namespace picked there is nothing to ask. */
const graphWanted = (request: GraphRequest): boolean => request.namespaces.length > 0;

export const graphQueryOptions = (request: GraphRequest, options: ApiQueryOptions = {}) =>
  apiQueryOptions<MeshGraph>('/api/graph', graphParams(request), { enabled: graphWanted(request), acceptGzip: true, ...options });

/**
 * The inline script that starts this graph's answer while the page's HTML is parsed, for the page's
 * own first ask to take (early-fetch.ts); null when the page will not ask.
 */
export const earlyGraphScript = (request: GraphRequest): string | null =>
  graphWanted(request) ? earlyFetchScript(withBasePath(graphUrl(request)), acceptHeader(true)) : null;
