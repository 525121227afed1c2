// API rows built from the cluster model and the ztunnel views, with the per-user namespace filter
// applied (accessibleNamespaces undefined = everything). Pure.
import { identityNamespace, isHiddenPeer, maySee, opaquePeer, peerNamespace, peerSecrets, scrub } from '@/lib/graph/redaction';
import { countPods, emptyCounts, waypointsOf } from '@/lib/posture/pod-counts';
import type { ClusterModel, WorkloadView } from './cluster-model';
import type { ControlPlane } from './wire/control-plane';
import type { NamespaceRow } from './wire/namespaces';
import type { WorkloadDetail, WorkloadRow } from './wire/workloads';
import type { ZtunnelClusterView, ZtunnelTableName, ZtunnelTableResponse } from './wire/ztunnel';
import type { PodByAddress, ZtunnelLogLine, ZtunnelLogs } from './wire/ztunnel-logs';
import type { ZtunnelDumpResult } from './ztunnel/merge';

export type Access = ReadonlySet<string> | undefined;

export const canSee = maySee;

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

/**
 * A ztunnel pod's row as a user who may not see the ztunnel namespace gets it: its node and health,
 * with the pod's name and namespace blanked and any error text (it names pods and addresses) generic.
 */
function withoutPod<T extends { pod: string; namespace: string; message?: string }>(row: T): T {
  return { ...row, pod: '', namespace: '', ...(row.message !== undefined ? { message: 'did not answer' } : {}) };
}

/** The ztunnel pods' rows: whole for users who see the ztunnel namespace, else node and health only. */
export function filterZtunnelPods<T extends { pod: string; namespace: string; message?: string }>(rows: T[], access: Access): T[] {
  return rows.map((r) => (canSee(access, r.namespace) ? r : withoutPod(r)));
}

/** A "namespace/name" reference (a waypoint) that points into a namespace the user may not see is dropped. */
const visibleRef = (access: Access, ref: string | undefined): string | undefined =>
  ref === undefined || !ref.includes('/') || canSee(access, ref.split('/')[0]) ? ref : undefined;

export function filterZtunnelView(view: ZtunnelClusterView, access: Access, ztunnelNamespace: string | undefined): ZtunnelClusterView {
  if (!access) return view;
  const seesZtunnels = canSee(access, ztunnelNamespace);
  return {
    ztunnels: filterZtunnelPods(view.ztunnels, access),
    workloads: view.workloads.filter((w) => canSee(access, w.namespace)).map((w) => ({ ...w, waypoint: visibleRef(access, w.waypoint) })),
    services: view.services.filter((s) => canSee(access, s.namespace)).map((s) => ({ ...s, waypoint: visibleRef(access, s.waypoint) })),
    policies: view.policies.filter((p) => canSee(access, p.namespace)),
    certificates: view.certificates
      .filter((c) => canSee(access, identityNamespace(c.identity)))
      .map((c) => (seesZtunnels ? c : { ...c, ztunnel: '' })),
  };
}

/**
 * An access record as this user may see it (undefined: not at all). Kept when either side is in a
 * namespace the user may see; the other side is redacted by the graph's rule (lib/graph/redaction.ts)
 * and its names scrubbed from the free text. Other lines come from the ztunnel pods themselves and
 * need the ztunnel namespace.
 */
export function visibleLogLine(
  original: ZtunnelLogLine,
  access: Access,
  ztunnelNamespace: string | undefined,
  namespaceOfAddress: (address: string) => string | undefined = () => undefined,
): ZtunnelLogLine | undefined {
  if (!access) return original;
  const seesZtunnel = canSee(access, ztunnelNamespace);
  if (original.kind === 'raw') return seesZtunnel ? original : undefined;
  // ztunnel names no namespace for a peer outside the mesh; its pod IP still says whose it is.
  const placed = <P extends { addr?: string; namespace?: string; identity?: string }>(peer: P): P => {
    if (peerNamespace(peer) !== undefined || !peer.addr) return peer;
    const namespace = namespaceOfAddress(peer.addr.replace(/^\[?([^\]]+?)\]?:\d+$/, '$1'));
    return namespace === undefined ? peer : { ...peer, namespace };
  };
  const line = { ...original, src: placed(original.src), dst: placed(original.dst) };
  const srcHidden = isHiddenPeer(access, line.src);
  const dstHidden = isHiddenPeer(access, line.dst);
  const srcShown = !srcHidden && canSee(access, peerNamespace(line.src));
  const dstShown = !dstHidden && canSee(access, peerNamespace(line.dst));
  if (!srcShown && !dstShown) return undefined;
  const secrets = [...(srcHidden ? peerSecrets(line.src) : []), ...(dstHidden ? peerSecrets(line.dst) : [])];
  const { ztunnel, ...rest } = line;
  return {
    ...rest,
    ...(seesZtunnel && ztunnel !== undefined ? { ztunnel } : {}),
    message: scrub(line.message, secrets) ?? '',
    error: scrub(line.error, secrets),
    src: srcHidden ? opaquePeer(line.src) : original.src,
    dst: dstHidden ? opaquePeer(line.dst) : original.dst,
  };
}

/** The per-ztunnel log statuses, as filterZtunnelPods shows ztunnel pods. */
export function filterLogStatuses(logs: ZtunnelLogs, access: Access): ZtunnelLogs {
  return access ? { ...logs, ztunnels: filterZtunnelPods(logs.ztunnels, access) } : logs;
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
