import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillNamespaces } from '@/testing/fixtures/clusters';
import { startKubeApi, TOKENS, type KubeApiHarness } from '@/testing/harness/kube-api';
import { startOAuthServer, type TestOAuthServer } from '@/testing/harness/oauth-server';
import { createDeps } from './deps';
import { parseEnv } from './env';

// requestUser / accessibleNamespaces and the login flows, against the simulated API server (through
// @kubernetes/client-node) and a local OAuth server.

const SECRET = 'test-session-secret-0123456789abcdef-xyz';
let cluster: KubeApiHarness;
let oauth: TestOAuthServer;
let kubeconfig: string;

beforeAll(async () => {
  oauth = await startOAuthServer({ clientId: 'ambient-lens', clientSecret: 'oauth-secret', users: { alice: TOKENS.alice, bob: TOKENS.bob } });
  cluster = await startKubeApi({ seed: fillNamespaces, extraHandler: (req, res) => oauth.wellKnownHandler(req, res) });
  kubeconfig = path.join(mkdtempSync(path.join(tmpdir(), 'al-auth-')), 'kubeconfig');
  writeFileSync(kubeconfig, cluster.kubeconfigYaml(TOKENS.admin), { mode: 0o600 });
});
afterAll(async () => {
  await cluster.close();
  await oauth.close();
});

/** Fresh services (no caches shared between tests) under a configuration; process.env is not read. */
async function serverWith(vars: Record<string, string>) {
  const { auth, authFlows } = createDeps(parseEnv({ KUBECONFIG: kubeconfig, LOG_LEVEL: 'silent', ...vars }));
  return { auth, flows: authFlows };
}

const viaRoute = (init: Record<string, string> = {}) => ({ host: '10.1.2.3:3000', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'lens.test', ...init });
const setCookies = (res: Response) => res.headers.getSetCookie();
const cookieHeader = (res: Response) => setCookies(res).map((c) => c.split(';')[0]).join('; ');

describe('anonymous', () => {
  it('is "Anonymous (demo)" and sees every namespace', async () => {
    const { auth } = await serverWith({ AUTH_STRATEGY: 'anonymous' });
    const user = await auth.requestUser(new Request('http://pod/api/graph'));
    expect(user.name).toBe('Anonymous (demo)');
    expect(await auth.accessibleNamespaces(user)).toBe('all');
  });
});

describe('token strategy', () => {
  it('401 without a session', async () => {
    const { auth } = await serverWith({ AUTH_STRATEGY: 'token', SESSION_SECRET: SECRET });
    await expect(auth.requestUser(new Request('http://pod/api/graph'))).rejects.toMatchObject({ code: 'unauthenticated', status: 401 });
  });

  it('logs in with a form post: Secure HttpOnly SameSite=Lax cookie, redirect on the public origin', async () => {
    const { auth, flows } = await serverWith({ AUTH_STRATEGY: 'token', SESSION_SECRET: SECRET });
    const res = await flows.loginWithToken(
      new Request('http://10.1.2.3:3000/api/auth/login', {
        method: 'POST',
        headers: { ...viaRoute(), origin: 'https://lens.test', 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token: TOKENS.alice, next: '/graph?namespaces=bookinfo' }),
      }),
    );
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('https://lens.test/graph?namespaces=bookinfo');
    const [cookie] = setCookies(res);
    expect(cookie).toMatch(/^ambient_lens_session=[A-Za-z0-9_-]+; Path=\/; Max-Age=\d+; HttpOnly; SameSite=Lax; Secure$/);
    expect(cookie).not.toContain(TOKENS.alice);

    const user = await auth.requestUser(new Request('http://pod/api/graph', { headers: { cookie: cookieHeader(res) } }));
    expect(user.name).toBe('alice');
    expect(user.token).toBe(TOKENS.alice);
    expect(JSON.stringify(user)).not.toContain(TOKENS.alice);
    expect(Object.keys(user)).not.toContain('token');
  });

  it('no Secure flag when the browser came over plain http', async () => {
    const { flows } = await serverWith({ AUTH_STRATEGY: 'token', SESSION_SECRET: SECRET });
    const res = await flows.loginWithToken(
      new Request('http://127.0.0.1:3000/api/auth/login', { method: 'POST', headers: { host: '127.0.0.1:3000', 'content-type': 'application/json' }, body: JSON.stringify({ token: TOKENS.bob }) }),
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ user: { name: 'bob', strategy: 'token', canLogOut: true } });
    expect(setCookies(res)[0]).not.toContain('Secure');
  });

  it('a rejected token goes back to /login with an error code, never the token', async () => {
    const { flows } = await serverWith({ AUTH_STRATEGY: 'token', SESSION_SECRET: SECRET });
    const res = await flows.loginWithToken(
      new Request('http://pod/api/auth/login', { method: 'POST', headers: viaRoute(), body: new URLSearchParams({ token: 'stolen-or-typo', next: '/graph' }) }),
    );
    expect(res.headers.get('location')).toBe('https://lens.test/login?error=invalid_token&next=%2Fgraph');
    expect(setCookies(res)).toEqual([]);
  });

  it('refuses a cross-origin login post', async () => {
    const { flows } = await serverWith({ AUTH_STRATEGY: 'token', SESSION_SECRET: SECRET });
    const req = new Request('http://pod/api/auth/login', { method: 'POST', headers: { ...viaRoute(), origin: 'https://evil.test' }, body: new URLSearchParams({ token: TOKENS.alice }) });
    await expect(flows.loginWithToken(req)).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('logout expires the cookie and returns to /login', async () => {
    const { flows } = await serverWith({ AUTH_STRATEGY: 'token', SESSION_SECRET: SECRET });
    const res = flows.logout(new Request('http://pod/api/auth/logout', { method: 'POST', headers: viaRoute() }));
    expect(res.headers.get('location')).toBe('https://lens.test/login');
    expect(setCookies(res)[0]).toMatch(/^ambient_lens_session=; Path=\/; Max-Age=0;/);
  });
});

