// React Query options for GET /api/security and /api/security/dataplane.
import type { WindowParams } from '@/lib/posture/query';
import type { DataplaneResponse, SecurityPostureResponse } from '@/lib/posture/responses';
import { apiQueryOptions, LIVE_REFRESH_MS, live, type ApiQueryOptions } from './resource';

export const securityQueryOptions = (params: WindowParams, options: ApiQueryOptions = {}) =>
  apiQueryOptions<SecurityPostureResponse>('/api/security', params, { refetchInterval: LIVE_REFRESH_MS * 2, ...options });

export const dataplaneQueryOptions = (options: ApiQueryOptions = {}) => apiQueryOptions<DataplaneResponse>('/api/security/dataplane', {}, live(options));
