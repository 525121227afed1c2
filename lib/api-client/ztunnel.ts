// React Query options for GET /api/ztunnel, its config_dump tables and its access logs.
import type { z } from 'zod';
import type { ZtunnelPodsResponse, ZtunnelTableName, ZtunnelTableParams, ZtunnelTableResponse } from '@/lib/kube/wire/ztunnel';
import type { ZtunnelLogParams, ZtunnelLogs } from '@/lib/kube/wire/ztunnel-logs';
import { apiQueryOptions, live, type ApiQueryOptions } from './resource';

// Components read the wire types from here (they do not import lib/kube).
export type {
  Reported,
  ZtunnelCertificate,
  ZtunnelClusterView,
  ZtunnelHeldCertificate,
  ZtunnelPodRow,
  ZtunnelPodsResponse,
  ZtunnelPolicy,
  ZtunnelService,
  ZtunnelStatus,
  ZtunnelTableName,
  ZtunnelTableResponse,
  ZtunnelWorkload,
} from '@/lib/kube/wire/ztunnel';
export type { AccessLogRecord, PodByAddress, RawLogLine, ZtunnelLogLine, ZtunnelLogs, ZtunnelLogStatus } from '@/lib/kube/wire/ztunnel-logs';

export const ztunnelPodsQueryOptions = (options: ApiQueryOptions = {}) => apiQueryOptions<ZtunnelPodsResponse>('/api/ztunnel', {}, live(options));

export const ztunnelTableQueryOptions = <T extends ZtunnelTableName>(table: T, params: z.input<typeof ZtunnelTableParams> = {}, options: ApiQueryOptions = {}) =>
  apiQueryOptions<ZtunnelTableResponse<T>>(`/api/ztunnel/${table}`, params, live(options));

export const ztunnelLogsQueryOptions = (params: z.input<typeof ZtunnelLogParams>, options: ApiQueryOptions = {}) =>
  apiQueryOptions<ZtunnelLogs>('/api/ztunnel/logs', params, live(options));
