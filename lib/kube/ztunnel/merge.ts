// Many ztunnels -> one cluster view. Workloads, services and policies are the same mesh-wide
// (every ztunnel gets them all), so they are merged and say which nodes reported them;
// certificates are per node (each ztunnel holds only its own pods' certificates). Pure.
import type { Reported, ZtunnelClusterView, ZtunnelPolicy, ZtunnelService, ZtunnelStatus, ZtunnelWorkload } from '../wire/ztunnel';
import type { ZtunnelConfig } from './config-dump';

export interface ZtunnelSource {
  namespace: string;
  pod: string;
  node?: string;
}

export type ZtunnelDumpResult =
  | (ZtunnelSource & { ok: true; config: ZtunnelConfig; fetchedAt: string })
  | (ZtunnelSource & { ok: false; code: string; message: string; fetchedAt: string });

function reporter(r: ZtunnelSource): string {
  return r.node ?? r.pod;
}

function mergeBy<T>(target: Map<string, Reported<T>>, key: string, row: T, by: string): void {
  const existing = target.get(key);
  if (existing) {
    if (!existing.reportedBy.includes(by)) existing.reportedBy.push(by);
  } else {
    target.set(key, { ...row, reportedBy: [by] });
  }
}

export function mergeZtunnelDumps(results: ZtunnelDumpResult[]): ZtunnelClusterView {
  const workloads = new Map<string, Reported<ZtunnelWorkload>>();
  const services = new Map<string, Reported<ZtunnelService>>();
  const policies = new Map<string, Reported<ZtunnelPolicy>>();
  const certificates: ZtunnelClusterView['certificates'] = [];
  const ztunnels: ZtunnelStatus[] = [];
  for (const r of [...results].sort((a, b) => reporter(a).localeCompare(reporter(b)))) {
    const source = { namespace: r.namespace, pod: r.pod, node: r.node, fetchedAt: r.fetchedAt };
    if (!r.ok) {
      ztunnels.push({ ...source, ok: false, message: r.message });
      continue;
    }
    ztunnels.push({ ...source, ok: true, shape: r.config.shape, version: r.config.version });
    const by = reporter(r);
    for (const w of r.config.workloads) mergeBy(workloads, w.uid, w, by);
    for (const s of r.config.services) mergeBy(services, `${s.namespace}/${s.hostname ?? s.name}`, s, by);
    for (const p of r.config.policies) mergeBy(policies, `${p.namespace}/${p.name}`, p, by);
    for (const c of r.config.certificates) certificates.push({ ...c, node: r.node, ztunnel: r.pod });
  }
  const byName = <T extends { namespace: string }>(key: (t: T) => string) => (a: T, b: T) =>
    a.namespace.localeCompare(b.namespace) || key(a).localeCompare(key(b));
  return {
    ztunnels,
    workloads: [...workloads.values()].sort(byName((w) => w.pod)),
    services: [...services.values()].sort(byName((s) => s.name)),
    policies: [...policies.values()].sort(byName((p) => p.name)),
    certificates,
  };
}
