import { expect, test, type APIRequestContext } from '@playwright/test';
import { effectiveMtlsShare } from '../lib/graph/lookup';
import type { MeshGraph } from '../lib/graph/model';
import { GraphPage } from './pages/GraphPage';

// The traffic graph against the simulated Bookinfo mesh (constant traffic) and real Prometheus.

async function apiGraph(request: APIRequestContext, namespaces: string): Promise<MeshGraph> {
  const response = await request.get(`api/graph?namespaces=${namespaces}&graphType=workload&duration=600&idle=false&waypoints=show`);
  expect(response.status()).toBe(200);
  return (await response.json()) as MeshGraph;
}

const isFullMtls = (share: number | null) => share !== null && share >= 1 - 1e-9;

test('namespaces are picked in the drop-down, marked ambient or not enrolled, and drawn', async ({ page }) => {
  const graph = new GraphPage(page);
  await graph.goto();
  await expect(page.getByRole('heading', { name: 'Pick the namespaces to draw' })).toBeVisible();

  const options = await graph.namespaceOptions();
  expect(options).toContain('bookinfo ambient');
  expect(options).toContain('legacy not enrolled');

  await graph.selectNamespaces(['bookinfo']);
  await expect(page).toHaveURL(/[?&]namespaces=bookinfo(&|$)/);
  const drawn = await graph.rendered();
  expect(drawn.nodes.map((n) => n.label)).toEqual(expect.arrayContaining([expect.stringMatching(/^productpage-v1/), expect.stringMatching(/^details-v1/)]));
  await expect(graph.nodeList.getByRole('button', { name: /^productpage-v1/ })).toBeVisible();
  await expect(graph.toolbar.getByTestId('last-updated')).toHaveText(/Updated \d/);
});

test('the Security badge puts a lock exactly on the mTLS edges', async ({ page, request }) => {
  const graph = new GraphPage(page);
  await graph.goto('namespaces=bookinfo,legacy');
  const drawn = await graph.rendered();
  const api = await apiGraph(request, 'bookinfo,legacy');
  const share = new Map(api.edges.map((e) => [e.id, effectiveMtlsShare(e.security)]));

  expect(drawn.edges.length).toBe(api.edges.length);
  for (const edge of drawn.edges) {
    expect(share.has(edge.id), edge.id).toBe(true);
    expect(edge.badge === '🔒', `${edge.id} share ${share.get(edge.id)}`).toBe(isFullMtls(share.get(edge.id) ?? null));
  }
  // The scenario has both kinds, so the check above could fail either way.
  expect(drawn.edges.filter((e) => e.badge === '🔒').length).toBeGreaterThan(0);
  expect(drawn.edges.filter((e) => e.badge === '✕' || e.badge === '◐').length).toBeGreaterThan(0);

  await graph.setBadge('Security', false);
  await expect(page).toHaveURL(/badges=waypoint%2Cenrollment/);
  await expect.poll(async () => (await graph.rendered()).edges.filter((e) => e.badge !== '').length).toBe(0);
  await expect(graph.edgeList.getByRole('img', { name: 'mTLS' })).toHaveCount(0);

  // Back undoes the toggle.
  await page.goBack();
  await expect(page).not.toHaveURL(/badges=/);
  await expect.poll(async () => (await graph.rendered()).edges.filter((e) => e.badge === '🔒').length).toBeGreaterThan(0);
});

test('clicking an edge shows both SPIFFE identities, and a plaintext edge says why', async ({ page, request }) => {
  const graph = new GraphPage(page);
  await graph.goto('namespaces=bookinfo,legacy');
  await graph.rendered();
  const api = await apiGraph(request, 'bookinfo,legacy');
  const secure = api.edges.find((e) => isFullMtls(e.security.mtlsShare) && e.security.sourcePrincipals.length > 0 && e.security.destinationPrincipals.length > 0);
  if (!secure) throw new Error('the scenario has no mTLS edge with identities');

  await graph.clickEdgeOnCanvas(secure.id);
  await expect.poll(() => new URL(page.url()).searchParams.get('selected')).toBe(secure.id);
  const security = graph.details.getByRole('region', { name: 'Security' });
  await expect(security).toContainText('mTLS');
  // Shortened in the narrow panel; the full SPIFFE ID is the element's title and what Copy copies.
  const fullIds = (label: 'Source identity' | 'Destination identity') => graph.identities(label).getByTestId('identity').evaluateAll((els) => els.map((e) => e.getAttribute('title')));
  await expect(graph.identities('Source identity').first()).toBeVisible();
  expect(await fullIds('Source identity')).toEqual(secure.security.sourcePrincipals);
  expect(await fullIds('Destination identity')).toEqual(secure.security.destinationPrincipals);
  for (const p of [...secure.security.sourcePrincipals, ...secure.security.destinationPrincipals]) expect(p).toMatch(/^spiffe:\/\/[^/]+\/ns\/[^/]+\/sa\/.+/);

  const plaintext = api.edges.find((e) => e.security.mtlsShare === 0);
  if (!plaintext) throw new Error('the scenario has no plaintext edge');
  await graph.details.getByRole('button', { name: 'All nodes and edges' }).click();
  await graph.edgeList.locator(`[data-edge-id="${plaintext.id}"]`).click();
  await expect(graph.details.getByTestId('plaintext-reason')).toHaveText(/.{30,}/);
  await expect(graph.details.getByRole('region', { name: 'Security' })).toContainText('plaintext');
});

