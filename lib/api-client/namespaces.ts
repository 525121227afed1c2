// React Query options for GET /api/namespaces: the namespaces this user may see.
import { fetchJson, type FetchJsonOptions } from './fetchJson';

export interface VisibleNamespace {
  name: string;
  /** Enrolled in ambient mode (istio.io/dataplane-mode=ambient). */
  ambient: boolean;
}

export interface NamespaceList {
  namespaces: VisibleNamespace[];
}

export function fetchNamespaces(options: FetchJsonOptions & { basePath?: string } = {}): Promise<NamespaceList> {
  return fetchJson<NamespaceList>(`${options.basePath ?? ''}/api/namespaces`, options);
}

export const namespaceKeys = {
  all: ['namespaces'] as const,
  list: () => ['namespaces', 'list'] as const,
};

export function namespacesQuery(options: { basePath?: string } = {}) {
  return {
    queryKey: namespaceKeys.list(),
    queryFn: ({ signal }: { signal: AbortSignal }) => fetchNamespaces({ signal, basePath: options.basePath }),
    staleTime: 30_000,
  };
}
