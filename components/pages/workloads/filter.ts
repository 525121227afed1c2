// Workloads page (pods as ztunnel and Kubernetes see them): filter, search and sort. Pure.
import type { DataplaneRow } from '@/lib/posture/dataplane';

export const protocolFilters = ['all', 'HBONE', 'TCP', 'missing'] as const;
export type ProtocolFilter = (typeof protocolFilters)[number];
export const protocolFilterLabels: Record<ProtocolFilter, string> = { all: 'Any protocol', HBONE: 'HBONE', TCP: 'TCP', missing: 'Not in ztunnel' };

export const dataplaneSortKeys = ['namespace', 'pod', 'node', 'protocol', 'enrollment'] as const;
export type DataplaneSortKey = (typeof dataplaneSortKeys)[number];

export interface DataplaneFilter {
  q: string;
  namespace: string;
  protocol: ProtocolFilter;
  mismatchOnly: boolean;
  sort: DataplaneSortKey;
  direction: 'asc' | 'desc';
}

const text = (r: DataplaneRow): string =>
  [r.namespace, r.pod, r.kube?.workload, r.ztunnel?.workload, r.kube?.node, r.ztunnel?.node, r.kube?.ip, ...(r.ztunnel?.addresses ?? []), r.ztunnel?.waypoint, r.kube?.identity]
    .filter(Boolean)
    .join(' ')
    .toLowerCase();

export function filterDataplane(rows: DataplaneRow[], f: DataplaneFilter): DataplaneRow[] {
  const q = f.q.trim().toLowerCase();
  const out = rows.filter((r) => {
    if (f.namespace && r.namespace !== f.namespace) return false;
    if (f.mismatchOnly && r.mismatches.length === 0) return false;
    if (f.protocol === 'missing' && r.ztunnel) return false;
    if ((f.protocol === 'HBONE' || f.protocol === 'TCP') && r.ztunnel?.protocol !== f.protocol) return false;
    return !q || text(r).includes(q);
  });
  const key: Record<DataplaneSortKey, (r: DataplaneRow) => string> = {
    namespace: (r) => `${r.namespace}/${r.pod}`,
    pod: (r) => r.pod,
    node: (r) => r.kube?.node ?? r.ztunnel?.node ?? '~',
    protocol: (r) => r.ztunnel?.protocol ?? '~',
    enrollment: (r) => r.kube?.enrollment ?? '~',
  };
  const sign = f.direction === 'desc' ? -1 : 1;
  return out.sort((a, b) => sign * (key[f.sort](a).localeCompare(key[f.sort](b)) || `${a.namespace}/${a.pod}`.localeCompare(`${b.namespace}/${b.pod}`)));
}
