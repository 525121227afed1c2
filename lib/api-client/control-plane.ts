// React Query options for GET /api/control-plane.
import type { ControlPlaneResponse } from '@/lib/kube/wire/control-plane';
import { apiQueryOptions, live, type ApiQueryOptions } from './resource';

// Components read the wire types from here (they do not import lib/kube).
export type {
  ComponentRow,
  ControlPlane,
  ControlPlaneResponse,
  DaemonSetRow,
  IstiodPod,
  IstioRow,
  ResourceState,
  SailAvailability,
  SailConditionRow,
} from '@/lib/kube/wire/control-plane';

export const controlPlaneQueryOptions = (options: ApiQueryOptions = {}) => apiQueryOptions<ControlPlaneResponse>('/api/control-plane', {}, live(options));