test('a shared link opens the same view', async ({ page, browser }) => {
  const graph = new GraphPage(page);
  await graph.goto('namespaces=bookinfo,legacy');
  await graph.rendered();
  await graph.toolbar.getByRole('combobox', { name: 'Time window' }).selectOption({ label: 'Last 1h' });
  await graph.toolbar.getByRole('combobox', { name: 'Layout' }).selectOption('grid');
  await page.getByRole('textbox', { name: 'Find' }).fill('mtls<100');
  await page.getByRole('textbox', { name: 'Find' }).press('Enter');
  await expect(page).toHaveURL(/find=mtls%3C100/);
  const before = await graph.rendered();
  const found = before.edges.filter((e) => e.classes.includes('find-match')).map((e) => e.id).sort();
  expect(found.length).toBeGreaterThan(0);
  const link = page.url();

  const other = await browser.newPage();
  const shared = new GraphPage(other);
  await other.goto(link);
  const after = await shared.rendered();
  expect(after.layout).toBe('grid');
  await expect(shared.toolbar.getByRole('combobox', { name: 'Time window' })).toHaveValue('3600');
  await expect(other.getByRole('textbox', { name: 'Find' })).toHaveValue('mtls<100');
  expect(after.edges.filter((e) => e.classes.includes('find-match')).map((e) => e.id).sort()).toEqual(found);
  expect(after.nodes.map((n) => n.id).sort()).toEqual(before.nodes.map((n) => n.id).sort());
  await other.close();
});

test('the graph page draws without loading zod', async ({ page }) => {
  // The server's parameter schema is written in zod (107 KB of script); the page reads its URL
  // through lib/graph/request.ts instead. zod's minified code keeps its class name as a string.
  const bodies: Promise<string>[] = [];
  page.on('response', (r) => {
    if (r.request().resourceType() === 'script') bodies.push(r.text().catch(() => ''));
  });
  const graph = new GraphPage(page);
  await graph.goto('namespaces=bookinfo,legacy&duration=1800');
  expect((await graph.rendered()).nodes.length).toBeGreaterThan(5);
  const scripts = await Promise.all(bodies);
  expect(scripts.length).toBeGreaterThan(3);
  expect(scripts.filter((text) => text.includes('ZodError')).length).toBe(0);
});

test('a graph link asks for its answer and the canvas script while the HTML is parsed, once each', async ({ page }) => {
  // Who started each request: the page's HTML (the parser, or its inline script) or the page's
  // scripts after they loaded. Before, both waited for the page to hydrate: a second over a slow link.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  const graphAsks: string[] = [];
  const scripts: { url: string; by: string }[] = [];
  cdp.on('Network.requestWillBeSent', (e) => {
    const inlineOrParser = e.initiator.type === 'parser' || e.initiator.stack?.callFrames[0]?.url === e.documentURL;
    if (e.request.url.includes('/api/graph?')) graphAsks.push(inlineOrParser ? 'html' : (e.initiator.stack?.callFrames[0]?.url ?? e.initiator.type));
    if (e.type === 'Script') scripts.push({ url: e.request.url, by: inlineOrParser ? 'html' : e.initiator.type });
  });
  const graph = new GraphPage(page);
  await graph.goto('namespaces=bookinfo,legacy&duration=1800');
  const drawn = await graph.rendered();
  expect(drawn.nodes.length).toBeGreaterThan(5);
  expect(graphAsks).toEqual(['html']);
  expect(scripts.filter((s) => s.by !== 'html')).toEqual([]);
  // A refresh asks the server again (the early answer is taken once).
  await graph.toolbar.getByRole('button', { name: /Refresh/ }).click();
  await expect.poll(() => graphAsks.length).toBe(2);
  expect(graphAsks[1]).not.toBe('html');
});
