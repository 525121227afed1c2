// The state istio-cni leaves at start: every pod enrolled (and capturable) carries
// ambient.istio.io/redirection=enabled, except the workloads a scenario marks as missed.

import type { KubeObject } from '../store';
import type { ScenarioObject } from './types';
import { REDIRECTION, shouldRedirect } from '../mesh/enrollment';

/** `missed`: "namespace/deployment" names whose pods istio-cni never annotated. */
export function applyInitialRedirection(objects: ScenarioObject[], missed: Set<string> = new Set()): void {
  const namespaces = new Map<string, KubeObject>();
  for (const o of objects) if (o.type === 'namespaces') namespaces.set(o.object.metadata.name, o.object);
  for (const o of objects) {
    if (o.type !== 'pods') continue;
    const pod = o.object;
    const owner = pod.metadata.ownerReferences?.[0]?.name ?? '';
    const deployment = owner.slice(0, owner.lastIndexOf('-'));
    if (missed.has(`${pod.metadata.namespace}/${deployment}`)) continue;
    if (shouldRedirect(pod, namespaces.get(pod.metadata.namespace ?? ''), true)) {
      pod.metadata.annotations = { ...pod.metadata.annotations, [REDIRECTION]: 'enabled' };
    }
  }
}
