import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApisApi, AppsV1Api, CoreApi, CoreV1Api, CustomObjectsApi, KubernetesObjectApi, VersionApi } from '@kubernetes/client-node';
import { protocolCluster } from '@/testing/fixtures/clusters';
import { startKubeApi, statusBody, type KubeApiHarness } from '@/testing/harness/kube-api';

let cluster: KubeApiHarness;
beforeAll(async () => {
  cluster = await startKubeApi(protocolCluster);
});
afterAll(() => cluster.close());

const names = (list: { items: { metadata?: { name?: string } }[] }): string[] => list.items.map((i) => i.metadata?.name ?? '').sort();

describe('discovery', () => {
  it('serves /version, /api, /apis and group documents', async () => {
    const kc = cluster.kubeConfig();
    expect((await kc.makeApiClient(VersionApi).getCode()).gitVersion).toMatch(/^v1\.\d+/);
    expect((await kc.makeApiClient(CoreApi).getAPIVersions()).versions).toEqual(['v1']);
    const groups = await kc.makeApiClient(ApisApi).getAPIVersions();
    const sail = groups.groups.find((g) => g.name === 'sailoperator.io');
    expect(sail?.preferredVersion?.version).toBe('v1');
    expect(sail?.versions.map((v) => v.version)).toEqual(['v1', 'v1alpha1']);
    expect(groups.groups.map((g) => g.name)).toEqual(expect.arrayContaining(['apps', 'batch', 'gateway.networking.k8s.io', 'authentication.k8s.io', 'authorization.k8s.io']));
  });

  it('lists resources with verbs, scope, short names and subresources', async () => {
    const core = await cluster.kubeConfig().makeApiClient(CoreV1Api).getAPIResources();
    const byName = new Map(core.resources.map((r) => [r.name, r]));
    expect(byName.get('pods')).toMatchObject({ kind: 'Pod', namespaced: true, shortNames: ['po'] });
    expect(byName.get('pods')?.verbs).toEqual(expect.arrayContaining(['get', 'list', 'watch', 'patch', 'deletecollection']));
    expect(byName.get('pods/log')?.verbs).toEqual(['get']);
    expect(byName.get('pods/portforward')).toMatchObject({ kind: 'PodPortForwardOptions', verbs: ['create', 'get'] });
    expect(byName.get('namespaces')).toMatchObject({ namespaced: false, shortNames: ['ns'] });
    const custom = cluster.kubeConfig().makeApiClient(CustomObjectsApi);
    const sail = await custom.getAPIResources({ group: 'sailoperator.io', version: 'v1alpha1' });
    expect(sail.resources.map((r) => r.name)).toEqual(['ztunnels', 'ztunnels/status']);
  });

  it('answers 404 for a group/version that is not installed, as for a missing CRD', async () => {
    const custom = cluster.kubeConfig().makeApiClient(CustomObjectsApi);
    const err = await custom.listClusterCustomObject({ group: 'security.istio.io', version: 'v1', plural: 'authorizationpolicies' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 404 });
    expect(statusBody(err)).toMatchObject({ kind: 'Status', reason: 'NotFound', code: 404 });
    const err2 = await custom.getAPIResources({ group: 'security.istio.io', version: 'v1' }).catch((e: unknown) => e);
    expect(err2).toMatchObject({ code: 404 });
  });

  it('lets KubernetesObjectApi resolve kinds through discovery', async () => {
    const objects = KubernetesObjectApi.makeApiClient(cluster.kubeConfig());
    const istio = await objects.read({ apiVersion: 'sailoperator.io/v1', kind: 'Istio', metadata: { name: 'default' } });
    expect(istio.metadata?.name).toBe('default');
  });
});

