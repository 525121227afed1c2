import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startAppServer, type RunningAppServer } from '../scripts/nginx/app-server';
import { startNginx, type RunningNginx } from '../scripts/nginx/nginx';
import { stackInfo } from './harness/stack-info';

// Behind a TLS-terminating reverse proxy (nginx, as an OpenShift Route with edge termination or an
// Ingress would be), and in the container's conditions: any UID with group 0, and the reencrypt
// TLS front (deploy/image/tls-front.mjs).

const SECRET = 'e2e-session-secret-0123456789abcdefghij';
const kubeconfig = () => path.resolve(stackInfo().kubeconfigPath);

function watchCsp(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (msg) => {
    if (/Content Security Policy|Refused to (execute|load|apply)/i.test(msg.text())) violations.push(msg.text());
  });
  return violations;
}

test.describe('behind nginx (TLS edge termination, X-Forwarded-*)', () => {
  let app: RunningAppServer;
  let tokenApp: RunningAppServer;
  let nginx: RunningNginx;
  let tokenNginx: RunningNginx;
  test.beforeAll(async () => {
    [app, tokenApp] = await Promise.all([
      startAppServer({ port: 3115, env: { KUBECONFIG: kubeconfig(), AUTH_STRATEGY: 'anonymous' } }),
      startAppServer({ port: 3116, env: { KUBECONFIG: kubeconfig(), AUTH_STRATEGY: 'token', SESSION_SECRET: SECRET } }),
    ]);
    nginx = await startNginx({ upstreamPort: 3115, httpsPort: 3110, httpPort: 3111 });
    tokenNginx = await startNginx({ upstreamPort: 3116, httpsPort: 3112, httpPort: 3113 });
  });
  test.afterAll(async () => {
    await Promise.all([nginx?.stop(), tokenNginx?.stop()]);
    await Promise.all([app?.stop(), tokenApp?.stop()]);
  });

  test('security headers on pages, API and static assets; a per-request nonce the page satisfies', async ({ page, request }) => {
    const violations = watchCsp(page);
    await page.emulateMedia({ colorScheme: 'dark' });
    const response = await page.goto(`${nginx.url}/`);
    const headers = response?.headers() ?? {};
    const csp = headers['content-security-policy'] ?? '';
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}' 'strict-dynamic'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain('upgrade-insecure-requests');
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('same-origin');
    expect(headers['strict-transport-security']).toMatch(/max-age=/);
    // The inline theme script ran (it carries the nonce): dark mode applied before hydration.
    await expect(page.locator('html')).toHaveClass(/dark/);
    // React hydrated under the policy: the theme toggle responds to a click.
    await page.getByRole('button', { name: /Theme: system/ }).click();
    await expect(page.getByRole('button', { name: /Theme: light/ })).toBeVisible();
    expect(violations).toEqual([]);

    const again = await request.get(`${nginx.url}/`);
    expect(again.headers()['content-security-policy']).not.toBe(csp);
    const api = await request.get(`${nginx.url}/healthz`);
    expect(api.headers()['x-content-type-options']).toBe('nosniff');
    const asset = (await page.locator('link[rel="stylesheet"]').first().getAttribute('href')) ?? '';
    const css = await request.get(`${nginx.url}${asset}`);
    expect(css.status()).toBe(200);
    expect(css.headers()['x-content-type-options']).toBe('nosniff');
  });

  test('plain http is redirected to https', async ({ request }) => {
    const res = await request.get(`${nginx.httpUrl}/graph?x=1`, { maxRedirects: 0 });
    expect(res.status()).toBe(301);
    expect(res.headers().location).toBe(`${nginx.url}/graph?x=1`);
  });

  test('login redirects stay on the public https origin and the session cookie is Secure', async ({ page, context }) => {
    await page.goto(`${tokenNginx.url}/`);
    await expect(page).toHaveURL(`${tokenNginx.url}/login`);
    await page.getByLabel('Kubernetes bearer token').fill('alice-token');
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect(page).toHaveURL(`${tokenNginx.url}/`);
    await expect(page.getByTestId('user-name')).toHaveText('alice');
    const session = (await context.cookies()).find((c) => c.name === 'ambient_lens_session');
    expect(session).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Lax' });
  });
});

test.describe('the image\'s conditions', () => {
  test('the standalone server runs as a random non-root UID in group 0', async ({ request }) => {
    const uid = 10_000 + Math.floor(Math.random() * 50_000);
    const server = await startAppServer({ port: 3107, uid, env: { KUBECONFIG: kubeconfig(), AUTH_STRATEGY: 'anonymous' } });
    try {
      const status = readFileSync(`/proc/${server.pid}/status`, 'utf8');
      expect(status).toMatch(new RegExp(`^Uid:\\s+${uid}\\s`, 'm'));
      expect(status).toMatch(/^Gid:\s+0\s/m);
      expect((await request.get(`${server.url}/healthz`)).status()).toBe(200);
      const page = await request.get(`${server.url}/`);
      expect(page.status()).toBe(200);
      expect(await page.text()).toMatch(/<title>[^<]*Ambient Lens<\/title>/);
      const metrics = await (await request.get(`${server.url}/metrics`)).text();
      expect(metrics).toContain('# TYPE ambient_lens_http_requests_total counter');
    } finally {
      await server.stop();
    }
  });

  test('tls-front serves HTTPS with the mounted certificate (OpenShift reencrypt)', async ({ request }) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'al-tls-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=ambient-lens.istio-system.svc', '-keyout', `${dir}/tls.key`, '-out', `${dir}/tls.crt`], { stdio: 'ignore' });
    execFileSync('chmod', ['-R', 'a+rX', dir]);
    const server = await startAppServer({
      port: 3108,
      uid: 10_000 + Math.floor(Math.random() * 50_000),
      tlsFront: true,
      env: { KUBECONFIG: kubeconfig(), AUTH_STRATEGY: 'anonymous', TLS_CERT_FILE: `${dir}/tls.crt`, TLS_KEY_FILE: `${dir}/tls.key`, TLS_PORT: '3109' },
    });
    try {
      const res = await request.get(`${server.url}/`);
      expect(res.status()).toBe(200);
      expect(res.headers()['strict-transport-security']).toMatch(/max-age=/);
      expect((await request.get(`${server.url}/healthz`)).status()).toBe(200);
    } finally {
      await server.stop();
    }
  });
});
