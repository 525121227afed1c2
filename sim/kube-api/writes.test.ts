import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppsV1Api, CoreV1Api, CustomObjectsApi, PatchStrategy, setHeaderOptions, type V1Deployment } from '@kubernetes/client-node';
import { protocolCluster, typeKeys } from '@/testing/fixtures/clusters';
import { startKubeApi, statusBody, type KubeApiHarness } from '@/testing/harness/kube-api';

let cluster: KubeApiHarness;
beforeAll(async () => {
  cluster = await startKubeApi(protocolCluster);
});
afterAll(() => cluster.close());

const deployment = (name: string): V1Deployment => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace: 'bookinfo', labels: { app: name } },
  spec: { replicas: 1, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name, image: 'x' }] } } },
});

describe('create, replace, delete', () => {
  it('creates an object (201), then answers a second create with 409 AlreadyExists', async () => {
    const apps = cluster.kubeConfig().makeApiClient(AppsV1Api);
    const created = await apps.createNamespacedDeployment({ namespace: 'bookinfo', body: deployment('details-v1') });
    expect(created.metadata?.uid).toBeTruthy();
    expect(created.metadata?.resourceVersion).toBe(cluster.store.currentResourceVersion());
    expect(created.metadata?.generation).toBe(1);
    expect(cluster.store.get(typeKeys.deployments, 'bookinfo', 'details-v1')).toBeDefined();
    const err = await apps.createNamespacedDeployment({ namespace: 'bookinfo', body: deployment('details-v1') }).catch((e: unknown) => e);
    expect(statusBody(err)).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'deployments.apps "details-v1" already exists',
      reason: 'AlreadyExists',
      details: { name: 'details-v1', group: 'apps', kind: 'deployments' },
      code: 409,
    });
  });

  it('refuses a create into a missing namespace or with a mismatched namespace', async () => {
    const apps = cluster.kubeConfig().makeApiClient(AppsV1Api);
    const missing = await apps.createNamespacedDeployment({ namespace: 'nowhere', body: { ...deployment('x'), metadata: { name: 'x' } } }).catch((e: unknown) => e);
    expect(statusBody(missing)).toMatchObject({ code: 404, message: 'namespaces "nowhere" not found' });
    const mismatch = await apps.createNamespacedDeployment({ namespace: 'default', body: deployment('y') }).catch((e: unknown) => e);
    expect(statusBody(mismatch)).toMatchObject({ code: 400, reason: 'BadRequest' });
  });

  it('replaces with optimistic concurrency (409 Conflict on a stale resourceVersion)', async () => {
    const apps = cluster.kubeConfig().makeApiClient(AppsV1Api);
    const current = await apps.readNamespacedDeployment({ namespace: 'bookinfo', name: 'details-v1' });
    const stale = structuredClone(current);
    current.spec!.replicas = 3;
    const replaced = await apps.replaceNamespacedDeployment({ namespace: 'bookinfo', name: 'details-v1', body: current });
    expect(replaced.spec?.replicas).toBe(3);
    expect(replaced.metadata?.generation).toBe(2);
    const err = await apps.replaceNamespacedDeployment({ namespace: 'bookinfo', name: 'details-v1', body: stale }).catch((e: unknown) => e);
    expect(statusBody(err)).toMatchObject({ code: 409, reason: 'Conflict' });
  });

  it('keeps status on main-resource writes and spec on /status writes', async () => {
    const custom = cluster.kubeConfig().makeApiClient(CustomObjectsApi);
    const ref = { group: 'sailoperator.io', version: 'v1', plural: 'istios', name: 'default' };
    const merge = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
    await custom.patchClusterCustomObject({ ...ref, body: { spec: { version: 'v1.24.3' }, status: { state: 'Hacked' } } }, merge);
    let istio = cluster.store.get(typeKeys.istios, undefined, 'default');
    expect(istio).toMatchObject({ spec: { version: 'v1.24.3' }, status: { state: 'Healthy' } });
    await custom.patchClusterCustomObjectStatus({ ...ref, body: { spec: { version: 'v9' }, status: { state: 'Error' } } }, merge);
    istio = cluster.store.get(typeKeys.istios, undefined, 'default');
    expect(istio).toMatchObject({ spec: { version: 'v1.24.3' }, status: { state: 'Error' } });
  });

  it('deletes: pods answer with the object, deployments with a Success Status; then 404', async () => {
    const kc = cluster.kubeConfig();
    const core = kc.makeApiClient(CoreV1Api);
    const pod = await core.deleteNamespacedPod({ namespace: 'bookinfo', name: 'ratings-v1-jkl' });
    expect(pod.metadata?.name).toBe('ratings-v1-jkl');
    const status = await kc.makeApiClient(AppsV1Api).deleteNamespacedDeployment({ namespace: 'bookinfo', name: 'details-v1' });
    expect(status).toMatchObject({ status: 'Success', details: { name: 'details-v1', group: 'apps', kind: 'deployments' } });
    const err = await core.deleteNamespacedPod({ namespace: 'bookinfo', name: 'ratings-v1-jkl' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 404 });
  });

  it('answers a malformed body with 400 BadRequest', async () => {
    const res = await cluster.fetch(`/api/v1/namespaces`, {
      method: 'POST',
      headers: { Authorization: 'Bearer admin-token', 'Content-Type': 'application/json' },
      body: '{"metadata": ',
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ kind: 'Status', reason: 'BadRequest', code: 400 });
  });
});

