// React Query options for GET /api/overview and GET /api/security (+ /dataplane).
import type { DataplaneResponse, SecurityPostureResponse } from '@/lib/posture/responses';
import type { Overview } from '@/lib/posture/overview';
import { LIVE_REFRESH_MS, resourceQuery, type ResourceOptions } from './resource';

export type { Overview } from '@/lib/posture/overview';

export type { DataplaneResponse, SecurityPostureResponse, SourceStatus } from '@/lib/posture/responses';

export const overviewQuery = (duration: number, options: ResourceOptions = {}) =>
  resourceQuery<Overview>(['overview'], '/api/overview', { duration }, { refetchInterval: LIVE_REFRESH_MS * 2, ...options });

export const securityQuery = (duration: number, options: ResourceOptions = {}) =>
  resourceQuery<SecurityPostureResponse>(['security'], '/api/security', { duration }, { refetchInterval: LIVE_REFRESH_MS * 2, ...options });

export const dataplaneQuery = (options: ResourceOptions = {}) =>
  resourceQuery<DataplaneResponse>(['security', 'dataplane'], '/api/security/dataplane', {}, { refetchInterval: LIVE_REFRESH_MS, ...options });
