// A React Query option factory for one GET JSON resource of our API: stable key, abortable fetch.
import { fetchJson } from './fetchJson';

export interface ResourceOptions {
  basePath?: string;
  /** Refetch every this many ms while the page is open (pages that show live state). */
  refetchInterval?: number;
}

export function resourceQuery<T>(queryKey: readonly unknown[], path: string, params: Record<string, string | number | boolean | undefined> = {}, options: ResourceOptions = {}) {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '' && v !== false) search.set(k, String(v));
  const qs = search.toString();
  const url = `${options.basePath ?? ''}${path}${qs ? `?${qs}` : ''}`;
  return {
    queryKey: [...queryKey, params] as const,
    queryFn: ({ signal }: { signal: AbortSignal }) => fetchJson<T>(url, { signal }),
    ...(options.refetchInterval ? { refetchInterval: options.refetchInterval } : {}),
  };
}

/** Pages refresh live state this often. */
export const LIVE_REFRESH_MS = 15_000;
