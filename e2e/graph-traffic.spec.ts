import { expect, test, type APIRequestContext } from '@playwright/test';
import type { MeshGraph } from '../lib/graph/model';
import { GraphPage } from './pages/GraphPage';

// Issue 11: the Traffic menu, the edge label choice, drill-down into a node graph and the charts of
// a selection, against the simulated Bookinfo mesh and real Prometheus (an hour of history).

async function apiGraph(request: APIRequestContext, query: string): Promise<MeshGraph> {
  const response = await request.get(`api/graph?graphType=workload&duration=600&idle=false&waypoints=show&${query}`);
  expect(response.status()).toBe(200);
  return (await response.json()) as MeshGraph;
}

test('the Traffic menu filters by protocol and telemetry, and lives in the URL', async ({ page }) => {
  const graph = new GraphPage(page);
  await graph.goto('namespaces=bookinfo');
  const all = await graph.rendered();
  const protocolOf = (id: string) => id.split(':')[0];
  expect(all.edges.some((e) => protocolOf(e.id) === 'http')).toBe(true);
  expect(all.edges.some((e) => protocolOf(e.id) === 'tcp')).toBe(true);

  const menu = await graph.openMenu('Traffic');
  await menu.getByRole('checkbox', { name: 'HTTP' }).uncheck();
  await menu.getByRole('checkbox', { name: 'gRPC' }).uncheck();
  await expect(page).toHaveURL(/[?&]protocols=tcp(&|$)/);
  await expect.poll(async () => (await graph.rendered()).edges.map((e) => protocolOf(e.id)).filter((p) => p !== 'tcp')).toEqual([]);
  expect((await graph.rendered()).edges.length).toBe(all.edges.filter((e) => protocolOf(e.id) === 'tcp').length);

  // Waypoint (L7) telemetry with TCP only is nothing; Both brings the TCP edges back.
  await menu.getByRole('checkbox', { name: 'HTTP' }).check();
  await menu.getByRole('radio', { name: /^Waypoint \(L7\)/ }).check();
  await expect(page).toHaveURL(/telemetry=waypoint/);
  await expect.poll(async () => (await graph.rendered()).edges.every((e) => protocolOf(e.id) === 'http')).toBe(true);

  // A shared link opens the same filter.
  await page.goto(page.url());
  await expect.poll(async () => (await graph.rendered()).edges.every((e) => protocolOf(e.id) === 'http')).toBe(true);
});

test('the edge label choice changes the labels, traffic distribution included', async ({ page }) => {
  const graph = new GraphPage(page);
  await graph.goto('namespaces=bookinfo');
  const throughput = (await graph.rendered()).edges.map((e) => e.label);
  expect(throughput.some((l) => /B\/s|rps/.test(l))).toBe(true);

  const menu = await graph.openMenu('Display');
  await menu.getByRole('radio', { name: /^Traffic distribution/ }).check();
  await expect(page).toHaveURL(/edgeLabel=distribution/);
  await expect.poll(async () => (await graph.rendered()).edges.filter((e) => /\d%$/.test(e.label)).length).toBeGreaterThan(0);
  const shares = (await graph.rendered()).edges.map((e) => e.label);
  expect(shares.some((l) => /B\/s|rps/.test(l))).toBe(false);

  await menu.getByRole('radio', { name: /^None/ }).check();
  await expect.poll(async () => (await graph.rendered()).edges.filter((e) => /\d/.test(e.label)).length).toBe(0);
});

test('double-clicking productpage opens its node graph: its callers and callees only, with a breadcrumb back', async ({ page, request }) => {
  const graph = new GraphPage(page);
  await graph.goto('namespaces=bookinfo');
  const drawn = await graph.rendered();
  const productpage = drawn.nodes.find((n) => n.label.startsWith('productpage-v1'));
  if (!productpage) throw new Error('productpage-v1 is not drawn');
  const around = (await apiGraph(request, 'namespaces=bookinfo')).edges.filter((e) => e.source === productpage.id || e.target === productpage.id);
  const neighbours = new Set([productpage.id, ...around.flatMap((e) => [e.source, e.target])]);
  expect(neighbours.size).toBeGreaterThan(2);

  await graph.doubleClickNode(productpage.id);
  await expect.poll(() => new URL(page.url()).searchParams.get('focus')).toBe(productpage.id);
  await expect(page.getByRole('navigation', { name: 'Breadcrumb' })).toContainText('Node graph: productpage-v1');
  await expect.poll(async () => (await graph.rendered()).edges.every((e) => e.source === productpage.id || e.target === productpage.id)).toBe(true);
  const focused = await graph.rendered();
  // Every caller and callee of the namespace graph is there (the node graph may add ones from other namespaces).
  for (const id of neighbours) expect(focused.nodes.map((n) => n.id), id).toContain(id);
  expect(focused.nodes.length).toBeLessThan(drawn.nodes.length);

  await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('button', { name: 'Graph of bookinfo' }).click();
  await expect.poll(() => new URL(page.url()).searchParams.get('focus')).toBeNull();
  await expect.poll(async () => (await graph.rendered()).nodes.length).toBe(drawn.nodes.length);

  // Back in the namespaces' graph, productpage is still selected; the side panel's button and Back work too.
  await expect.poll(() => new URL(page.url()).searchParams.get('selected')).toBe(productpage.id);
  await graph.details.getByRole('button', { name: 'Node graph' }).click();
  await expect.poll(() => new URL(page.url()).searchParams.get('focus')).toBe(productpage.id);
  await page.goBack();
  await expect.poll(() => new URL(page.url()).searchParams.get('focus')).toBeNull();
});

