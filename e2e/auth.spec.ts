import path from 'node:path';
import { expect, test } from '@playwright/test';
import { startAppServer, type RunningAppServer } from '../scripts/nginx/app-server';
import { startOAuthServer, type TestOAuthServer } from '../testing/harness/oauth-server';
import { stackInfo } from './harness/stack-info';

// Login strategies in a real browser, each on its own production server (same build, other env)
// against the simulated cluster: alice-token sees bookinfo only, bob-token legacy only.

const SECRET = 'e2e-session-secret-0123456789abcdefghij';
const ALICE = 'alice-token';
const BOB = 'bob-token';

function clusterEnv(): Record<string, string> {
  const { kubeconfigPath } = stackInfo();
  return { KUBECONFIG: path.resolve(kubeconfigPath), SESSION_SECRET: SECRET };
}

test.describe('AUTH_STRATEGY=token', () => {
  let server: RunningAppServer;
  test.beforeAll(async () => {
    server = await startAppServer({ port: 3101, env: { ...clusterEnv(), AUTH_STRATEGY: 'token' } });
  });
  test.afterAll(async () => server?.stop());

  test('a page sends you to /login, a wrong token is refused, a right one logs you in', async ({ page, context }) => {
    await page.goto(`${server.url}/`);
    await expect(page).toHaveURL(/\/login$/);
    await expect(page.getByRole('heading', { name: 'Log in to Ambient Lens' })).toBeVisible();

    await page.getByLabel('Kubernetes bearer token').fill('not-a-real-token');
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'did not accept that token' })).toBeVisible();

    await page.getByLabel('Kubernetes bearer token').fill(ALICE);
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect(page).toHaveURL(`${server.url}/`);
    await expect(page.getByTestId('user-name')).toHaveText('alice');

    const session = (await context.cookies()).find((c) => c.name === 'ambient_lens_session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', secure: false, path: '/' });
    expect(session?.value).not.toContain(ALICE);

    const me = await page.request.get(`${server.url}/api/auth/me`);
    expect(await me.json()).toEqual({ user: { name: 'alice', strategy: 'token', canLogOut: true } });

    await page.getByRole('button', { name: 'Log out' }).click();
    await expect(page).toHaveURL(/\/login$/);
    expect((await page.request.get(`${server.url}/api/auth/me`)).status()).toBe(401);
  });

  test('returns to the page asked for after login', async ({ page }) => {
    await page.goto(`${server.url}/metrics-not-a-page?x=1`);
    await expect(page).toHaveURL(/\/login\?next=%2Fmetrics-not-a-page%3Fx%3D1$/);
    await page.getByLabel('Kubernetes bearer token').fill(BOB);
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect(page).toHaveURL(`${server.url}/metrics-not-a-page?x=1`);
  });

  test('API calls without a session get a 401 JSON error, not a redirect', async ({ request }) => {
    const res = await request.get(`${server.url}/api/auth/me`, { maxRedirects: 0 });
    expect(res.status()).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: 'unauthenticated' } });
  });
});

test.describe('AUTH_STRATEGY=openshift', () => {
  let oauth: TestOAuthServer;
  let server: RunningAppServer;
  test.beforeAll(async () => {
    oauth = await startOAuthServer({ clientId: 'ambient-lens', clientSecret: 'e2e-oauth-secret', users: { alice: ALICE, bob: BOB } }, 3119);
    server = await startAppServer({
      port: 3102,
      env: {
        ...clusterEnv(),
        AUTH_STRATEGY: 'openshift',
        OPENSHIFT_OAUTH_CLIENT_ID: 'ambient-lens',
        OPENSHIFT_OAUTH_CLIENT_SECRET: 'e2e-oauth-secret',
        // The simulated API server has no OAuth server of its own: discover from the test one.
        OPENSHIFT_OAUTH_ISSUER: oauth.url,
      },
    });
  });
  test.afterAll(async () => {
    await server?.stop();
    await oauth?.close();
  });

  test('logs in through the OAuth server and comes back to the page asked for', async ({ page }) => {
    await page.goto(`${server.url}/security-not-built-yet`);
    await expect(page).toHaveURL(/\/login\?next=/);
    await page.getByRole('link', { name: 'Log in with OpenShift' }).click();
    await expect(page.getByRole('heading', { name: 'Test OAuth server' })).toBeVisible();
    await page.getByRole('link', { name: 'Log in as bob' }).click();
    await expect(page).toHaveURL(`${server.url}/security-not-built-yet`);
    await expect(page.getByTestId('user-name')).toHaveText('bob');
    expect(oauth.exchanges()).toBeGreaterThanOrEqual(1);
  });
});

test.describe('AUTH_STRATEGY=header and anonymous', () => {
  let header: RunningAppServer;
  let anonymous: RunningAppServer;
  test.beforeAll(async () => {
    [header, anonymous] = await Promise.all([
      startAppServer({ port: 3103, env: { ...clusterEnv(), AUTH_STRATEGY: 'header' } }),
      startAppServer({ port: 3104, env: { ...clusterEnv(), AUTH_STRATEGY: 'anonymous' } }),
    ]);
  });
  test.afterAll(async () => {
    await header?.stop();
    await anonymous?.stop();
  });

  test('header: the proxy-passed token names the user; no token, no entry', async ({ browser, request }) => {
    const context = await browser.newContext({ extraHTTPHeaders: { 'X-Forwarded-Access-Token': ALICE } });
    const page = await context.newPage();
    await page.goto(`${header.url}/`);
    await expect(page.getByTestId('user-name')).toHaveText('alice');
    await expect(page.getByRole('button', { name: 'Log out' })).toHaveCount(0);
    await context.close();
    expect((await request.get(`${header.url}/api/auth/me`)).status()).toBe(401);
  });

  test('anonymous: the header says so', async ({ page }) => {
    await page.goto(`${anonymous.url}/`);
    await expect(page.getByTestId('user-name')).toHaveText('Anonymous (demo)');
  });
});
