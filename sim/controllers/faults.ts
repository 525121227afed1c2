// Fault switches for tests and the demo: a node's ztunnel going not-ready (its pod, the DaemonSet
// and the Sail ZTunnel CR all say so; its admin and metrics ports stop answering) and coming back.

import type { KubeObject, ObjectStore } from '../store';
import { keys } from '../mesh/resource-types';
import { podReady } from '../mesh/view';
import { daemonSetCrStatus } from '../scenarios/control-plane';

function ztunnelPods(store: ObjectStore): KubeObject[] {
  return store.list(keys.pods).filter((p) => p.metadata.labels?.['app'] === 'ztunnel' && p.metadata.labels?.['app.kubernetes.io/name'] === 'ztunnel');
}

/** Sets the ztunnel pod on `node` ready or not; returns false when there is no ztunnel there. */
export function setZtunnelReady(store: ObjectStore, node: string, ready: boolean): boolean {
  const pods = ztunnelPods(store);
  const pod = pods.find((p) => (p.spec as { nodeName?: string }).nodeName === node);
  if (!pod) return false;
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const status = structuredClone(pod.status ?? {}) as { conditions?: { type: string; status: string; lastTransitionTime?: string }[]; containerStatuses?: Record<string, unknown>[] };
  const flag = ready ? 'True' : 'False';
  status.conditions = (status.conditions ?? []).map((c) => (c.type === 'Ready' || c.type === 'ContainersReady' ? { ...c, status: flag, lastTransitionTime: now } : c));
  status.containerStatuses = (status.containerStatuses ?? []).map((c) => ({
    ...c,
    ready,
    ...(ready ? {} : { restartCount: Number(c.restartCount ?? 0) + 1, lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: now } } }),
  }));
  store.upsert(keys.pods, { ...pod, status });

  const readyCount = ztunnelPods(store).filter(podReady).length;
  const total = pods.length;
  const namespace = pod.metadata.namespace ?? 'ztunnel';
  const ds = store.get(keys.daemonSets, namespace, 'ztunnel');
  if (ds) store.upsert(keys.daemonSets, { ...ds, status: { ...(ds.status as object), numberReady: readyCount, numberAvailable: readyCount, numberUnavailable: total - readyCount } });
  const cr = store.get(keys.ztunnels, undefined, 'default');
  if (cr) store.upsert(keys.ztunnels, { ...cr, status: daemonSetCrStatus(readyCount, total, now) });
  return true;
}
