import { expect, test } from '@playwright/test';

// Screenshots of every ambient page, light and dark, kept as test artifacts (test-results/screenshots/).

const shotDir = 'test-results/screenshots';
const pages: [string, string, string][] = [
  ['overview', '/', 'Overview'],
  ['namespaces', '/namespaces', 'Namespaces'],
  ['workloads', '/workloads', 'Workloads'],
  ['workload-ratings', '/workloads/bookinfo/ratings-v1', 'ratings-v1'],
  ['ztunnel', '/ztunnel', 'ztunnel'],
  ['ztunnel-certificates', '/ztunnel?tab=certificates', 'ztunnel'],
  ['ztunnel-logs', '/ztunnel?tab=logs&namespace=bookinfo', 'ztunnel'],
  ['control-plane', '/control-plane', 'Control plane'],
  ['security', '/security', 'Security posture'],
];

for (const scheme of ['light', 'dark'] as const) {
  test(`ambient pages, ${scheme}`, async ({ page }) => {
    test.setTimeout(180_000);
    await page.emulateMedia({ colorScheme: scheme });
    await page.setViewportSize({ width: 1440, height: 1000 });
    for (const [name, path, title] of pages) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
      await expect(page.getByRole('main').getByRole('status', { name: /^Loading/ })).toHaveCount(0, { timeout: 30_000 });
      await expect(page.locator('html')).toHaveClass(scheme === 'dark' ? /dark/ : /^(?!.*dark)/);
      await page.screenshot({ path: `${shotDir}/ambient-${name}-${scheme}.png` });
    }
  });
}
