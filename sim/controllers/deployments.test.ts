// The Deployment controller on the store: rollouts on template changes, scaling, new Deployments,
// nothing written when nothing changed, and the sidecar injector on every new pod.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ObjectStore, type KubeObject } from '../store';
import { buildBookinfoSidecar } from '../scenarios/bookinfo-sidecar';
import { SimMesh } from '../mesh/mesh';
import { keys } from '../mesh/resource-types';
import { startDeploymentController } from './deployments';

const T = 1_760_000_000;
let store: ObjectStore;
let stop: () => void;
const settle = () => new Promise((r) => setTimeout(r, 10));
const podsOf = (ns: string, app: string) => store.list(keys.pods, ns).filter((p) => p.metadata.labels?.app === app);
const deployment = (ns: string, name: string) => store.get(keys.deployments, ns, name)!;
const node = (p: KubeObject) => (p.spec as { nodeName: string }).nodeName;

function write(d: KubeObject, change: (spec: Record<string, unknown>, d: KubeObject) => void): void {
  const next = structuredClone(d);
  change(next.spec as Record<string, unknown>, next);
  next.metadata.generation = (d.metadata.generation ?? 1) + 1;
  store.upsert(keys.deployments, next);
}
const restart = (d: KubeObject, at: string) => write(d, (spec) => {
  const template = spec.template as { metadata: { annotations?: Record<string, string> } };
  template.metadata.annotations = { ...template.metadata.annotations, 'kubectl.kubernetes.io/restartedAt': at };
});

beforeEach(() => {
  store = new ObjectStore();
  new SimMesh({ store, scenario: buildBookinfoSidecar(), profile: 'constant', origin: T - 3600, now: () => T }).stop();
  stop = startDeploymentController(store, { seed: 'test', clusterId: 'Kubernetes', trustDomain: 'cluster.local', now: () => T });
});
afterEach(() => stop());

describe('Deployment controller', () => {
  it('writes nothing when the pods already match (a metadata-only change)', async () => {
    const before = store.currentResourceVersion();
    const web = deployment('frontend', 'web-v1');
    store.upsert(keys.deployments, { ...web, metadata: { ...web.metadata, labels: { ...web.metadata.labels, team: 'shop' } } });
    await settle();
    expect(Number(store.currentResourceVersion())).toBe(Number(before) + 1);
  });

  it('rolls a restarted Deployment: new ReplicaSet and revision, same nodes, old pods gone, still injected', async () => {
    const [old] = podsOf('frontend', 'web');
    restart(deployment('frontend', 'web-v1'), '2025-01-10T10:00:00Z');
    await settle();
    const [now, ...more] = podsOf('frontend', 'web');
    expect(more).toHaveLength(0);
    expect(now!.metadata.name).not.toBe(old!.metadata.name);
    expect(node(now!)).toBe(node(old!));
    expect(now!.metadata.annotations?.['kubectl.kubernetes.io/restartedAt']).toBe('2025-01-10T10:00:00Z');
    // frontend still has istio-injection=enabled: the new pod gets its sidecar again.
    expect(now!.metadata.annotations?.['sidecar.istio.io/status']).toBeDefined();
    const sets = store.list(keys.replicaSets, 'frontend').filter((rs) => rs.metadata.name.startsWith('web-v1-'));
    expect(sets.map((rs) => `${(rs.spec as { replicas: number }).replicas}@${rs.metadata.annotations?.['deployment.kubernetes.io/revision']}`).sort()).toEqual(['0@1', '1@2']);
    const current = sets.find((rs) => (rs.spec as { replicas: number }).replicas === 1)!;
    expect(now!.metadata.ownerReferences?.[0]?.uid).toBe(current.metadata.uid);
    expect(now!.metadata.labels?.['pod-template-hash']).toBe(current.metadata.labels?.['pod-template-hash']);
    const web = deployment('frontend', 'web-v1');
    expect(web.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('2');
    expect(web.status).toMatchObject({ observedGeneration: 2, updatedReplicas: 1, readyReplicas: 1 });
  });

  it('scales up and down within the current ReplicaSet', async () => {
    write(deployment('bookinfo', 'details-v1'), (spec) => { spec.replicas = 3; });
    await settle();
    expect(podsOf('bookinfo', 'details')).toHaveLength(3);
    expect(new Set(podsOf('bookinfo', 'details').map((p) => p.metadata.ownerReferences?.[0]?.name)).size).toBe(1);
    write(deployment('bookinfo', 'details-v1'), (spec) => { spec.replicas = 1; });
    await settle();
    expect(podsOf('bookinfo', 'details')).toHaveLength(1);
  });

  it('creates the ReplicaSet and pods of a new Deployment', async () => {
    const template = { metadata: { labels: { app: 'api' } }, spec: { serviceAccountName: 'default', containers: [{ name: 'api', image: 'api:1' }] } };
    store.upsert(keys.deployments, { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api', namespace: 'frontend', generation: 1 }, spec: { replicas: 2, selector: { matchLabels: { app: 'api' } }, template } });
    await settle();
    const pods = podsOf('frontend', 'api');
    expect(pods).toHaveLength(2);
    for (const p of pods) expect((p.spec as { containers: { name: string }[] }).containers.map((c) => c.name)).toEqual(['api', 'istio-proxy']);
  });
});
