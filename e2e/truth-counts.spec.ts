import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import type { MeshGraph } from '@/lib/graph/model';
import { GraphPage } from './pages/GraphPage';

// Issue 14, continued: one identity format, one set of counts on every page, honest empty states
// with what was checked, and tables that fit at 1280 px and above.

const SHOTS = '/tmp/x14-shots';

/** A figure from a Stat: the value after its label ("Plaintext edges 3" -> "3"). */
async function figure(page: Page, region: string, label: string): Promise<string> {
  const text = await page.getByRole('region', { name: region }).getByText(label, { exact: true }).locator('..').innerText();
  const value = text.replace(label, '').trim().split('\n')[0]?.trim();
  if (!value) throw new Error(`no value for ${label} in ${region}: ${text}`);
  return value;
}

test('Workloads and ztunnel > Workloads show one identity, the same way, for the same pod', async ({ page }) => {
  await page.goto('workloads?namespace=bookinfo');
  const row = page.locator('[data-testid^="pod-bookinfo-details-v1-"]').first();
  const pod = (await row.getAttribute('data-testid'))?.replace(/^pod-bookinfo-/, '');
  if (!pod) throw new Error('no details-v1 pod row');
  const identity = row.getByTestId('identity');
  const shown = (await identity.innerText()).trim();
  const full = await identity.getAttribute('title');
  expect(full).toBe('spiffe://cluster.local/ns/bookinfo/sa/bookinfo-details');
  expect(shown).toContain('ns/bookinfo/sa/bookinfo-details');
  await expect(identity.getByRole('button', { name: /Copy identity/ })).toBeVisible();

  await page.goto('ztunnel?tab=workloads&namespace=bookinfo');
  const ztRow = page.getByRole('table', { name: 'ztunnel workloads' }).getByRole('row').filter({ hasText: pod });
  await expect(ztRow.getByTestId('identity')).toHaveAttribute('title', full!);
  expect((await ztRow.getByTestId('identity').innerText()).trim()).toBe(shown);
});

