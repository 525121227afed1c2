// API rows built from the cluster model and the ztunnel views, with the per-user namespace filter
// applied (accessibleNamespaces undefined = everything). Pure.
import { countPods, emptyCounts, waypointsOf } from '@/lib/posture/pod-counts';
import type { ClusterModel, WorkloadView } from './cluster-model';
import type { ControlPlane } from './wire/control-plane';
import type { NamespaceRow } from './wire/namespaces';
import type { WorkloadDetail, WorkloadRow } from './wire/workloads';
import type { ZtunnelClusterView, ZtunnelTableName, ZtunnelTableResponse } from './wire/ztunnel';
import type { PodByAddress, ZtunnelLogs } from './wire/ztunnel-logs';
import type { ZtunnelDumpResult } from './ztunnel/merge';

export type Access = ReadonlySet<string> | undefined;

export const canSee = (access: Access, namespace: string | undefined): boolean => !access || (namespace !== undefined && access.has(namespace));

export function namespaceRows(model: ClusterModel, access: Access): NamespaceRow[] {
  const counts = countPods(model.workloads, model.namespaces);
  return model.namespaces
    .filter((n) => canSee(access, n.name))
    .map((n): NamespaceRow => ({ ...n, ambient: n.enrollment.labelled, podCounts: counts.byNamespace.get(n.name) ?? emptyCounts(), waypoints: waypointsOf(n.name, model) }));
}

/** pod uid-less key "namespace/pod" -> protocol, from whatever ztunnel dumps are cached. */
export function ztunnelProtocols(results: ZtunnelDumpResult[]): Map<string, string> {
  const protocols = new Map<string, string>();
  for (const r of results) if (r.ok) for (const w of r.config.workloads) protocols.set(`${w.namespace}/${w.pod}`, w.protocol);
  return protocols;
}

function row(w: WorkloadView, protocols: Map<string, string>): WorkloadDetail {
  const podProtocols = w.pods.map((p) => protocols.get(`${p.namespace}/${p.pod}`));
  const known = [...new Set(podProtocols.filter((p): p is string => !!p))];
  return {
    ...w,
    waypoint: w.waypoint.kind === 'waypoint' ? w.waypoint.waypoint : undefined,
    waypointSource: w.waypoint.kind === 'none' ? undefined : w.waypoint.source,
    waypointOptedOut: w.waypoint.kind === 'opted-out',
    ztunnelProtocol: known.length === 0 ? undefined : known.join('/'),
    podCount: w.pods.length,
    readyPods: w.pods.filter((p) => p.ready).length,
    pods: w.pods.map((p, i) => ({ ...p, ztunnelProtocol: podProtocols[i] })),
  };
}

export function workloadRows(model: ClusterModel, protocols: Map<string, string>, access: Access, namespace?: string): WorkloadRow[] {
  return model.workloads
    .filter((w) => canSee(access, w.namespace) && (!namespace || w.namespace === namespace))
    .map((w) => {
      const { pods: _pods, ...summary } = row(w, protocols);
      return summary;
    });
}

export function workloadDetail(model: ClusterModel, protocols: Map<string, string>, access: Access, namespace: string, name: string): WorkloadDetail | undefined {
  if (!canSee(access, namespace)) return undefined;
  const w = model.workloads.find((x) => x.namespace === namespace && x.name === name);
  return w ? row(w, protocols) : undefined;
}

const identityNamespace = (identity: string): string | undefined => /\/ns\/([^/]+)\//.exec(identity)?.[1];

export function filterZtunnelView(view: ZtunnelClusterView, access: Access): ZtunnelClusterView {
  if (!access) return view;
  return {
    ztunnels: view.ztunnels,
    workloads: view.workloads.filter((w) => canSee(access, w.namespace)),
    services: view.services.filter((s) => canSee(access, s.namespace)),
    policies: view.policies.filter((p) => canSee(access, p.namespace)),
    certificates: view.certificates.filter((c) => canSee(access, identityNamespace(c.identity))),
  };
}

export function filterLogs(logs: ZtunnelLogs, access: Access, ztunnelNamespace: string | undefined): ZtunnelLogs {
  if (!access) return logs;
  return {
    ztunnels: logs.ztunnels,
    lines: logs.lines.filter((l) =>
      l.kind === 'access' ? canSee(access, l.src.namespace) || canSee(access, l.dst.namespace) : canSee(access, ztunnelNamespace),
    ),
  };
}

/** Sail resources are cluster-scoped and stay; namespaced pods and DaemonSets follow access. */
export function filterControlPlane(view: ControlPlane, access: Access): ControlPlane {
  if (!access) return view;
  return {
    ...view,
    ztunnelDaemonSets: view.ztunnelDaemonSets.filter((d) => canSee(access, d.namespace)),
    cniDaemonSets: view.cniDaemonSets.filter((d) => canSee(access, d.namespace)),
    istiod: view.istiod.filter((p) => canSee(access, p.namespace)),
  };
}

/** One table of the merged view, optionally for one namespace, with every ztunnel's status. */
export function ztunnelTable<T extends ZtunnelTableName>(view: ZtunnelClusterView, table: T, namespace?: string): ZtunnelTableResponse<T> {
  const inNamespace = (row: { namespace?: string; identity?: string }) =>
    !namespace || (row.namespace ?? (row.identity ? identityNamespace(row.identity) : undefined)) === namespace;
  const rows = (view[table] as { namespace?: string; identity?: string }[]).filter(inNamespace);
  return { ztunnels: view.ztunnels, [table]: rows } as ZtunnelTableResponse<T>;
}

/** "10.244.0.17:40978" or "[fd00::1]:80" -> the address without its port. */
function hostOf(addr: string): string {
  const v6 = /^\[(.+)\](?::\d+)?$/.exec(addr);
  if (v6?.[1]) return v6[1];
  const parts = addr.split(':');
  return parts.length === 2 ? (parts[0] ?? addr) : addr;
}

/**
 * A client ztunnel could not name (no src.workload) is named from the pod that holds its address,
 * when one does (e.g. a pod outside the discovery selectors) and the user may see its namespace.
 */
export function nameSourcesByAddress(logs: ZtunnelLogs, model: ClusterModel, access: Access): ZtunnelLogs {
  const byIp = new Map<string, PodByAddress>();
  for (const w of model.workloads) if (canSee(access, w.namespace)) for (const p of w.pods) if (p.ip) byIp.set(p.ip, { namespace: p.namespace, pod: p.pod, workload: w.name });
  return {
    ...logs,
    lines: logs.lines.map((l) => {
      if (l.kind !== 'access' || l.src.workload || !l.src.addr) return l;
      const found = byIp.get(hostOf(l.src.addr));
      return found ? { ...l, src: { ...l.src, byAddress: found } } : l;
    }),
  };
}
