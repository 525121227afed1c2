import { expect, test } from '@playwright/test';
import { namespacesPage } from './pages/AmbientPages';

test('every namespace with its enrollment, waypoint, discovery and pod counts', async ({ page }) => {
  const ns = namespacesPage(page);
  await ns.goto();
  const bookinfo = ns.row('namespace-bookinfo');
  await expect(bookinfo).toContainText('istio.io/dataplane-mode=ambient');
  await expect(bookinfo).toContainText('Partly ambient');
  await expect(bookinfo).toContainText('1 labelled, not redirected');
  await expect(bookinfo).toContainText('opted out');
  await expect(bookinfo).toContainText('Discovered');
  await expect(ns.row('namespace-frontend')).toContainText('Ambient');
  await expect(ns.row('namespace-legacy')).toContainText('Not enrolled');
  await expect(ns.row('namespace-tools')).toContainText('Outside selectors');
});

test('filters, search and sort live in the URL and survive a reload', async ({ page }) => {
  const ns = namespacesPage(page);
  await ns.goto();
  await page.getByRole('combobox', { name: 'Show' }).selectOption('undiscovered');
  await expect(ns.row('namespace-tools')).toBeVisible();
  await expect(ns.row('namespace-bookinfo')).toHaveCount(0);
  expect(ns.params().get('filter')).toBe('undiscovered');

  await page.getByRole('combobox', { name: 'Show' }).selectOption('all');
  await page.getByRole('searchbox', { name: 'Search namespaces' }).fill('legacy');
  await expect(page.locator('[data-testid^="namespace-"]')).toHaveCount(1);
  await expect(ns.row('namespace-legacy')).toBeVisible();
  await page.getByRole('button', { name: 'Pods ready' }).click();
  await page.getByRole('button', { name: 'Pods ready' }).click();
  expect(Object.fromEntries(ns.params())).toEqual({ q: 'legacy', sort: '-pods' });

  await page.reload();
  await expect(page.getByRole('searchbox', { name: 'Search namespaces' })).toHaveValue('legacy');
  await expect(ns.row('namespace-legacy')).toBeVisible();
  await expect(page.getByRole('columnheader', { name: 'Pods ready' })).toHaveAttribute('aria-sort', 'descending');
});

test('a filter that matches nothing says so and can be cleared', async ({ page }) => {
  const ns = namespacesPage(page);
  await ns.goto('q=no-such-namespace');
  await expect(page.getByText('No namespace matches these filters.')).toBeVisible();
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(ns.row('namespace-bookinfo')).toBeVisible();
});
