// istiod's gateway deployment controller as the simulator plays it: a Gateway of class
// istio-waypoint (or istio) gets its ServiceAccount, Deployment, ReplicaSet, pods and Service;
// deleting the Gateway deletes what was generated for it.

import type { KubeObject, ObjectStore, WatchEvent } from '../store';
import { keys } from '../mesh/resource-types';
import { BuildContext } from '../scenarios/objects';
import { AddressPlan } from '../scenarios/ids';
import { generatedName, generateGatewayResources } from '../mesh/gateway-resources';

const CLASSES = new Set(['istio-waypoint', 'istio']);

export function startGatewayController(store: ObjectStore, seed: string): () => void {
  let generation = 0;
  const create = (gateway: KubeObject) => {
    const namespace = gateway.metadata.namespace ?? 'default';
    if (store.get(keys.deployments, namespace, generatedName(gateway))) return;
    generation++;
    const ctx = new BuildContext(`${seed}/gw/${generation}`, new Date().toISOString().replace(/\.\d+Z$/, 'Z'), new AddressPlan(200_000 + generation * 64));
    const nodes = store.list(keys.nodes).map((n) => n.metadata.name).sort();
    for (const n of nodes) ctx.knowNode(n);
    const node = nodes[generation % Math.max(1, nodes.length)] ?? 'node-0';
    const withStatus = generateGatewayResources(ctx, gateway, [node]);
    for (const o of ctx.objects) store.upsert(keys[o.type], o.object);
    store.upsert(keys.gateways, withStatus);
  };
  const remove = (gateway: KubeObject) => {
    const namespace = gateway.metadata.namespace ?? 'default';
    const name = generatedName(gateway);
    const owned = (o: KubeObject) => o.metadata.ownerReferences?.some((r) => r.kind === 'Gateway' && r.name === gateway.metadata.name);
    const deployment = store.get(keys.deployments, namespace, name);
    if (deployment && owned(deployment)) {
      for (const rs of store.list(keys.replicaSets, namespace).filter((r) => r.metadata.ownerReferences?.some((o) => o.uid === deployment.metadata.uid))) {
        for (const pod of store.list(keys.pods, namespace).filter((p) => p.metadata.ownerReferences?.some((o) => o.uid === rs.metadata.uid))) store.delete(keys.pods, namespace, pod.metadata.name);
        store.delete(keys.replicaSets, namespace, rs.metadata.name);
      }
      store.delete(keys.deployments, namespace, name);
    }
    for (const key of [keys.services, keys.serviceAccounts]) {
      const o = store.get(key, namespace, name);
      if (o && owned(o)) store.delete(key, namespace, name);
    }
  };
  return store.subscribe((key: string, event: WatchEvent) => {
    if (key !== keys.gateways) return;
    const gateway = event.object;
    if (!CLASSES.has(String((gateway.spec as { gatewayClassName?: string } | undefined)?.gatewayClassName))) return;
    if (event.type === 'DELETED') queueMicrotask(() => remove(gateway));
    else if (event.type === 'ADDED') queueMicrotask(() => create(gateway));
  });
}
