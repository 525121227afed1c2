// The one React Query option factory of our API, in the style of Prometheus' UI: the key is
// [path, params], so two views asking the same question share one cache entry; every
// per-resource factory (graph.ts, workloads.ts, ...) is one call of it.
import { fetchJson } from './fetch-json';

/** A URL parameter as the browser holds it; undefined and '' are left out of the URL. */
export type ApiParams = Readonly<Record<string, string | number | boolean | undefined>>;

export interface ApiQueryOptions {
  /** Refetch every this many ms while the page is open (pages that show live state). */
  refetchInterval?: number | false;
  staleTime?: number;
  enabled?: boolean;
  /** Take the answer as a gzip document when the route offers one (fetch-json.ts). */
  acceptGzip?: boolean;
}

/** Pages refresh live state this often. */
export const LIVE_REFRESH_MS = 15_000;

/** Live state refreshes itself unless the caller says otherwise. */
export const live = (options: ApiQueryOptions): ApiQueryOptions => ({ refetchInterval: LIVE_REFRESH_MS, ...options });

export function apiUrl(path: string, params: ApiParams = {}): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value !== undefined && value !== '') search.set(name, String(value));
  const qs = search.toString();
  return qs ? `${path}?${qs}` : path;
}

export function apiQueryOptions<T>(path: string, params: ApiParams = {}, options: ApiQueryOptions = {}) {
  const url = apiUrl(path, params);
  const { acceptGzip, ...query } = options;
  return {
    queryKey: [path, params] as const,
    queryFn: ({ signal }: { signal: AbortSignal }) => fetchJson<T>(url, { signal, ...(acceptGzip ? { acceptGzip } : {}) }),
    ...query,
  };
}
