// React Query options for GET /api/workloads and /api/workloads/{namespace}/{name}.
import type { z } from 'zod';
import type { WorkloadResponse, WorkloadsParams, WorkloadsResponse } from '@/lib/kube/wire/workloads';
import { apiQueryOptions, live, type ApiQueryOptions } from './resource';

// Components read the wire types from here (they do not import lib/kube).
export type { WorkloadDetail, WorkloadPod, WorkloadResponse, WorkloadRow, WorkloadsResponse } from '@/lib/kube/wire/workloads';
export type { NodePod, PodEnrollment, PodEnrollmentState } from '@/lib/kube/wire/pods';

export const workloadsQueryOptions = (params: z.input<typeof WorkloadsParams> = {}, options: ApiQueryOptions = {}) =>
  apiQueryOptions<WorkloadsResponse>('/api/workloads', params, live(options));

export const workloadDetailQueryOptions = (namespace: string, name: string, options: ApiQueryOptions = {}) =>
  apiQueryOptions<WorkloadResponse>(`/api/workloads/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`, {}, live(options));
