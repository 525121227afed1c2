import { mkdirSync } from 'node:fs';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import type { MeshGraph } from '@/lib/graph/model';
import { GraphPage } from './pages/GraphPage';

// Issue 14: every page tells the same truth: the same counts, the one fix that applies, honest empty states.

async function apiGraph(request: APIRequestContext, namespaces: string): Promise<MeshGraph> {
  const response = await request.get(`api/graph?namespaces=${namespaces}&graphType=workload&duration=600&idle=false&waypoints=merge`);
  expect(response.status()).toBe(200);
  return (await response.json()) as MeshGraph;
}

const text = async (page: Page, testId: string) => (await page.getByTestId(testId).first().innerText()).trim();

test('Overview, Namespaces and Security show the same pod counts, with their denominators', async ({ page }) => {
  await page.goto('./');
  const overviewTotal = await text(page, 'pods-protected-text');
  expect(overviewTotal).toMatch(/^\d+ of \d+ application pods$/);
  const figures = page.getByRole('region', { name: 'Mesh-wide figures' });
  await expect(figures).toContainText('mesh pods');
  const overviewBookinfo = (await page.getByTestId('card-bookinfo').getByTestId('protected-pods').innerText()).trim();
  const plaintextOverview = (await figures.getByRole('link', { name: /Plaintext edges/ }).innerText()).match(/Plaintext edges\s*(\d+)/)?.[1];

  await page.goto('security');
  await expect(page.getByTestId('pods-protected-text')).toHaveText(overviewTotal);
  const posture = page.getByRole('region', { name: 'Posture figures' });
  await expect(posture.getByRole('link', { name: /Plaintext edges/ })).toContainText(new RegExp(`Plaintext edges\\s*${plaintextOverview ?? 'x'}\\b`));
  const optedOut = await page.getByRole('region', { name: 'Opted out' }).getByTestId('pod-finding').count();
  // mysqldb is labelled but not redirected: it is not among the opted out.
  await expect(page.getByRole('region', { name: 'Labelled for ambient, not redirected' })).toContainText('mysqldb');
  await expect(page.getByRole('region', { name: 'Opted out' })).not.toContainText('mysqldb');
  await expect(page.getByRole('region', { name: 'Opted out' }).getByTestId('pod-fix').first()).toContainText('Remove the pod label istio.io/dataplane-mode=none');

  await page.goto('namespaces');
  const bookinfo = page.getByTestId('namespace-bookinfo');
  await expect(bookinfo.getByTestId('protected-pods')).toHaveText(`${overviewBookinfo} application pods protected`);
  await expect(bookinfo.getByTestId('gap-opted-out')).toHaveText(`${optedOut} opted out`);
  // The reviews waypoint is a service waypoint: shown, with who uses it.
  await expect(bookinfo.getByTestId('waypoints')).toContainText('bookinfo/waypoint (service reviews)');
});

test('the edge panel, the workload page and the CLI-facing advice give the one fix that applies', async ({ page, request }) => {
  const api = await apiGraph(request, 'bookinfo');
  const loadgen = api.edges.find((e) => e.source.includes(':loadgen-v1') && e.security.reason);
  if (!loadgen) throw new Error('no plaintext edge from loadgen-v1');
  const graph = new GraphPage(page);
  await graph.goto(`namespaces=bookinfo&waypoints=merge&selected=${encodeURIComponent(loadgen.id)}`);
  await expect(graph.details.getByTestId('plaintext-fix')).toContainText('Remove the pod label istio.io/dataplane-mode=none');
  await expect(graph.details.getByTestId('plaintext-fix')).not.toContainText('Enroll');

  const unknown = api.edges.find((e) => e.source.startsWith('unknown:'));
  if (unknown) {
    await graph.goto(`namespaces=bookinfo&waypoints=merge&selected=${encodeURIComponent(unknown.id)}`);
    await expect(graph.details.getByTestId('plaintext-reason')).toContainText('tools/scanner-v1');
    await expect(graph.details.getByTestId('plaintext-fix')).toContainText('discovery selectors');
  }

  await page.goto('workloads/bookinfo/productpage-v1');
  const inbound = page.getByRole('region', { name: 'Inbound edges' });
  await expect(inbound.getByTestId('plaintext-fix').first()).toBeVisible();
  await expect(inbound).not.toContainText('Enroll the client namespace');
  // One row per peer: reviews-v1 appears once in Outbound even through the waypoint.
  await page.goto('workloads/bookinfo/productpage-v1');
  const outbound = page.getByRole('region', { name: 'Outbound edges' });
  await expect(outbound.getByRole('listitem').filter({ hasText: 'reviews-v1' })).toHaveCount(1);
});

test('a namespace that does not exist says so and offers the ones that do', async ({ page }) => {
  await page.goto('graph?namespaces=doesnotexist');
  await expect(page.getByTestId('no-such-namespace')).toContainText('no namespace named doesnotexist');
  await expect(page.getByTestId('no-such-namespace')).toContainText('bookinfo');
  await expect(page.getByText(/Prometheus may not be scraping/)).toHaveCount(0);

  await page.goto('workloads?namespace=doesnotexist');
  await expect(page.getByTestId('unknown-namespace')).toContainText('doesnotexist');
  await expect(page.getByRole('combobox', { name: 'Namespace' })).toHaveValue('doesnotexist');
});

test('a window before the history says it may be older than what Prometheus keeps', async ({ page }) => {
  const threeDaysAgo = Math.floor(Date.now() / 1000) - 3 * 86_400;
  await page.goto(`graph?namespaces=bookinfo&queryTime=${threeDaysAgo}`);
  await expect(page.getByText(/older than the metrics Prometheus keeps|before|retention/).first()).toBeVisible();
});

test('a 404 page inside the app with links back, and a favicon', async ({ page, request }) => {
  await page.goto('no-such-page');
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await expect(page.getByRole('navigation').first()).toBeVisible();
  await expect(page.getByRole('list', { name: 'Pages' }).getByRole('link', { name: 'Overview' })).toBeVisible();
  const icon = await page.locator('link[rel="icon"]').first().getAttribute('href');
  expect(icon).toBeTruthy();
  expect((await request.get(icon!.replace(/^\//, ''))).status()).toBe(200);
});

test('screenshots at 1280 and 1440 px', async ({ page }) => {
  // Twelve pages waiting for network idle: more than the default minute on a busy machine.
  test.setTimeout(180_000);
  const dir = '/tmp/w6-shots';
  mkdirSync(dir, { recursive: true });
  for (const width of [1280, 1440]) {
    await page.setViewportSize({ width, height: 900 });
    for (const [name, path] of [['overview', './'], ['namespaces', 'namespaces'], ['security', 'security'], ['certificates', 'ztunnel?tab=certificates'], ['workload', 'workloads/bookinfo/productpage-v1'], ['graph-missing', 'graph?namespaces=doesnotexist']] as const) {
      await page.goto(path);
      await page.waitForLoadState('networkidle');
      await page.screenshot({ path: `${dir}/${name}-${width}.png`, fullPage: true });
    }
  }
});
