// kube-controller-manager's Deployment controller as the simulator plays it, in one step: when a
// Deployment's pod template changes (`kubectl rollout restart` patches the template annotation
// kubectl.kubernetes.io/restartedAt; `kubectl set image` or an edit change it too) a new ReplicaSet
// for that template takes every replica and the old pods are deleted; a replicas change adds or
// removes pods. New pods pass through the sidecar injector as they would at admission, so a
// namespace relabelled from istio-injection to ambient gets pods without a sidecar.

import type { KubeObject, ObjectStore, WatchEvent } from '../store';
import { keys } from '../mesh/resource-types';
import { injectSidecar, wantsSidecar } from '../mesh/injection';
import { BuildContext, type PodTemplate } from '../scenarios/objects';
import { AddressPlan, hash32, podSuffix, podTemplateHash } from '../scenarios/ids';

export interface DeploymentControllerOptions {
  seed: string;
  clusterId: string;
  trustDomain: string;
  /** Unix seconds (tests); creation times of new objects. */
  now?: () => number;
}

interface DeploymentSpec {
  replicas?: number;
  selector: { matchLabels?: Record<string, string> };
  template: PodTemplate;
}

const HASH_LABEL = 'pod-template-hash';
const REVISION = 'deployment.kubernetes.io/revision';

const ownedBy = (o: KubeObject, owner: KubeObject) => o.metadata.ownerReferences?.some((r) => r.uid === owner.metadata.uid) ?? false;

/** The template as the Deployment holds it: without the hash label its ReplicaSet adds. */
function bareTemplate(template: PodTemplate): string {
  const labels = { ...template.metadata.labels };
  delete labels[HASH_LABEL];
  return JSON.stringify({ ...template, metadata: { ...template.metadata, labels } });
}

export function startDeploymentController(store: ObjectStore, options: DeploymentControllerOptions): () => void {
  let rollouts = 0;
  const now = options.now ?? (() => Date.now() / 1000);

  /** Brings one Deployment's ReplicaSets and pods in line with its spec; writes nothing when they are. */
  const reconcile = (namespace: string, name: string) => {
    const deployment = store.get(keys.deployments, namespace, name);
    if (!deployment) return;
    const spec = deployment.spec as DeploymentSpec;
    const desired = spec.replicas ?? 1;
    const template = bareTemplate(spec.template);
    const replicaSets = store.list(keys.replicaSets, namespace).filter((rs) => ownedBy(rs, deployment));
    const podsOf = (rs: KubeObject) => store.list(keys.pods, namespace).filter((p) => ownedBy(p, rs));
    const current = replicaSets.find((rs) => bareTemplate((rs.spec as DeploymentSpec).template) === template);
    const old = replicaSets.filter((rs) => rs !== current);
    const oldPods = old.flatMap(podsOf);
    const currentPods = current ? podsOf(current) : [];
    if (current && oldPods.length === 0 && currentPods.length === desired) return;

    // New pods take the nodes of the pods they replace, then spread by name.
    const nodes = store.list(keys.nodes).map((n) => n.metadata.name);
    const freed = [...oldPods, ...currentPods.slice(desired)].map((p) => String((p.spec as { nodeName?: string }).nodeName ?? ''));
    const placement = Array.from({ length: Math.max(0, desired - currentPods.length) }, (_, i) => freed[i] ?? nodes[hash32(`${namespace}/${name}/${i}`) % Math.max(1, nodes.length)] ?? 'node-0');
    rollouts++;
    const ctx = new BuildContext(`${options.seed}/rollout/${rollouts}`, new Date(now() * 1000).toISOString().replace(/\.\d+Z$/, 'Z'), new AddressPlan(300_000 + rollouts * 256));
    for (const n of nodes) ctx.knowNode(n);
    const ns = store.get(keys.namespaces, undefined, namespace);
    const revisions = replicaSets.map((rs) => Number(rs.metadata.annotations?.[REVISION] ?? 0));
    const revision = current ? Number(current.metadata.annotations?.[REVISION] ?? 1) : Math.max(0, ...revisions) + 1;

    let created: KubeObject[];
    if (current) {
      const rsName = current.metadata.name;
      created = placement.map((node, i) => ctx.pod((current.spec as DeploymentSpec).template, namespace, `${rsName}-${podSuffix(ctx.seed, namespace, rsName, currentPods.length + i)}`, node, current));
      store.upsert(keys.replicaSets, withReplicas(current, desired));
    } else {
      const hash = podTemplateHash(options.seed, namespace, `${name}/${template}`);
      const made = ctx.replicaSet(deployment, spec.selector.matchLabels ?? {}, spec.template, hash, revision, placement);
      created = made.pods;
      store.upsert(keys.replicaSets, made.replicaSet);
    }
    for (const pod of created) {
      store.upsert(keys.pods, wantsSidecar(pod, ns) ? injectSidecar(pod, { clusterId: options.clusterId, trustDomain: options.trustDomain, workloadName: name }) : pod);
    }
    for (const pod of [...oldPods, ...currentPods.slice(desired)]) store.delete(keys.pods, namespace, pod.metadata.name);
    for (const rs of old) {
      if ((rs.spec as DeploymentSpec).replicas !== 0) store.upsert(keys.replicaSets, withReplicas(rs, 0));
    }
    store.upsert(keys.deployments, {
      ...deployment,
      metadata: { ...deployment.metadata, annotations: { ...deployment.metadata.annotations, [REVISION]: String(revision) } },
      status: {
        ...(deployment.status as object),
        replicas: desired, readyReplicas: desired, availableReplicas: desired, updatedReplicas: desired,
        observedGeneration: deployment.metadata.generation ?? 1,
      },
    });
  };

  return store.subscribe((key: string, event: WatchEvent) => {
    if (key !== keys.deployments || event.type === 'DELETED') return;
    const { namespace, name } = event.object.metadata;
    queueMicrotask(() => reconcile(namespace ?? 'default', name));
  });
}

function withReplicas(rs: KubeObject, replicas: number): KubeObject {
  const annotations = { ...rs.metadata.annotations, 'deployment.kubernetes.io/desired-replicas': String(replicas), 'deployment.kubernetes.io/max-replicas': String(replicas + 1) };
  return {
    ...rs,
    metadata: { ...rs.metadata, annotations },
    spec: { ...(rs.spec as object), replicas },
    status: { replicas, readyReplicas: replicas, availableReplicas: replicas, fullyLabeledReplicas: replicas, observedGeneration: rs.metadata.generation ?? 1 },
  };
}