describe('per-user namespaces (SelfSubjectAccessReview with the user\'s token)', () => {
  it('alice: bookinfo, bob: legacy, admin: all; asking for another namespace is 403', async () => {
    const { auth } = await serverWith({ AUTH_STRATEGY: 'header', SESSION_SECRET: SECRET, HOSTNAME: '127.0.0.1' });
    const as = (token: string) => auth.requestUser(new Request('http://pod/api/graph', { headers: { authorization: `Bearer ${token}` } }));
    const alice = await as(TOKENS.alice);
    const bob = await as(TOKENS.bob);
    expect([...((await auth.accessibleNamespaces(alice)) as Set<string>)]).toEqual(['bookinfo']);
    expect([...((await auth.accessibleNamespaces(bob)) as Set<string>)]).toEqual(['legacy']);
    expect(await auth.accessibleNamespaces(await as(TOKENS.admin))).toBe('all');
    await expect(auth.requireNamespaces(alice, ['bookinfo'])).resolves.toBeUndefined();
    await expect(auth.requireNamespaces(alice, ['bookinfo', 'legacy'])).rejects.toMatchObject({ code: 'forbidden', status: 403 });
  });
});

describe('header strategy (behind oauth-proxy)', () => {
  it('takes the user from X-Forwarded-Access-Token or Authorization, 401 otherwise', async () => {
    const { auth } = await serverWith({ AUTH_STRATEGY: 'header', SESSION_SECRET: SECRET, HOSTNAME: '127.0.0.1' });
    const viaProxy = await auth.requestUser(new Request('http://pod/', { headers: { 'x-forwarded-access-token': TOKENS.bob } }));
    expect(viaProxy).toMatchObject({ name: 'bob', strategy: 'header' });
    await expect(auth.requestUser(new Request('http://pod/'))).rejects.toMatchObject({ code: 'unauthenticated' });
    await expect(auth.requestUser(new Request('http://pod/', { headers: { authorization: 'Bearer forged' } }))).rejects.toMatchObject({ code: 'unauthenticated' });
  });
});

describe('token login refuses bad bodies with a 400 naming the field', () => {
  const post = (headers: Record<string, string>, body: BodyInit) => new Request('http://pod/api/auth/login', { method: 'POST', headers, body });
  const form = new FormData();
  form.set('token', TOKENS.alice);
  it.each([
    ['no content type', post({}, new Blob(['token=x'])), 'content-type'],
    ['text/plain', post({ 'content-type': 'text/plain' }, 'token=x'), 'content-type'],
    ['multipart', post({}, form), 'content-type'],
    ['malformed JSON', post({ 'content-type': 'application/json' }, '{"token":'), 'body'],
    ['JSON that is not an object', post({ 'content-type': 'application/json' }, 'null'), 'body'],
    ['a token with CR/LF', post({ 'content-type': 'application/json' }, JSON.stringify({ token: 'SECRET-TOKEN\r\nX-Evil: 1' })), 'token'],
    ['a token with non-ASCII', post({ 'content-type': 'application/json' }, JSON.stringify({ token: 'tökén' })), 'token'],
    ['an oversized body', post({ 'content-type': 'application/json' }, JSON.stringify({ token: 'a'.repeat(70_000) })), 'body'],
  ])('%s', async (_name, request, parameter) => {
    const { flows } = await serverWith({ AUTH_STRATEGY: 'token', SESSION_SECRET: SECRET });
    await expect(flows.loginWithToken(request)).rejects.toMatchObject({ code: 'bad_request', parameter });
  });
});

