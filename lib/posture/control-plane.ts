// One verdict for the control plane (Sail resources, istiod, ztunnel and istio-cni DaemonSets),
// with every problem in words. Pure.
import type { ComponentRow, ControlPlane, DaemonSetRow, IstioRow } from '@/lib/kube/wire/control-plane';

export type ControlPlaneState = 'healthy' | 'degraded' | 'down' | 'unknown';

export interface ControlPlaneHealth {
  state: ControlPlaneState;
  /** A short phrase for a headline ("Healthy", "2 problems"). */
  summary: string;
  /** Istio installed by the Sail Operator (false: Helm/istioctl, or not readable). */
  sail: boolean;
  issues: string[];
}

function conditionText(row: IstioRow | ComponentRow): string {
  const bad = row.conditions.find((c) => c.status !== 'True' && (c.type === 'Ready' || c.type === 'Reconciled'));
  if (!bad) return '';
  return `: ${bad.type}=${bad.status}${bad.reason ? ` (${bad.reason})` : ''}${bad.message ? ` ${bad.message}` : ''}`;
}

function daemonSetIssue(label: string, ds: DaemonSetRow): string | undefined {
  if (ds.desired > 0 && ds.ready >= ds.desired) return undefined;
  const notReady = ds.pods.filter((p) => !p.ready).map((p) => p.node ?? p.pod);
  const where = notReady.length > 0 ? ` (not ready on ${notReady.join(', ')})` : '';
  return `${label} DaemonSet ${ds.namespace}/${ds.name}: ${ds.ready}/${ds.desired} pods ready${where}`;
}

export function controlPlaneHealth(view: ControlPlane): ControlPlaneHealth {
  const sail = view.sail.state === 'installed';
  const issues: string[] = [];
  if (view.sail.state === 'forbidden' || view.sail.state === 'error') issues.push(view.sail.message);
  for (const istio of view.istios) {
    if (istio.status !== 'Healthy') issues.push(`Istio ${istio.name} is ${istio.status ?? 'without status'}${conditionText(istio)}`);
  }
  for (const [kind, rows] of [['IstioCNI', view.istioCNIs], ['ZTunnel', view.ztunnels]] as const) {
    for (const r of rows) if (r.ready !== 'True') issues.push(`${kind} ${r.name} is not ready${conditionText(r) || (r.status ? ` (${r.status})` : '')}`);
  }
  for (const ds of view.ztunnelDaemonSets) {
    const issue = daemonSetIssue('ztunnel', ds);
    if (issue) issues.push(issue);
  }
  for (const ds of view.cniDaemonSets) {
    const issue = daemonSetIssue('istio-cni', ds);
    if (issue) issues.push(issue);
  }
  const istiodReady = view.istiod.filter((p) => p.ready).length;
  if (view.istiod.length > 0 && istiodReady === 0) issues.push('No istiod pod is ready');

  const nothing = view.istiod.length === 0 && view.ztunnelDaemonSets.length === 0 && view.istios.length === 0;
  if (nothing) {
    return { state: 'unknown', sail, summary: 'Not found', issues: [...issues, 'No istiod, ztunnel DaemonSet or Sail Istio resource is visible'] };
  }
  const ztunnelsDown = view.ztunnelDaemonSets.length > 0 && view.ztunnelDaemonSets.every((d) => d.ready === 0);
  if ((view.istiod.length > 0 && istiodReady === 0) || ztunnelsDown) return { state: 'down', sail, summary: 'Down', issues };
  if (issues.length > 0) return { state: 'degraded', sail, summary: issues.length === 1 ? '1 problem' : `${issues.length} problems`, issues };
  return { state: 'healthy', sail, summary: 'Healthy', issues };
}