test('the graph page shows the plaintext edges and mTLS share of Overview and Security; Overview and Namespaces agree per namespace', async ({ page, request }) => {
  await page.goto('./');
  const plaintext = await figure(page, 'Mesh-wide figures', 'Plaintext edges');
  const share = await figure(page, 'Mesh-wide figures', 'mTLS share of bytes');
  // count(), evaluateAll() and allInnerTexts() do not wait: wait for the content first.
  await expect(page.locator('[data-testid^="card-"]').first()).toBeVisible();
  const cards = await page.locator('[data-testid^="card-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.replace(/^card-/, '')));
  expect(cards.length).toBeGreaterThan(0);
  const overview = new Map<string, { protectedPods: string; waypoints: string }>();
  for (const name of cards) {
    const card = page.getByTestId(`card-${name}`);
    const protectedPods = (await card.getByTestId('protected-pods').count()) > 0 ? (await card.getByTestId('protected-pods').innerText()).trim() : '';
    overview.set(name, { protectedPods, waypoints: (await card.getByTestId('waypoints').getAttribute('title')) ?? '' });
  }

  await page.goto('security');
  expect(await figure(page, 'Posture figures', 'Plaintext edges')).toBe(plaintext);
  expect(await figure(page, 'Posture figures', 'mTLS share of bytes')).toBe(share);
  await expect(page.getByRole('region', { name: 'Opted out' }).getByTestId('pod-finding').first()).toBeVisible();
  const optedOut = await page.getByRole('region', { name: 'Opted out' }).getByTestId('pod-finding').count();

  await page.goto('namespaces');
  await expect(page.locator('[data-testid^="namespace-"]').first()).toBeVisible();
  // Every namespace's opted-out pods add up to Security's list.
  const gaps = await page.locator('[data-testid^="namespace-"] [data-testid="gap-opted-out"]').allInnerTexts();
  expect(gaps.reduce((sum, g) => sum + Number(g.match(/^(\d+)/)?.[1]), 0)).toBe(optedOut);
  for (const [name, o] of overview) {
    const row = page.getByTestId(`namespace-${name}`);
    // A namespace without application pods (istio-cni, ztunnel): Namespaces says nothing, Overview "0 of 0".
    if (/^0 of 0$/.test(o.protectedPods)) await expect(row.getByTestId('protected-pods')).toHaveCount(0);
    else if (o.protectedPods) await expect(row.getByTestId('protected-pods')).toHaveText(new RegExp(`^${o.protectedPods} application pods? protected$`));
    const waypoints = await row.getByTestId('waypoints').locator('li').allInnerTexts();
    // Overview's card lists the same waypoints (its title holds them, one a line; else its enrollment reason).
    for (const w of waypoints) expect(o.waypoints).toContain(w);
  }

  // The graph of every namespace, as Overview draws it (workload graph, waypoints merged, 10 minutes).
  const namespaces = ((await (await request.get('api/namespaces')).json()) as { namespaces: { name: string }[] }).namespaces.map((n) => n.name);
  const api = (await (await request.get(`api/graph?namespaces=${namespaces.join(',')}&graphType=workload&duration=600&idle=false&waypoints=merge`)).json()) as MeshGraph;
  expect(api.edges.length).toBeGreaterThan(0);
  const graph = new GraphPage(page);
  await graph.goto(`namespaces=${namespaces.join(',')}&graphType=workload&duration=600&waypoints=merge`);
  await expect(page.getByTestId('graph-plaintext-edges')).toHaveText(`Plaintext edges ${plaintext}`, { timeout: 30_000 });
  await expect(page.getByTestId('graph-mtls-share')).toHaveText(`mTLS share of bytes ${share}`);
});

test('an empty graph says what the ztunnel series check found, and a window before history names the oldest sample', async ({ page, request }) => {
  const namespaces = ((await (await request.get('api/namespaces')).json()) as { namespaces: { name: string }[] }).namespaces.map((n) => n.name);
  let quiet: string | undefined;
  for (const n of namespaces) {
    const g = (await (await request.get(`api/graph?namespaces=${n}&graphType=workload&duration=600&idle=false&waypoints=merge`)).json()) as MeshGraph;
    if (g.edges.length === 0) {
      quiet = n;
      expect(g.ztunnelSeries?.series).toBeGreaterThan(0);
      break;
    }
  }
  if (!quiet) throw new Error(`every namespace has traffic: ${namespaces.join(', ')}`);
  await page.goto(`graph?namespaces=${quiet}&idle=false`);
  const check = page.getByTestId('ztunnel-series-check');
  await expect(check).toContainText(/Prometheus holds \d+ ztunnel series in this window, so ztunnel is scraped/);
  await expect(check).toContainText('count(last_over_time(istio_tcp_connections_opened_total{app="ztunnel"}[600s]))');
  await expect(page.getByText(/not scraping ztunnel/)).toHaveCount(0);
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/graph-no-traffic.png` });

  await page.goto('graph?namespaces=doesnotexist');
  await expect(page.getByTestId('no-such-namespace')).toContainText('no namespace named doesnotexist');
  await expect(page.getByText(/not scraping ztunnel|No traffic/)).toHaveCount(0);

  const threeDaysAgo = Math.floor(Date.now() / 1000) - 3 * 86_400;
  const answer = await request.get(`api/graph?namespaces=bookinfo&queryTime=${threeDaysAgo}`);
  expect(answer.status()).toBe(400);
  const oldest = ((await answer.json()) as { error: { message: string } }).error.message.match(/\((\d{4}-[^)]+)\)/)?.[1];
  expect(oldest).toBeTruthy();
  // The e2e Prometheus holds an hour of history: its oldest sample is about an hour old.
  expect(Date.now() - Date.parse(oldest!)).toBeGreaterThan(50 * 60_000);
  expect(Date.now() - Date.parse(oldest!)).toBeLessThan(3 * 3600_000);
  await page.goto(`graph?namespaces=bookinfo&queryTime=${threeDaysAgo}`);
  await expect(page.getByRole('heading', { name: "This window ends before Prometheus' oldest sample" })).toBeVisible();
  await expect(page.getByTestId('before-history')).toContainText(`The window ends before the oldest sample Prometheus holds (${oldest}).`);
  await expect(page.getByText(/No traffic/)).toHaveCount(0);
  await page.screenshot({ path: `${SHOTS}/graph-before-history.png` });
  await page.getByRole('button', { name: 'Return to the live window' }).click();
  await expect(page).not.toHaveURL(/queryTime=/);
});

const TABLE_PAGES = [
  ['namespaces', 'namespaces'],
  ['workloads', 'workloads'],
  ['ztunnel-nodes', 'ztunnel?tab=nodes'],
  ['ztunnel-workloads', 'ztunnel?tab=workloads'],
  ['ztunnel-services', 'ztunnel?tab=services'],
  ['ztunnel-policies', 'ztunnel?tab=policies'],
  ['ztunnel-certificates', 'ztunnel?tab=certificates'],
  ['ztunnel-logs', 'ztunnel?tab=logs'],
  ['security', 'security'],
  ['policies', 'policies'],
] as const;

test('no table is clipped at 1280 and 1440 px (screenshots saved)', async ({ page }) => {
  test.setTimeout(180_000);
  mkdirSync(SHOTS, { recursive: true });
  const clipped: string[] = [];
  for (const width of [1280, 1440]) {
    await page.setViewportSize({ width, height: 900 });
    for (const [name, path] of TABLE_PAGES) {
      await page.goto(path);
      await page.waitForLoadState('networkidle');
      await expect(page.locator('table').first()).toBeVisible({ timeout: 30_000 });
      // Each table sits in an overflow-x-auto box: wider content than box is a clipped (scrolled-away) column.
      const overflows = await page.locator('table').evaluateAll((tables) =>
        tables.map((t) => {
          const box = t.parentElement!;
          return { caption: t.querySelector('caption')?.textContent ?? '', over: box.scrollWidth - box.clientWidth };
        }).filter((t) => t.over > 1),
      );
      for (const o of overflows) clipped.push(`${name} @${width}: "${o.caption}" ${o.over}px too wide`);
      await page.screenshot({ path: `${SHOTS}/${name}-${width}.png`, fullPage: true });
    }
  }
  expect(clipped).toEqual([]);
});