describe('list and get', () => {
  it('filters by label selectors', async () => {
    const core = cluster.kubeConfig().makeApiClient(CoreV1Api);
    const ls = async (labelSelector: string): Promise<string[]> => names(await core.listNamespacedPod({ namespace: 'bookinfo', labelSelector }));
    expect(await ls('app=reviews')).toEqual(['reviews-v1-def', 'reviews-v2-ghi']);
    expect(await ls('app==reviews,version!=v1')).toEqual(['reviews-v2-ghi']);
    expect(await ls('app in (ratings, productpage)')).toEqual(['productpage-v1-abc', 'ratings-v1-jkl']);
    expect(await ls('app notin (reviews),version=v1')).toEqual(['productpage-v1-abc', 'ratings-v1-jkl']);
    expect(await ls('version')).toHaveLength(4);
    expect(await ls('!version')).toEqual([]);
    const ambient = await core.listNamespace({ labelSelector: 'istio.io/dataplane-mode=ambient' });
    expect(names(ambient)).toEqual(['bookinfo']);
  });

  it('filters by field selectors, cluster-wide', async () => {
    const core = cluster.kubeConfig().makeApiClient(CoreV1Api);
    expect(names(await core.listPodForAllNamespaces({ fieldSelector: 'spec.nodeName=node-b' }))).toEqual(['ratings-v1-jkl', 'reviews-v2-ghi', 'ztunnel-bbbbb']);
    expect(names(await core.listPodForAllNamespaces({ fieldSelector: 'status.phase!=Running' }))).toEqual(['ratings-v1-jkl']);
    expect(names(await core.listPodForAllNamespaces({ fieldSelector: 'metadata.namespace=ztunnel,spec.nodeName==node-a' }))).toEqual(['ztunnel-aaaaa']);
    expect(names(await core.listNamespace({ fieldSelector: 'metadata.name=default' }))).toEqual(['default']);
  });

  it('rejects malformed selectors with 400 BadRequest', async () => {
    const core = cluster.kubeConfig().makeApiClient(CoreV1Api);
    const bad = await core.listNamespacedPod({ namespace: 'bookinfo', labelSelector: 'app in (a' }).catch((e: unknown) => e);
    expect(statusBody(bad)).toMatchObject({ code: 400, reason: 'BadRequest' });
    const badField = await core.listNamespacedPod({ namespace: 'bookinfo', fieldSelector: 'spec.image=x' }).catch((e: unknown) => e);
    expect(statusBody(badField)).toMatchObject({ code: 400, message: 'field label not supported: spec.image' });
  });

  it('pages with limit and continue, keeping the list resourceVersion', async () => {
    const core = cluster.kubeConfig().makeApiClient(CoreV1Api);
    const first = await core.listPodForAllNamespaces({ limit: 4 });
    expect(first.items).toHaveLength(4);
    expect(first.metadata?.remainingItemCount).toBe(2);
    expect(first.metadata?._continue).toBeTruthy();
    expect(first.metadata?.resourceVersion).toBe(cluster.store.currentResourceVersion());
    const second = await core.listPodForAllNamespaces({ limit: 4, _continue: first.metadata?._continue });
    expect(second.items).toHaveLength(2);
    expect(second.metadata?._continue).toBeUndefined();
    expect(second.metadata?.resourceVersion).toBe(first.metadata?.resourceVersion);
    const all = [...first.items, ...second.items].map((p) => `${p.metadata?.namespace}/${p.metadata?.name}`);
    expect(new Set(all).size).toBe(6);
    const bad = await core.listPodForAllNamespaces({ limit: 4, _continue: 'garbage' }).catch((e: unknown) => e);
    expect(statusBody(bad)).toMatchObject({ code: 400, reason: 'BadRequest' });
  });

  it('names the list kind and drops apiVersion/kind on built-in items but not on CRD items', async () => {
    const res = await cluster.fetch(`/api/v1/namespaces/bookinfo/pods`, { headers: { Authorization: 'Bearer admin-token' } });
    const list = (await res.json()) as { kind: string; apiVersion: string; items: Record<string, unknown>[] };
    expect(list).toMatchObject({ kind: 'PodList', apiVersion: 'v1' });
    expect(list.items[0]?.kind).toBeUndefined();
    const istios = await cluster.kubeConfig().makeApiClient(CustomObjectsApi).listClusterCustomObject({ group: 'sailoperator.io', version: 'v1', plural: 'istios' });
    expect(istios).toMatchObject({ kind: 'IstioList', items: [{ kind: 'Istio', apiVersion: 'sailoperator.io/v1' }] });
  });

  it('gets one object, and answers a missing one with a real NotFound Status', async () => {
    const kc = cluster.kubeConfig();
    const dep = kc.makeApiClient(AppsV1Api);
    const core = kc.makeApiClient(CoreV1Api);
    expect((await core.readNamespacedPod({ namespace: 'bookinfo', name: 'reviews-v1-def' })).spec?.nodeName).toBe('node-a');
    const err = await core.readNamespacedPod({ namespace: 'bookinfo', name: 'nope' }).catch((e: unknown) => e);
    expect(statusBody(err)).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'pods "nope" not found',
      reason: 'NotFound',
      details: { name: 'nope', kind: 'pods' },
      code: 404,
    });
    const err2 = await dep.readNamespacedDeployment({ namespace: 'bookinfo', name: 'gone' }).catch((e: unknown) => e);
    expect(statusBody(err2)).toMatchObject({ message: 'deployments.apps "gone" not found', details: { name: 'gone', group: 'apps', kind: 'deployments' } });
  });

  it('serves a multi-version CRD from one stored copy', async () => {
    const custom = cluster.kubeConfig().makeApiClient(CustomObjectsApi);
    await custom.createClusterCustomObject({ group: 'sailoperator.io', version: 'v1alpha1', plural: 'ztunnels', body: { apiVersion: 'sailoperator.io/v1alpha1', kind: 'ZTunnel', metadata: { name: 'default' }, spec: { namespace: 'ztunnel' } } });
    const v1 = (await custom.getClusterCustomObject({ group: 'sailoperator.io', version: 'v1', plural: 'ztunnels', name: 'default' })) as { apiVersion: string };
    expect(v1.apiVersion).toBe('sailoperator.io/v1');
    const alpha = (await custom.getClusterCustomObject({ group: 'sailoperator.io', version: 'v1alpha1', plural: 'ztunnels', name: 'default' })) as { apiVersion: string };
    expect(alpha.apiVersion).toBe('sailoperator.io/v1alpha1');
  });

  it('leaves non-Kubernetes paths to the extra handler and answers unknown paths and verbs with Status', async () => {
    expect(await (await cluster.fetch(`/sim/health`)).text()).toBe('sim ok');
    const unknown = await cluster.fetch(`/api/v1/widgets`, { headers: { Authorization: 'Bearer admin-token' } });
    expect(unknown.status).toBe(404);
    const post = await cluster.fetch(`/api/v1/namespaces/bookinfo/pods/reviews-v1-def`, { method: 'POST', headers: { Authorization: 'Bearer admin-token' }, body: '{}' });
    expect(await post.json()).toMatchObject({ kind: 'Status', code: 405, reason: 'MethodNotAllowed' });
  });
});
