import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorizationUrl, discoverOAuthServer, exchangeCode } from './openshift-oauth';
import { fillNamespaces } from '@/testing/fixtures/clusters';
import { startKubeApi, TOKENS, type KubeApiHarness } from '@/testing/harness/kube-api';
import { startOAuthServer, type TestOAuthServer } from '@/testing/harness/oauth-server';

// Discovery from the (simulated) API server, the authorize redirect and the code exchange against a
// local OAuth server, as a browser and the dashboard would do them.

let oauth: TestOAuthServer;
let cluster: KubeApiHarness;
const client = { clientId: 'ambient-lens', clientSecret: 'client-secret-for-tests' };
const redirectUri = 'https://lens.test/api/auth/callback';

beforeAll(async () => {
  oauth = await startOAuthServer({ ...client, users: { alice: TOKENS.alice, bob: TOKENS.bob } });
  cluster = await startKubeApi({ seed: fillNamespaces, extraHandler: (req, res) => oauth.wellKnownHandler(req, res) });
});
afterAll(async () => {
  await cluster.close();
  await oauth.close();
});

async function authorizeAs(user: string, state: string): Promise<URL> {
  const meta = await discoverOAuthServer(cluster.baseUrl, { ca: cluster.caPem });
  const url = new URL(authorizationUrl(meta, { ...client, redirectUri, state }));
  const approve = new URL('/oauth/approve', oauth.url);
  approve.search = url.search;
  approve.searchParams.set('user', user);
  const res = await fetch(approve, { redirect: 'manual' });
  expect(res.status).toBe(302);
  return new URL(res.headers.get('location') ?? '');
}

describe('OpenShift OAuth', () => {
  it('discovers the OAuth server from the API server', async () => {
    expect(await discoverOAuthServer(cluster.baseUrl, { ca: cluster.caPem })).toEqual(oauth.discovery());
  });

  it('says so when the API server has no OAuth server (not OpenShift)', async () => {
    const plain = await startKubeApi({ seed: fillNamespaces });
    try {
      await expect(discoverOAuthServer(plain.baseUrl, { ca: plain.caPem })).rejects.toMatchObject({ code: 'kubernetes_error' });
    } finally {
      await plain.close();
    }
  });

  it('builds the authorize URL with code flow, user:full scope and the state', async () => {
    const url = new URL(authorizationUrl(await discoverOAuthServer(cluster.baseUrl, { ca: cluster.caPem }), { ...client, redirectUri, state: 's'.repeat(20) }));
    expect(url.origin + url.pathname).toBe(`${oauth.url}/oauth/authorize`);
    expect(Object.fromEntries(url.searchParams)).toEqual({ response_type: 'code', client_id: 'ambient-lens', redirect_uri: redirectUri, scope: 'user:full', state: 's'.repeat(20) });
  });

  it('exchanges the code once for the user\'s token', async () => {
    const back = await authorizeAs('alice', 'state-1234567890abcdef');
    expect(back.origin + back.pathname).toBe(redirectUri);
    expect(back.searchParams.get('state')).toBe('state-1234567890abcdef');
    const code = back.searchParams.get('code') ?? '';
    const meta = await discoverOAuthServer(cluster.baseUrl, { ca: cluster.caPem });
    const { accessToken } = await exchangeCode(meta.token_endpoint, { code, redirectUri, ...client }, {});
    expect(accessToken).toBe(TOKENS.alice);
    await expect(exchangeCode(meta.token_endpoint, { code, redirectUri, ...client }, {})).rejects.toMatchObject({ code: 'unauthenticated' });
  });

  it('refuses a wrong client secret', async () => {
    const code = (await authorizeAs('bob', 'state-abcdefghijklmnop')).searchParams.get('code') ?? '';
    const meta = await discoverOAuthServer(cluster.baseUrl, { ca: cluster.caPem });
    await expect(exchangeCode(meta.token_endpoint, { code, redirectUri, ...client, clientSecret: 'wrong' }, {})).rejects.toMatchObject({ code: 'unauthenticated' });
  });
});
