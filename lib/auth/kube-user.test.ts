import { KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import { canListPods, identify, kubeConfigForToken, reviewToken } from './kube-user';
import { resolveNamespaceAccess, TtlCache } from './namespace-access';
import { fillNamespaces } from '@/testing/fixtures/clusters';
import { startKubeApi, TOKENS, type KubeApiHarness } from '@/testing/harness/kube-api';

// Through @kubernetes/client-node over HTTP to the simulated API server.

let cluster: KubeApiHarness;
let serviceAccount: KubeConfig;

beforeAll(async () => {
  cluster = await startKubeApi({ seed: fillNamespaces });
  serviceAccount = new KubeConfig();
  serviceAccount.loadFromString(cluster.kubeconfigYaml(TOKENS.admin));
});
afterAll(() => cluster.close());

const asUser = (token: string) => kubeConfigForToken(serviceAccount, token);

describe('identity of a bearer token', () => {
  it('names the user with SelfSubjectReview', async () => {
    const alice = await identify(asUser(TOKENS.alice), TOKENS.alice, serviceAccount);
    expect(alice.name).toBe('alice');
    expect(alice.groups).toContain('developers');
    expect(alice.groups).toContain('system:authenticated');
  });

  it('rejects an unknown token as unauthenticated', async () => {
    await expect(identify(asUser('not-a-token'), 'not-a-token', serviceAccount)).rejects.toMatchObject({ code: 'unauthenticated' });
  });

  it('TokenReview by the service account agrees', async () => {
    expect((await reviewToken(serviceAccount, TOKENS.bob)).name).toBe('bob');
    await expect(reviewToken(serviceAccount, 'nope')).rejects.toBeInstanceOf(AppError);
  });

  it('reports an API server that does not answer as unreachable', async () => {
    const dead = new KubeConfig();
    dead.loadFromString(cluster.kubeconfigYaml(TOKENS.alice).replace(cluster.baseUrl, 'https://127.0.0.1:9'));
    await expect(identify(dead, TOKENS.alice)).rejects.toMatchObject({ code: 'kubernetes_unreachable' });
  });
});

describe('namespaces a user may see (decided with the user\'s own token)', () => {
  it('admin may list pods everywhere: all', async () => {
    expect(await canListPods(asUser(TOKENS.admin), '')).toBe(true);
    expect(await resolveNamespaceAccess(asUser(TOKENS.admin), serviceAccount)).toBe('all');
  });

  it('alice sees bookinfo only, bob legacy only', async () => {
    const alice = await resolveNamespaceAccess(asUser(TOKENS.alice), serviceAccount);
    const bob = await resolveNamespaceAccess(asUser(TOKENS.bob), serviceAccount);
    expect(alice).not.toBe('all');
    expect([...(alice as ReadonlySet<string>)]).toEqual(['bookinfo']);
    expect([...(bob as ReadonlySet<string>)]).toEqual(['legacy']);
  });

  it('per-namespace SelfSubjectAccessReview matches the RBAC', async () => {
    expect(await canListPods(asUser(TOKENS.alice), 'bookinfo')).toBe(true);
    expect(await canListPods(asUser(TOKENS.alice), 'legacy')).toBe(false);
    expect(await canListPods(asUser(TOKENS.alice), '')).toBe(false);
  });
});

describe('TtlCache', () => {
  it('shares one lookup within the TTL, looks again after it, and forgets failures', async () => {
    let now = 0;
    let calls = 0;
    const cache = new TtlCache<number>(30_000, 10, () => now);
    const load = async () => ++calls;
    expect(await Promise.all([cache.get('k', load), cache.get('k', load)])).toEqual([1, 1]);
    now = 29_999;
    expect(await cache.get('k', load)).toBe(1);
    now = 30_000;
    expect(await cache.get('k', load)).toBe(2);
    await expect(cache.get('bad', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache.get('bad', load)).toBe(3);
  });
});
