// Which pods are ztunnels, and what each node's ztunnel looks like. Pure.
import type { NodeZtunnel } from '../enrollment';
import { isPodLive, isPodReady, labelsOf, type Pod } from '../types';

export function isZtunnelPod(pod: Pod): boolean {
  const l = labelsOf(pod);
  return l['app'] === 'ztunnel' || l['app.kubernetes.io/name'] === 'ztunnel';
}

/** ztunnel pods, limited to ZTUNNEL_NAMESPACE when it is set (else found by label anywhere). */
export function ztunnelPods(pods: Pod[], ztunnelNamespace?: string): Pod[] {
  return pods
    .filter((p) => isZtunnelPod(p) && isPodLive(p) && (!ztunnelNamespace || p.metadata.namespace === ztunnelNamespace))
    .sort((a, b) => (a.spec?.nodeName ?? '').localeCompare(b.spec?.nodeName ?? '') || a.metadata.name.localeCompare(b.metadata.name));
}

/** node -> ready when any ztunnel on it is ready. Nodes not in the map have no ztunnel. */
export function nodeZtunnels(ztunnels: Pod[]): Map<string, NodeZtunnel> {
  const byNode = new Map<string, NodeZtunnel>();
  for (const z of ztunnels) {
    const node = z.spec?.nodeName;
    if (!node) continue;
    if (isPodReady(z)) byNode.set(node, 'ready');
    else if (!byNode.has(node)) byNode.set(node, 'not-ready');
  }
  return byNode;
}
