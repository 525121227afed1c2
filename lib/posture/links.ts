// Where to go to see or fix a thing: app URLs shared by the posture, the overview and the pages. Pure.

const qs = (params: Record<string, string | undefined>): string => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') p.set(k, v);
  const s = p.toString();
  return s ? `?${s}` : '';
};

/** The traffic graph over these namespaces, optionally with an edge or node selected. */
export function graphHref(namespaces: string[], options: { selected?: string; duration?: number; waypoints?: 'show' | 'merge' } = {}): string {
  const list = [...new Set(namespaces.filter(Boolean))].sort();
  return `/graph${qs({
    namespaces: list.join(','),
    duration: options.duration ? String(options.duration) : undefined,
    waypoints: options.waypoints,
    selected: options.selected,
  })}`;
}

export function workloadHref(namespace: string, name: string): string {
  return `/workloads/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`;
}

export function namespaceHref(namespace: string): string {
  return `/namespaces${qs({ q: namespace })}`;
}

export function ztunnelHref(params: { tab?: 'nodes' | 'workloads' | 'services' | 'policies' | 'certificates' | 'logs'; q?: string; namespace?: string; workload?: string; node?: string; errors?: boolean } = {}): string {
  return `/ztunnel${qs({
    tab: params.tab,
    q: params.q,
    namespace: params.namespace,
    workload: params.workload,
    node: params.node,
    errors: params.errors ? 'true' : undefined,
  })}`;
}

export function workloadsHref(params: { q?: string; namespace?: string; mismatch?: boolean } = {}): string {
  return `/workloads${qs({ q: params.q, namespace: params.namespace, mismatch: params.mismatch ? 'true' : undefined })}`;
}
