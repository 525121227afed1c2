// The state the sidecar injector leaves at start: every pod created in a namespace (or with a pod
// label) that asks for injection carries its Envoy sidecar. Runs before istio-cni's redirection,
// which then skips those pods.

import type { KubeObject } from '../store';
import type { ScenarioObject } from './types';
import { injectSidecar, wantsSidecar } from '../mesh/injection';
import { workloadOf } from '../mesh/view';

export function applyInitialInjection(objects: ScenarioObject[], clusterId: string, trustDomain: string): void {
  const namespaces = new Map<string, KubeObject>();
  for (const o of objects) if (o.type === 'namespaces') namespaces.set(o.object.metadata.name, o.object);
  for (const o of objects) {
    if (o.type !== 'pods' || !wantsSidecar(o.object, namespaces.get(o.object.metadata.namespace ?? ''))) continue;
    o.object = injectSidecar(o.object, { clusterId, trustDomain, workloadName: workloadOf(o.object).workloadName });
  }
}
