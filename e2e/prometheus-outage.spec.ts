import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { startAppServer, type RunningAppServer } from '../scripts/nginx/app-server';
import { stackInfo } from './harness/stack-info';
import { GraphPage } from './pages/GraphPage';

// Prometheus going away: a dashboard whose PROMETHEUS_URL is a forwarder to the real Prometheus
// that the test can switch off. A drawn graph stays on screen and says its refresh failed; a new
// visit says Prometheus did not answer, never an empty graph.

let app: RunningAppServer;
let forwarder: Server;
let prometheusUp = true;

test.beforeAll(async () => {
  const upstream = stackInfo().prometheusUrl;
  if (!upstream) throw new Error('the stack runs without Prometheus');
  forwarder = createServer(async (req, res) => {
    if (!prometheusUp) {
      req.socket.destroy();
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const answer = await fetch(`${upstream}${req.url}`, {
      method: req.method,
      headers: { 'content-type': req.headers['content-type'] ?? 'application/x-www-form-urlencoded' },
      body: req.method === 'POST' ? Buffer.concat(chunks) : undefined,
    });
    res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
    res.end(Buffer.from(await answer.arrayBuffer()));
  });
  await new Promise<void>((resolve) => forwarder.listen(0, '127.0.0.1', resolve));
  const port = (forwarder.address() as AddressInfo).port;
  app = await startAppServer({
    port: 3141,
    env: { KUBECONFIG: stackInfo().kubeconfigPath, PROMETHEUS_URL: `http://127.0.0.1:${port}`, LOG_LEVEL: 'warn' },
  });
});

test.afterAll(async () => {
  await app?.stop();
  await new Promise((resolve) => forwarder?.close(resolve));
});

test('the last good graph stays on screen when Prometheus stops answering, and says so', async ({ page }) => {
  prometheusUp = true;
  const graph = new GraphPage(page);
  await page.goto(`${app.url}/graph?namespaces=bookinfo&refresh=10`);
  const before = await graph.rendered();
  expect(before.edges.length).toBeGreaterThan(5);

  prometheusUp = false;
  await expect(page.getByText(/Refresh failed .*showing the graph from/)).toBeVisible({ timeout: 40_000 });
  const after = await graph.rendered();
  expect(after.edges.map((e) => e.id).sort()).toEqual(before.edges.map((e) => e.id).sort());

  // A fresh visit has nothing to fall back on: it names the cause instead of drawing an empty graph.
  await page.goto(`${app.url}/graph?namespaces=legacy`);
  await expect(page.getByRole('heading', { name: 'Prometheus did not answer' })).toBeVisible({ timeout: 40_000 });
  const api = await page.request.get(`${app.url}/api/graph?namespaces=bookinfo`);
  expect(api.status()).toBe(503);
  expect((await api.json()).error.code).toBe('prometheus_unreachable');

  // Back again: the next refresh draws the graph.
  prometheusUp = true;
  await page.getByRole('button', { name: /Try again|Retry/ }).first().click();
  await expect.poll(async () => (await page.evaluate(() => window.__ambientLensGraph?.edges.length ?? 0)), { timeout: 30_000 }).toBeGreaterThan(0);
});
