// Namespaces page: filter, search and sort of the namespace rows. Pure.
import type { NamespaceRow } from '@/lib/api-client/namespaces';

export const enrollmentFilters = ['all', 'ambient', 'attention', 'not-enrolled', 'undiscovered'] as const;
export type EnrollmentFilter = (typeof enrollmentFilters)[number];

export const enrollmentFilterLabels: Record<EnrollmentFilter, string> = {
  all: 'All namespaces',
  ambient: 'Labelled for ambient',
  attention: 'Needs attention',
  'not-enrolled': 'Not enrolled',
  undiscovered: 'Outside discovery selectors',
};

export const namespaceSortKeys = ['name', 'enrollment', 'pods', 'workloads'] as const;
export type NamespaceSortKey = (typeof namespaceSortKeys)[number];

/** Pods not captured by ambient (and not a waypoint). */
export function notEnrolledPods(n: NamespaceRow): number {
  const c = n.enrollment.pods;
  return c['not-enrolled'] + c['opted-out'] + c.sidecar + c['host-network'];
}

export function needsAttention(n: NamespaceRow): boolean {
  return n.enrollment.unprotected > 0 || (n.ambient && !n.discovered) || n.enrollment.state === 'partial' || n.enrollment.state === 'pending';
}

function matches(n: NamespaceRow, filter: EnrollmentFilter): boolean {
  switch (filter) {
    case 'all':
      return true;
    case 'ambient':
      return n.ambient;
    case 'attention':
      return needsAttention(n);
    case 'not-enrolled':
      return !n.ambient && n.enrollment.pods.ambient === 0;
    case 'undiscovered':
      return !n.discovered;
  }
}

const enrollmentRank = { ambient: 0, partial: 1, pending: 2, none: 3, empty: 4 } as const;

export function filterNamespaces(rows: NamespaceRow[], options: { q: string; filter: EnrollmentFilter; sort: NamespaceSortKey; direction: 'asc' | 'desc' }): NamespaceRow[] {
  const q = options.q.trim().toLowerCase();
  const out = rows.filter((n) => matches(n, options.filter) && (!q || n.name.toLowerCase().includes(q) || [n.waypoint ?? '', ...n.waypoints.map((w) => w.waypoint)].some((w) => w.toLowerCase().includes(q))));
  const cmp: Record<NamespaceSortKey, (a: NamespaceRow, b: NamespaceRow) => number> = {
    name: (a, b) => a.name.localeCompare(b.name),
    enrollment: (a, b) => enrollmentRank[a.enrollment.state] - enrollmentRank[b.enrollment.state] || a.name.localeCompare(b.name),
    pods: (a, b) => a.pods.total - b.pods.total || a.name.localeCompare(b.name),
    workloads: (a, b) => a.workloads - b.workloads || a.name.localeCompare(b.name),
  };
  const sign = options.direction === 'desc' ? -1 : 1;
  return out.sort((a, b) => sign * cmp[options.sort](a, b));
}