describe('header strategy trust boundary', () => {
  const PROXY_SECRET = 'proxy-secret-proxy-secret-proxy-secret';
  it('will not start without a proxy secret or a loopback listener', () => {
    expect(() => parseEnv({ AUTH_STRATEGY: 'header', SESSION_SECRET: SECRET, HOSTNAME: '0.0.0.0' })).toThrow(/AUTH_HEADER_SECRET: required when AUTH_STRATEGY is header/);
    expect(() => parseEnv({ AUTH_STRATEGY: 'header', SESSION_SECRET: SECRET, AUTH_HEADER_SECRET: 'short' })).toThrow(/AUTH_HEADER_SECRET: must be at least 32/);
  });

  it('believes the token header only with the proxy secret; malformed tokens are 400 before any review', async () => {
    const { auth } = await serverWith({ AUTH_STRATEGY: 'header', SESSION_SECRET: SECRET, AUTH_HEADER_SECRET: PROXY_SECRET });
    const ask = (headers: Record<string, string>) => auth.requestUser(new Request('http://pod/', { headers }));
    await expect(ask({ 'x-forwarded-access-token': TOKENS.bob })).rejects.toMatchObject({ code: 'unauthenticated' });
    await expect(ask({ 'x-forwarded-access-token': TOKENS.bob, 'x-ambient-lens-proxy-secret': 'nope' })).rejects.toMatchObject({ code: 'unauthenticated' });
    await expect(ask({ 'x-forwarded-access-token': TOKENS.bob, 'x-ambient-lens-proxy-secret': PROXY_SECRET })).resolves.toMatchObject({ name: 'bob' });
    await expect(ask({ 'x-forwarded-access-token': 'a\u0007b', 'x-ambient-lens-proxy-secret': PROXY_SECRET })).rejects.toMatchObject({ code: 'bad_request', parameter: 'x-forwarded-access-token' });
  });

  it('remembers rejected tokens and rate-limits a client whose tokens keep failing', async () => {
    const { auth } = await serverWith({ AUTH_STRATEGY: 'header', SESSION_SECRET: SECRET, HOSTNAME: '127.0.0.1' });
    const reviews = () => cluster.requests().filter((r) => /selfsubjectreviews|tokenreviews|users\/~/.test(r)).length;
    const from = (token: string, client: string) => auth.requestUser(new Request('http://pod/', { headers: { 'x-forwarded-access-token': token, 'x-forwarded-for': client } }));
    await expect(from('bogus-1', '198.51.100.7')).rejects.toMatchObject({ code: 'unauthenticated' });
    const once = reviews();
    await expect(from('bogus-1', '198.51.100.7')).rejects.toMatchObject({ code: 'unauthenticated' });
    expect(reviews()).toBe(once);
    for (let i = 2; i <= 10; i++) await expect(from(`bogus-${i}`, '198.51.100.7')).rejects.toMatchObject({ code: 'unauthenticated' });
    const tenth = reviews();
    await expect(from('bogus-11', '198.51.100.7')).rejects.toMatchObject({ code: 'too_many_requests', status: 429 });
    expect(reviews()).toBe(tenth);
    await expect(from(TOKENS.alice, '203.0.113.1')).resolves.toMatchObject({ name: 'alice' });
  });
});

describe('openshift strategy (authorization-code flow)', () => {
  const vars = () => ({ AUTH_STRATEGY: 'openshift', SESSION_SECRET: SECRET, OPENSHIFT_OAUTH_CLIENT_ID: 'ambient-lens', OPENSHIFT_OAUTH_CLIENT_SECRET: 'oauth-secret' });

  it('login -> OAuth server -> callback -> session for the user', async () => {
    const { auth, flows } = await serverWith(vars());
    const begin = await flows.beginOpenShiftLogin(new Request('http://pod/api/auth/login?next=%2Fsecurity', { headers: viaRoute() }));
    expect(begin.status).toBe(303);
    const authorize = new URL(begin.headers.get('location') ?? '');
    expect(authorize.origin).toBe(oauth.url);
    expect(authorize.searchParams.get('redirect_uri')).toBe('https://lens.test/api/auth/callback');
    expect(setCookies(begin)[0]).toMatch(/^ambient_lens_oauth=.+; Max-Age=600; HttpOnly; SameSite=Lax; Secure$/);

    const approve = new URL('/oauth/approve', oauth.url);
    approve.search = authorize.search;
    approve.searchParams.set('user', 'alice');
    const back = new URL((await fetch(approve, { redirect: 'manual' })).headers.get('location') ?? '');
    const callback = await flows.finishOpenShiftLogin(
      new Request(`http://pod/api/auth/callback${back.search}`, { headers: { ...viaRoute(), cookie: cookieHeader(begin) } }),
    );
    expect(callback.headers.get('location')).toBe('https://lens.test/security');
    const session = setCookies(callback).find((c) => c.startsWith('ambient_lens_session=')) ?? '';
    const user = await auth.requestUser(new Request('http://pod/', { headers: { cookie: session.split(';')[0] ?? '' } }));
    expect(user).toMatchObject({ name: 'alice', strategy: 'openshift' });
  });

  it('a callback whose state does not match the cookie is refused', async () => {
    const { flows } = await serverWith(vars());
    const begin = await flows.beginOpenShiftLogin(new Request('http://pod/api/auth/login', { headers: viaRoute() }));
    const res = await flows.finishOpenShiftLogin(
      new Request('http://pod/api/auth/callback?code=abc&state=forged-state-value', { headers: { ...viaRoute(), cookie: cookieHeader(begin) } }),
    );
    expect(res.headers.get('location')).toBe('https://lens.test/login?error=oauth_state');
    expect(setCookies(res).some((c) => c.startsWith('ambient_lens_session='))).toBe(false);
  });
});
