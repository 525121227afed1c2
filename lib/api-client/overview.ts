// React Query options for GET /api/overview.
import type { Overview } from '@/lib/posture/overview';
import type { WindowParams } from '@/lib/posture/query';
import { apiQueryOptions, LIVE_REFRESH_MS, type ApiQueryOptions } from './resource';

export const overviewQueryOptions = (params: WindowParams, options: ApiQueryOptions = {}) =>
  apiQueryOptions<Overview>('/api/overview', params, { refetchInterval: LIVE_REFRESH_MS * 2, ...options });
