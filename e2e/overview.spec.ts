import { expect, test } from '@playwright/test';
import { overviewPage } from './pages/AmbientPages';

test('mesh-wide headline figures from one traffic graph and the cluster', async ({ page }) => {
  const overview = overviewPage(page);
  await overview.goto();
  const figures = page.getByRole('region', { name: 'Mesh-wide figures' });
  // Bookinfo has plaintext edges (legacy client, egress, mysqldb) so the share is neither 0 nor 100%.
  await expect(figures.getByRole('link', { name: /mTLS share of bytes/ })).toContainText(/\b([1-9]\d?)%/);
  await expect(figures.getByRole('link', { name: /Plaintext edges/ })).toContainText(/Plaintext edges\s*[1-9]/);
  await expect(figures.getByRole('link', { name: /Denied connections/ })).toContainText(/Denied connections\s*0\.\d+ \/s/);
  await expect(figures.getByRole('link', { name: /ztunnels ready/ })).toContainText('3/3');
  await expect(figures.getByRole('link', { name: /Control plane/ })).toContainText('Healthy');
  // Application pods only; waypoints, gateways and the mesh's own pods are counted apart (issue 14).
  await expect(figures.getByRole('link', { name: /Pods protected/ })).toContainText(/\d+ of \d+ application pods/);
  await expect(figures.getByRole('link', { name: /Pods protected/ })).toContainText('mesh pods');
});

test('a card per namespace: enrollment, waypoint, pods, mTLS share and throughput', async ({ page }) => {
  const overview = overviewPage(page);
  await overview.goto();
  const bookinfo = overview.row('card-bookinfo');
  await expect(bookinfo).toContainText('Partly ambient');
  await expect(bookinfo).toContainText(/In \d/);
  await expect(bookinfo.getByRole('meter', { name: /mTLS share/ })).toBeVisible();
  await expect(overview.row('card-frontend')).toContainText('100%');
  await expect(overview.row('card-legacy')).toContainText('0%');
  await expect(overview.row('card-tools')).toContainText('Not discovered');
  await bookinfo.getByRole('link', { name: 'Traffic graph' }).click();
  await expect(page).toHaveURL(/\/graph\?namespaces=bookinfo/);
});

test('filters and search are in the URL', async ({ page }) => {
  const overview = overviewPage(page);
  await overview.goto('filter=attention');
  await expect(overview.row('card-bookinfo')).toBeVisible();
  await expect(overview.row('card-frontend')).toBeVisible(); // web-v1's connections to ratings are denied
  await expect(overview.row('card-istio-system')).toHaveCount(0);
  await page.getByRole('searchbox', { name: 'Search namespaces' }).fill('leg');
  await expect(overview.row('card-legacy')).toBeVisible();
  await expect(overview.row('card-bookinfo')).toHaveCount(0);
  expect(Object.fromEntries(overview.params())).toEqual({ filter: 'attention', q: 'leg' });
  await page.getByRole('combobox', { name: 'Window' }).selectOption('3600');
  await expect(page.getByRole('combobox', { name: 'Window' })).toHaveValue('3600');
  expect(overview.params().get('duration')).toBe('3600');
});

test('a bad window in the link falls back to the default instead of failing', async ({ page }) => {
  const overview = overviewPage(page);
  await overview.goto('duration=abc');
  await expect(page.getByRole('combobox', { name: 'Window' })).toHaveValue('600');
  await expect(overview.row('card-bookinfo')).toBeVisible();
});
