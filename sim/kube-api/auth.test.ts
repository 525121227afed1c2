import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthenticationV1Api, AuthorizationV1Api, CoreV1Api, CustomObjectsApi, PatchStrategy, Watch, setHeaderOptions } from '@kubernetes/client-node';
import { protocolCluster, typeKeys } from '@/testing/fixtures/clusters';
import { startKubeApi, statusBody, TOKENS, type KubeApiHarness } from '@/testing/harness/kube-api';

let cluster: KubeApiHarness;
beforeAll(async () => {
  cluster = await startKubeApi(protocolCluster);
});
afterAll(() => cluster.close());

const dev = () => cluster.kubeConfig(TOKENS.dev).makeApiClient(CoreV1Api);

describe('authentication', () => {
  it('answers an unknown or missing token with 401 Unauthorized', async () => {
    const err = await cluster.kubeConfig('nope').makeApiClient(CoreV1Api).listNamespace().catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 401 });
    const res = await cluster.fetch(`/api/v1/namespaces`);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401 });
    expect((await cluster.fetch(`/version`)).status).toBe(200);
    expect((await cluster.fetch(`/version`, { headers: { Authorization: 'Bearer nope' } })).status).toBe(401);
  });
});

describe('authorization of a namespace-restricted user', () => {
  it('lists, gets and watches in their namespace', async () => {
    const pods = await dev().listNamespacedPod({ namespace: 'bookinfo' });
    expect(pods.items.length).toBeGreaterThan(0);
    expect((await dev().readNamespace({ name: 'bookinfo' })).metadata?.name).toBe('bookinfo');
    let events = 0;
    const controller = await new Watch(cluster.kubeConfig(TOKENS.dev)).watch('/api/v1/namespaces/bookinfo/pods', {}, () => events++, () => undefined);
    await new Promise((r) => setTimeout(r, 50));
    controller.abort();
    expect(events).toBe(pods.items.length);
  });

  it('may patch in their namespace but not create or delete', async () => {
    await dev().patchNamespacedPod(
      { namespace: 'bookinfo', name: 'reviews-v1-def', body: { metadata: { labels: { checked: 'yes' } } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    expect(cluster.store.get(typeKeys.pods, 'bookinfo', 'reviews-v1-def')?.metadata.labels?.checked).toBe('yes');
    const del = await dev().deleteNamespacedPod({ namespace: 'bookinfo', name: 'reviews-v1-def' }).catch((e: unknown) => e);
    expect(statusBody(del)).toMatchObject({
      code: 403,
      message: 'pods "reviews-v1-def" is forbidden: User "dev" cannot delete resource "pods" in API group "" in the namespace "bookinfo"',
    });
  });

  it('is forbidden elsewhere, with the real message shape', async () => {
    const other = await dev().listNamespacedPod({ namespace: 'ztunnel' }).catch((e: unknown) => e);
    expect(statusBody(other)).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'pods is forbidden: User "dev" cannot list resource "pods" in API group "" in the namespace "ztunnel"',
      reason: 'Forbidden',
      details: { kind: 'pods' },
      code: 403,
    });
    const wide = await dev().listPodForAllNamespaces().catch((e: unknown) => e);
    expect(statusBody(wide).message).toBe('pods is forbidden: User "dev" cannot list resource "pods" in API group "" at the cluster scope');
    const nsList = await dev().listNamespace().catch((e: unknown) => e);
    expect(statusBody(nsList).message).toBe('namespaces is forbidden: User "dev" cannot list resource "namespaces" in API group "" at the cluster scope');
    const otherNs = await dev().readNamespace({ name: 'ztunnel' }).catch((e: unknown) => e);
    expect(statusBody(otherNs).message).toBe('namespaces "ztunnel" is forbidden: User "dev" cannot get resource "namespaces" in API group "" at the cluster scope');
    const sail = await cluster
      .kubeConfig(TOKENS.dev)
      .makeApiClient(CustomObjectsApi)
      .listClusterCustomObject({ group: 'sailoperator.io', version: 'v1', plural: 'istios' })
      .catch((e: unknown) => e);
    expect(statusBody(sail)).toMatchObject({
      code: 403,
      message: 'istios.sailoperator.io is forbidden: User "dev" cannot list resource "istios" in API group "sailoperator.io" at the cluster scope',
      details: { group: 'sailoperator.io', kind: 'istios' },
    });
    const logs = await dev().readNamespacedPodLog({ namespace: 'ztunnel', name: 'ztunnel-aaaaa' }).catch((e: unknown) => e);
    expect(statusBody(logs).message).toBe('pods "ztunnel-aaaaa" is forbidden: User "dev" cannot get resource "pods/log" in API group "" in the namespace "ztunnel"');
  });
});

describe('review endpoints', () => {
  it('TokenReview reports whether a token is valid and whose it is', async () => {
    const authn = cluster.kubeConfig(TOKENS.dev).makeApiClient(AuthenticationV1Api);
    const good = await authn.createTokenReview({ body: { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', spec: { token: TOKENS.admin } } });
    expect(good.status).toMatchObject({ authenticated: true, user: { username: 'kubernetes-admin', groups: ['system:masters', 'system:authenticated'] } });
    const bad = await authn.createTokenReview({ body: { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', spec: { token: 'forged' } } });
    expect(bad.status?.authenticated).toBeFalsy();
    expect(bad.status?.error).toBeTruthy();
  });

  it('SelfSubjectReview names the caller', async () => {
    const review = await cluster.kubeConfig(TOKENS.dev).makeApiClient(AuthenticationV1Api).createSelfSubjectReview({ body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' } });
    expect(review.status?.userInfo).toEqual({ username: 'dev', groups: ['developers', 'system:authenticated'] });
  });

  it('SelfSubjectAccessReview answers what the caller may do', async () => {
    const authz = cluster.kubeConfig(TOKENS.dev).makeApiClient(AuthorizationV1Api);
    const ask = async (resourceAttributes: Record<string, string>) =>
      (await authz.createSelfSubjectAccessReview({ body: { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec: { resourceAttributes } } })).status?.allowed;
    expect(await ask({ namespace: 'bookinfo', verb: 'list', resource: 'pods' })).toBe(true);
    expect(await ask({ namespace: 'bookinfo', verb: 'patch', resource: 'namespaces', group: '' })).toBe(false);
    expect(await ask({ namespace: 'ztunnel', verb: 'list', resource: 'pods' })).toBe(false);
    expect(await ask({ verb: 'list', resource: 'namespaces' })).toBe(false);
    expect(await ask({ verb: 'get', resource: 'namespaces', name: 'bookinfo' })).toBe(true);
    expect(await ask({ namespace: 'bookinfo', verb: 'create', resource: 'pods', subresource: 'portforward' })).toBe(true);
    const admin = cluster.kubeConfig().makeApiClient(AuthorizationV1Api);
    const adminReview = await admin.createSelfSubjectAccessReview({ body: { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec: { resourceAttributes: { verb: 'list', resource: 'istios', group: 'sailoperator.io' } } } });
    expect(adminReview.status?.allowed).toBe(true);
  });

  it('SelfSubjectRulesReview lists the rules in a namespace', async () => {
    const authz = cluster.kubeConfig(TOKENS.dev).makeApiClient(AuthorizationV1Api);
    const inside = await authz.createSelfSubjectRulesReview({ body: { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectRulesReview', spec: { namespace: 'bookinfo' } } });
    expect(inside.status?.resourceRules).toEqual(expect.arrayContaining([expect.objectContaining({ verbs: ['get', 'list', 'watch', 'patch'], resources: ['*'] })]));
    const outside = await authz.createSelfSubjectRulesReview({ body: { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectRulesReview', spec: { namespace: 'ztunnel' } } });
    expect(outside.status?.resourceRules.some((r) => r.verbs.includes('list'))).toBe(false);
    expect(outside.status?.incomplete).toBe(false);
  });
});
