// React Query options for GET /api/namespaces: the namespaces this user may see.
import type { NamespacesResponse } from '@/lib/kube/wire/namespaces';
import { apiQueryOptions, live, type ApiQueryOptions } from './resource';

// Components read the wire types from here (they do not import lib/kube).
export type { NamespaceEnrollmentState, NamespaceRow, NamespacesResponse } from '@/lib/kube/wire/namespaces';

export const namespacesQueryOptions = (options: ApiQueryOptions = {}) => apiQueryOptions<NamespacesResponse>('/api/namespaces', {}, live(options));