describe('patch', () => {
  const core = () => cluster.kubeConfig().makeApiClient(CoreV1Api);
  const labelsOf = () => cluster.store.get(typeKeys.namespaces, undefined, 'default')?.metadata.labels;

  it('applies a merge patch (maps merge, null deletes) and the store sees it', async () => {
    const seen: string[] = [];
    const stop = cluster.store.subscribe((key, e) => {
      if (key === typeKeys.namespaces) seen.push(`${e.type} ${e.object.metadata.name}`);
    });
    await core().patchNamespace(
      { name: 'default', body: { metadata: { labels: { 'istio.io/dataplane-mode': 'ambient', team: 'a' } } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    stop();
    expect(labelsOf()).toMatchObject({ 'istio.io/dataplane-mode': 'ambient', team: 'a', 'kubernetes.io/metadata.name': 'default' });
    expect(seen).toEqual(['MODIFIED default']);
    await core().patchNamespace({ name: 'default', body: { metadata: { labels: { team: null } } } }, setHeaderOptions('Content-Type', PatchStrategy.MergePatch));
    expect(labelsOf()?.team).toBeUndefined();
  });

  it('applies a strategic merge patch as a merge', async () => {
    await core().patchNamespace({ name: 'default', body: { metadata: { labels: { 'istio.io/use-waypoint': 'waypoint' } } } }, setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch));
    expect(labelsOf()?.['istio.io/use-waypoint']).toBe('waypoint');
  });

  it('applies a JSON patch (the client default) with ~1-escaped label keys', async () => {
    await core().patchNamespace({
      name: 'default',
      body: [
        { op: 'replace', path: '/metadata/labels/istio.io~1dataplane-mode', value: 'none' },
        { op: 'remove', path: '/metadata/labels/istio.io~1use-waypoint' },
        { op: 'add', path: '/metadata/annotations', value: { owner: 'ops' } },
      ],
    });
    expect(labelsOf()?.['istio.io/dataplane-mode']).toBe('none');
    expect(labelsOf()?.['istio.io/use-waypoint']).toBeUndefined();
    expect(cluster.store.get(typeKeys.namespaces, undefined, 'default')?.metadata.annotations).toEqual({ owner: 'ops' });
    const err = await core().patchNamespace({ name: 'default', body: [{ op: 'remove', path: '/metadata/labels/missing' }] }).catch((e: unknown) => e);
    expect(statusBody(err)).toMatchObject({ code: 422, reason: 'Invalid' });
  });

  it('answers an unknown patch content type with 415 and a missing object with 404', async () => {
    const res = await cluster.fetch(`/api/v1/namespaces/default`, {
      method: 'PATCH',
      headers: { Authorization: 'Bearer admin-token', 'Content-Type': 'text/plain' },
      body: '{}',
    });
    expect(res.status).toBe(415);
    const err = await core().patchNamespace({ name: 'nope', body: { metadata: { labels: { a: 'b' } } } }, setHeaderOptions('Content-Type', PatchStrategy.MergePatch)).catch((e: unknown) => e);
    expect(statusBody(err)).toMatchObject({ code: 404, message: 'namespaces "nope" not found' });
  });

  it('deleting a namespace removes what it contains', async () => {
    await core().deleteNamespace({ name: 'ztunnel' });
    expect(cluster.store.list(typeKeys.pods, 'ztunnel')).toEqual([]);
  });
});

describe('delete collection', () => {
  it('deletes the objects a selector picks and returns them as a list', async () => {
    const core = cluster.kubeConfig().makeApiClient(CoreV1Api);
    const before = cluster.store.list(typeKeys.pods, 'bookinfo').length;
    const result = await core.deleteCollectionNamespacedPod({ namespace: 'bookinfo', labelSelector: 'app=reviews' });
    expect(result.kind).toBe('PodList');
    expect(cluster.store.list(typeKeys.pods, 'bookinfo').map((p) => p.metadata.name).sort()).toEqual(['productpage-v1-abc']);
    expect(before).toBe(3);
  });
});
