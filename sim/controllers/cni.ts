// istio-cni's node agent as the simulator plays it: when a namespace or pod asks for ambient
// (istio.io/dataplane-mode=ambient) it annotates the pods ambient.istio.io/redirection=enabled,
// unless they opt out, use hostNetwork or a sidecar, or their node's ztunnel is not ready.
// Removing the label removes the annotation. A pod whose ztunnel goes down keeps it (and breaks).

import type { KubeObject, ObjectStore, WatchEvent } from '../store';
import { keys } from '../mesh/resource-types';
import { neverCaptured, REDIRECTION, wantsAmbient } from '../mesh/enrollment';
import { podReady } from '../mesh/view';

/** Nodes whose ztunnel pod is ready. */
export function readyZtunnelNodes(store: ObjectStore): Set<string> {
  const nodes = new Set<string>();
  for (const p of store.list(keys.pods)) {
    if (p.metadata.labels?.['app'] === 'ztunnel' && podReady(p)) nodes.add(String((p.spec as { nodeName?: string }).nodeName ?? ''));
  }
  return nodes;
}

/** Brings one pod's annotation in line with the rules; returns true when it changed it. */
export function reconcilePod(store: ObjectStore, pod: KubeObject, readyNodes: Set<string>): boolean {
  const ns = store.get(keys.namespaces, undefined, pod.metadata.namespace ?? '');
  const annotated = pod.metadata.annotations?.[REDIRECTION] === 'enabled';
  const wants = wantsAmbient(pod, ns) && !neverCaptured(pod);
  if (!annotated && wants && readyNodes.has(String((pod.spec as { nodeName?: string }).nodeName ?? ''))) {
    store.upsert(keys.pods, { ...pod, metadata: { ...pod.metadata, annotations: { ...pod.metadata.annotations, [REDIRECTION]: 'enabled' } } });
    return true;
  }
  if (annotated && !wants) {
    const annotations = { ...pod.metadata.annotations };
    delete annotations[REDIRECTION];
    store.upsert(keys.pods, { ...pod, metadata: { ...pod.metadata, annotations } });
    return true;
  }
  return false;
}

export function startCniController(store: ObjectStore): () => void {
  const pending = new Set<string>();
  let scheduled = false;
  const run = () => {
    scheduled = false;
    const work = [...pending];
    pending.clear();
    const readyNodes = readyZtunnelNodes(store);
    for (const item of work) {
      const [kind, namespace, name] = item.split('\u0000') as [string, string, string];
      const pods = kind === 'namespace'
        ? store.list(keys.pods, namespace)
        : kind === 'node'
          ? store.list(keys.pods).filter((p) => (p.spec as { nodeName?: string }).nodeName === namespace)
          : [store.get(keys.pods, namespace, name)].filter((p): p is KubeObject => p !== undefined);
      for (const pod of pods) reconcilePod(store, pod, readyNodes);
    }
  };
  const enqueue = (item: string) => {
    pending.add(item);
    if (!scheduled) {
      scheduled = true;
      queueMicrotask(run);
    }
  };
  return store.subscribe((key: string, event: WatchEvent) => {
    const o = event.object;
    if (key === keys.namespaces && event.type !== 'DELETED') enqueue(`namespace\u0000${o.metadata.name}\u0000`);
    if (key !== keys.pods || event.type === 'DELETED') return;
    if (o.metadata.labels?.['app'] === 'ztunnel') enqueue(`node\u0000${String((o.spec as { nodeName?: string }).nodeName ?? '')}\u0000`);
    else enqueue(`pod\u0000${o.metadata.namespace ?? ''}\u0000${o.metadata.name}`);
  });
}
