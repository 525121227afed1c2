import { expect, test } from '@playwright/test';
import { setZtunnel, WORKER2, ztunnelPage } from './pages/AmbientPages';

test('one row per node: ztunnel pod, readiness, version, config_dump answer and traffic', async ({ page }) => {
  const zt = ztunnelPage(page);
  await zt.goto();
  for (const node of ['ambient-control-plane', 'ambient-worker', 'ambient-worker2']) {
    const row = zt.row(`ztunnel-node-${node}`);
    await expect(row).toContainText('Ready');
    await expect(row).toContainText('1.24');
    await expect(row).toContainText('answered', { timeout: 30_000 });
  }
  await expect(zt.row('ztunnel-node-ambient-worker')).toContainText(/kB\/s/, { timeout: 30_000 });
  // With Prometheus, each row is what that ztunnel pod reported about itself, not an estimate.
  await expect(page.getByText(/from each ztunnel pod’s own metrics/)).toBeVisible();
});

test('workloads, services and policies tabs merge every ztunnel, as istioctl ztunnel-config prints them', async ({ page }) => {
  const zt = ztunnelPage(page);
  await zt.goto('tab=workloads&namespace=bookinfo');
  const workloads = page.getByRole('table', { name: 'ztunnel workloads' });
  await expect(workloads).toContainText('HBONE');
  await expect(workloads).not.toContainText('legacy-client');
  await zt.tab('Services').click();
  expect(zt.params().get('tab')).toBe('services');
  await expect(page.getByRole('table', { name: 'ztunnel services' })).toContainText('productpage');
  await zt.tab('Policies').click();
  await expect(page.getByRole('table', { name: 'ztunnel authorization policies' })).toContainText('ratings-deny-frontend');
  await page.goBack();
  await expect(zt.tab('Services')).toHaveAttribute('aria-selected', 'true');
});

test('certificates: the near-expiry one is marked, linked from the security page', async ({ page }) => {
  const zt = ztunnelPage(page);
  await zt.goto('tab=certificates&q=bookinfo-ratings');
  const rows = page.getByTestId('certificate-row');
  await expect(rows.first()).toBeVisible();
  await expect(page.locator('[data-testid="certificate-row"][data-health="expiring"]').getByTestId('identity')).toHaveAttribute('data-identity', 'spiffe://cluster.local/ns/bookinfo/sa/bookinfo-ratings');
  await expect(zt.tab(/Certificates/)).toContainText(/\d/);
});

test('access logs filtered by namespace, workload, direction and errors, all in the URL', async ({ page }) => {
  const zt = ztunnelPage(page);
  await zt.goto('tab=logs&namespace=bookinfo&workload=productpage-v1');
  const table = page.getByRole('table', { name: 'ztunnel access logs' });
  await expect(table.getByRole('row').nth(1)).toBeVisible({ timeout: 30_000 });
  await expect(table).toContainText('bookinfo/productpage-v1');
  await page.getByRole('combobox', { name: 'Direction' }).selectOption('inbound');
  expect(Object.fromEntries(zt.params())).toEqual({ tab: 'logs', namespace: 'bookinfo', workload: 'productpage-v1', direction: 'inbound' });
  await expect(table.getByText('outbound')).toHaveCount(0);
  await page.getByRole('checkbox', { name: 'Errors only' }).check();
  expect(zt.params().get('errors')).toBe('true');
});

test('a ztunnel that is down is shown as not ready and as not answering, the others still merge', async ({ page, request }) => {
  const zt = ztunnelPage(page);
  await setZtunnel(request, WORKER2, false);
  try {
    await zt.goto();
    await expect(zt.row(`ztunnel-node-${WORKER2}`)).toContainText('Not ready', { timeout: 30_000 });
    await expect(zt.tab(/Nodes/)).toContainText('1 not ready');
    await zt.tab('Workloads').click();
    await expect(page.getByTestId('ztunnel-unanswered')).toContainText(WORKER2, { timeout: 30_000 });
    await expect(page.getByRole('table', { name: 'ztunnel workloads' })).toContainText('HBONE');
  } finally {
    await setZtunnel(request, WORKER2, true);
  }
});
