// React Query options for the Kubernetes-layer routes the ambient pages read (docs/api-kube.md).
import type { ControlPlaneView } from '@/lib/kube/control-plane';
import type { ZtunnelPodRow } from '@/lib/kube/layer';
import type { NamespaceRow, WorkloadDetail, WorkloadRow } from '@/lib/kube/views';
import type { ZtunnelLogs } from '@/lib/kube/ztunnel/log-reader';
import type { ZtunnelClusterView } from '@/lib/kube/ztunnel/merge';
import { LIVE_REFRESH_MS, resourceQuery, type ResourceOptions } from './resource';

export type { NamespaceRow, WorkloadDetail, WorkloadRow } from '@/lib/kube/views';
export type { ControlPlaneView } from '@/lib/kube/control-plane';
export type { ZtunnelPodRow } from '@/lib/kube/layer';
export type { ZtunnelClusterView, ZtunnelStatus } from '@/lib/kube/ztunnel/merge';
export type { AccessLogRecord, ZtunnelLogLine } from '@/lib/kube/ztunnel/logs';
export type { ZtunnelLogs } from '@/lib/kube/ztunnel/log-reader';
export type { NamespaceEnrollmentState, PodEnrollmentState } from '@/lib/kube/enrollment';
export type { ZtunnelCertificate } from '@/lib/kube/ztunnel/certificates';
export type { ZtunnelPolicy, ZtunnelService, ZtunnelWorkload } from '@/lib/kube/ztunnel/config-dump';
export type { ComponentRow, DaemonSetRow, IstioRow, SailConditionRow } from '@/lib/kube/control-plane';

const live = (options: ResourceOptions): ResourceOptions => ({ refetchInterval: LIVE_REFRESH_MS, ...options });

export const namespaceRowsQuery = (options: ResourceOptions = {}) =>
  resourceQuery<{ namespaces: NamespaceRow[] }>(['namespaces', 'rows'], '/api/namespaces', {}, live(options));

export const workloadRowsQuery = (namespace?: string, options: ResourceOptions = {}) =>
  resourceQuery<{ workloads: WorkloadRow[] }>(['workloads', 'rows'], '/api/workloads', { namespace }, live(options));

export const workloadDetailQuery = (namespace: string, name: string, options: ResourceOptions = {}) =>
  resourceQuery<{ workload: WorkloadDetail }>(['workloads', 'detail', namespace, name], `/api/workloads/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`, {}, live(options));

export const ztunnelPodsQuery = (options: ResourceOptions = {}) =>
  resourceQuery<{ ztunnels: ZtunnelPodRow[] }>(['ztunnel', 'pods'], '/api/ztunnel', {}, live(options));

export type ZtunnelTableName = 'workloads' | 'services' | 'policies' | 'certificates';
export type ZtunnelTableResponse<T extends ZtunnelTableName> = Pick<ZtunnelClusterView, 'ztunnels' | T>;

export const ztunnelTableQuery = <T extends ZtunnelTableName>(table: T, namespace?: string, options: ResourceOptions = {}) =>
  resourceQuery<ZtunnelTableResponse<T>>(['ztunnel', table], `/api/ztunnel/${table}`, { namespace }, live(options));

export interface ZtunnelLogFilter {
  namespace?: string;
  workload?: string;
  direction?: 'inbound' | 'outbound';
  errors?: boolean;
  tail?: number;
  limit?: number;
}

export const ztunnelLogsQuery = (filter: ZtunnelLogFilter, options: ResourceOptions = {}) =>
  resourceQuery<ZtunnelLogs>(['ztunnel', 'logs'], '/api/ztunnel/logs', { ...filter }, live(options));

export const controlPlaneQuery = (options: ResourceOptions = {}) =>
  resourceQuery<{ controlPlane: ControlPlaneView }>(['control-plane'], '/api/control-plane', {}, live(options));
