// React Query options for GET /api/migration/<namespace>: what moving it to ambient would change.
import type { MigrationResponse } from '@/lib/kube/wire/migration';
import { apiQueryOptions, type ApiQueryOptions } from './resource';

// Components read the wire types from here.
export type { MigrationPlan, MigrationResponse, PlanItem } from '@/lib/kube/wire/migration';

export const migrationQueryOptions = (namespace: string, options: ApiQueryOptions = {}) =>
  apiQueryOptions<MigrationResponse>(`/api/migration/${encodeURIComponent(namespace)}`, {}, options);
