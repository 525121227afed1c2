import { expect, test } from '@playwright/test';
import { securityPage, setZtunnel, WORKER2 } from './pages/AmbientPages';

test('mesh-wide posture: every broken case of the demo mesh, each with where to fix it', async ({ page }) => {
  const sec = securityPage(page);
  await sec.goto();
  const plaintext = page.getByRole('region', { name: 'Plaintext edges' });
  await expect(plaintext.getByTestId('plaintext-edge').filter({ hasText: 'legacy/legacy-client-v1' })).toContainText('non-mesh-client');
  await expect(plaintext.getByTestId('plaintext-edge').filter({ hasText: 'external-destination' })).toContainText('bookinfo/ratings-v1');
  await expect(page.getByRole('region', { name: 'Denied connections (DENY)' }).getByTestId('denied-edge')).toContainText('frontend/web-v1');
  await expect(page.getByRole('region', { name: 'Labelled for ambient, not redirected' })).toContainText('mysqldb');
  await expect(page.getByRole('region', { name: 'Opted out' })).toContainText('loadgen');
  await expect(page.getByRole('region', { name: 'Namespaces outside the discovery selectors' })).toContainText('tools');
  await expect(page.getByRole('region', { name: 'Certificates expired or expiring' }).getByTestId('certificate-finding')).toContainText('bookinfo-ratings');
  await expect(page.getByRole('region', { name: 'On a node without a ready ztunnel' })).toContainText('Every redirected pod has a ready ztunnel');

  await plaintext.getByTestId('plaintext-edge').filter({ hasText: 'legacy/legacy-client-v1' }).getByRole('link', { name: 'Show in graph' }).click();
  await expect(page).toHaveURL(/\/graph\?namespaces=bookinfo%2Clegacy.*selected=/);
});

test('links lead to the workload, the namespace and the certificates tab', async ({ page }) => {
  const sec = securityPage(page);
  await sec.goto();
  await page.getByRole('region', { name: 'Labelled for ambient, not redirected' }).getByRole('link', { name: 'mysqldb-v1' }).click();
  await expect(page).toHaveURL(/\/workloads\/bookinfo\/mysqldb-v1$/);
  await sec.goto();
  await page.getByRole('region', { name: 'Namespaces outside the discovery selectors' }).getByRole('link', { name: 'tools' }).click();
  await expect(page).toHaveURL(/\/namespaces\?q=tools$/);
  await sec.goto();
  await page.getByRole('region', { name: 'Certificates expired or expiring' }).getByRole('link', { name: 'Certificates' }).first().click();
  await expect(page).toHaveURL(/\/ztunnel\?tab=certificates&q=spiffe/);
});

test('the window is validated: the API rejects a bad duration, the page keeps a good one in the URL', async ({ page, request }) => {
  const bad = await request.get('api/security?duration=5');
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error).toMatchObject({ code: 'bad_request', parameter: 'duration' });
  const sec = securityPage(page);
  await sec.goto('duration=3600');
  await expect(page.getByRole('combobox', { name: 'Window' })).toHaveValue('3600');
  await expect(page.getByRole('region', { name: 'Posture figures' })).toContainText('last 1 h');
});

test('pods on a node whose ztunnel is down are listed as unprotected', async ({ page, request }) => {
  await setZtunnel(request, WORKER2, false);
  try {
    const sec = securityPage(page);
    await sec.goto();
    const region = page.getByRole('region', { name: 'On a node without a ready ztunnel' });
    await expect(region.getByTestId('pod-finding').filter({ hasText: 'web-v1' })).toContainText(WORKER2, { timeout: 30_000 });
    await expect(page.getByRole('region', { name: 'Posture figures' }).getByRole('link', { name: /Pods not protected/ })).toContainText(/Pods not protected\s*([2-9]|\d\d)/);
  } finally {
    await setZtunnel(request, WORKER2, true);
  }
});