test('Enter on the canvas opens the selected node\'s graph', async ({ page }) => {
  const graph = new GraphPage(page);
  await graph.goto('namespaces=bookinfo');
  const drawn = await graph.rendered();
  const details = drawn.nodes.find((n) => n.label.startsWith('details-v1'));
  if (!details) throw new Error('details-v1 is not drawn');
  await graph.nodeList.locator(`[data-node-id="${details.id}"]`).click();
  await expect.poll(() => new URL(page.url()).searchParams.get('selected')).toBe(details.id);
  const canvas = page.getByRole('application', { name: /Traffic graph/ });
  await canvas.focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => new URL(page.url()).searchParams.get('focus')).toBe(details.id);
  await expect(page.getByRole('navigation', { name: 'Breadcrumb' })).toContainText('Node graph: details-v1');
});

test('a selected edge has charts over the window, named for assistive technology', async ({ page, request }) => {
  const graph = new GraphPage(page);
  await graph.goto('namespaces=bookinfo');
  await graph.rendered();
  const api = await apiGraph(request, 'namespaces=bookinfo');
  const tcp = api.edges.find((e) => e.protocol === 'tcp' && (e.tcp?.clientToServerBps ?? 0) > 0);
  const http = api.edges.find((e) => e.protocol === 'http' && (e.http?.requestsPerSec ?? 0) > 0);
  if (!tcp || !http) throw new Error('the scenario has no busy TCP and HTTP edges');

  await graph.edgeList.locator(`[data-edge-id="${tcp.id}"]`).click();
  const bytes = graph.details.getByRole('figure', { name: 'Bytes per second each way' });
  await expect(bytes).toBeVisible();
  await expect(bytes.getByRole('img')).toHaveAccessibleName(/client → server, server → client/);
  await expect(bytes.locator('path[data-series="client → server"]')).toHaveAttribute('d', /^M[\d.]+ [\d.]+L/);
  await expect(graph.details.getByRole('figure', { name: 'mTLS share' })).toBeVisible();
  await expect(graph.details.getByRole('figure', { name: 'Denied connections per second' })).toBeVisible();

  await graph.details.getByRole('button', { name: 'All nodes and edges' }).click();
  await graph.edgeList.locator(`[data-edge-id="${http.id}"]`).click();
  const requests = graph.details.getByRole('figure', { name: 'Requests per second and errors' });
  await expect(requests.locator('path[data-series="requests"]')).toHaveAttribute('d', /^M[\d.]+ [\d.]+L/);
  await expect(graph.details.getByRole('figure', { name: 'Response time p50, p95, p99' }).getByRole('img')).toHaveAccessibleName(/p50, p95, p99/);
});

test('each edge in the list has a sparkline of its traffic over the window', async ({ page }) => {
  const graph = new GraphPage(page);
  await graph.goto('namespaces=bookinfo');
  const drawn = await graph.rendered();
  const sparklines = graph.edgeList.getByRole('img', { name: /per second over the window$/ });
  await expect(sparklines).toHaveCount(drawn.edges.length);
  await expect(graph.edgeList.getByRole('img', { name: /^productpage-v1 → .*: requests per second over the window$/ }).first().locator('path')).toHaveAttribute('d', /^M[\d.]+ [\d.]+L/);
});

test('screenshots: charts of a selected edge and a node graph (looked at by hand)', async ({ page, request }, testInfo) => {
  const dir = process.env.SHOTS_DIR ?? testInfo.outputPath();
  const api = await apiGraph(request, 'namespaces=bookinfo');
  const http = api.edges.find((e) => e.protocol === 'http' && (e.http?.requestsPerSec ?? 0) > 0);
  const productpage = api.nodes.find((n) => n.kind === 'workload' && n.workload === 'productpage-v1');
  if (!http || !productpage) throw new Error('no busy HTTP edge or productpage');
  const graph = new GraphPage(page);
  for (const width of [1440, 1024]) {
    await page.setViewportSize({ width, height: 900 });
    await graph.goto(`namespaces=bookinfo&selected=${encodeURIComponent(http.id)}`);
    await graph.rendered();
    await expect(graph.details.getByRole('figure', { name: 'Response time p50, p95, p99' })).toBeVisible();
    await page.screenshot({ path: `${dir}/edge-charts-${width}.png` });
    await graph.goto(`namespaces=bookinfo&focus=${encodeURIComponent(productpage.id)}&selected=${encodeURIComponent(productpage.id)}`);
    await graph.rendered();
    await expect(graph.details.getByRole('figure', { name: 'Bytes per second each way' })).toBeVisible();
    await page.screenshot({ path: `${dir}/node-graph-${width}.png` });
  }
});
