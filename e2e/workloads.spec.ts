import { expect, test } from '@playwright/test';
import { workloadsPage } from './pages/AmbientPages';

test('every pod as ztunnel and Kubernetes see it, disagreements marked', async ({ page }) => {
  const wl = workloadsPage(page);
  await wl.goto();
  const table = page.getByRole('table', { name: 'Pods as ztunnel and Kubernetes see them' });
  for (const column of ['Namespace', 'Pod name', 'Address', 'Node', 'Waypoint', 'Protocol', 'Kubernetes says', 'Identity']) {
    await expect(table.getByRole('columnheader', { name: column })).toBeVisible();
  }
  const details = page.locator('[data-testid^="pod-bookinfo-details-v1-"]');
  await expect(details).toContainText('HBONE');
  await expect(details).toContainText('Ambient');
  await expect(details).toContainText('ns/bookinfo/sa/bookinfo-details');
  // mysqldb: the namespace label enrolls it, istio-cni never redirected it, ztunnel says TCP.
  const mysqldb = page.locator('[data-testid^="pod-bookinfo-mysqldb-v1-"]');
  await expect(mysqldb).toContainText('TCP');
  await expect(mysqldb).toContainText('Not redirected');
  await expect(table).toContainText('Labelled for ambient, but ztunnel says TCP');
  await expect(page.locator('[data-testid^="pod-legacy-legacy-client-v1-"]')).toContainText('Not enrolled');
});

test('only mismatches, protocol and namespace filters are in the URL', async ({ page }) => {
  const wl = workloadsPage(page);
  await wl.goto();
  await page.getByRole('checkbox', { name: /Only mismatches/ }).check();
  await expect(page.locator('[data-testid^="pod-bookinfo-mysqldb-v1-"]')).toBeVisible();
  await expect(page.locator('[data-testid^="pod-bookinfo-details-v1-"]')).toHaveCount(0);
  await page.getByRole('checkbox', { name: /Only mismatches/ }).uncheck();
  await page.getByRole('combobox', { name: 'Protocol' }).selectOption('HBONE');
  await page.getByRole('combobox', { name: 'Namespace' }).selectOption('frontend');
  expect(Object.fromEntries(wl.params())).toEqual({ protocol: 'HBONE', namespace: 'frontend' });
  await page.reload();
  await expect(page.locator('[data-testid^="pod-frontend-web-v1-"]')).toBeVisible();
  await expect(page.locator('[data-testid^="pod-bookinfo-"]')).toHaveCount(0);
});

test('workload detail: enrollment and why, identity, pods, edges with their lock state, access logs', async ({ page }) => {
  await page.goto('workloads/bookinfo/ratings-v1');
  await expect(page.getByRole('heading', { level: 1, name: 'ratings-v1' })).toBeVisible();
  await expect(page.getByTestId('enrollment-reason')).toContainText('istio-cni redirected its traffic');
  await expect(page.getByText('spiffe://cluster.local/ns/bookinfo/sa/bookinfo-ratings')).toBeVisible();
  const inbound = page.getByRole('region', { name: 'Inbound edges' });
  await expect(inbound.getByRole('link', { name: 'bookinfo/reviews-v2' })).toBeVisible({ timeout: 30_000 });
  await expect(inbound.getByLabel('Lock state: full').first()).toBeVisible();
  const outbound = page.getByRole('region', { name: 'Outbound edges' });
  await expect(outbound.getByLabel('Lock state: none').first()).toBeVisible();
  await expect(outbound).toContainText('outside the cluster');
  const logs = page.getByRole('table', { name: 'ztunnel access logs for bookinfo/ratings-v1' });
  await expect(logs.getByRole('row').nth(1)).toBeVisible({ timeout: 30_000 });
  await expect(logs).toContainText('ns/bookinfo/sa/bookinfo-ratings');
});

test('a workload enrolled on paper says why it is not protected', async ({ page }) => {
  await page.goto('workloads/bookinfo/mysqldb-v1');
  await expect(page.getByTestId('enrollment-reason')).toContainText('not protected yet');
  await expect(page.getByText('Not protected').first()).toBeVisible();
});

test('an unknown workload is a clear not-found, not a blank page', async ({ page }) => {
  await page.goto('workloads/bookinfo/no-such-workload');
  await expect(page.getByRole('main').getByRole('alert')).toContainText('Not found');
});
