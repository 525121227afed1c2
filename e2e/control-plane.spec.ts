import { expect, test } from '@playwright/test';
import { controlPlanePage, setZtunnel, WORKER2 } from './pages/AmbientPages';

test('Sail resources as kubectl get shows them, with conditions, and the DaemonSets per node', async ({ page }) => {
  const cp = controlPlanePage(page);
  await cp.goto();
  await expect(page.getByTestId('control-plane-health')).toContainText('Healthy');
  const istio = page.getByRole('table', { name: 'Istio resources' });
  for (const column of ['Name', 'Revisions', 'Ready', 'In use', 'Active revision', 'Status', 'Version', 'Age']) {
    await expect(istio.getByRole('columnheader', { name: column, exact: true })).toBeVisible();
  }
  await expect(istio).toContainText('default');
  await expect(istio).toContainText('Healthy');
  await expect(istio).toContainText('Ready=True');
  await expect(page.getByRole('table', { name: 'ZTunnel resources' })).toContainText('default');
  await expect(page.getByRole('table', { name: 'IstioCNI resources' })).toContainText('True');
  await expect(page.getByTestId('daemonset-ztunnel')).toContainText('3/3 ready');
  await expect(page.getByRole('table', { name: 'istiod pods' })).toContainText('Ready');
});

test('a ztunnel going down shows on the DaemonSet, the ZTunnel resource and the health verdict', async ({ page, request }) => {
  const cp = controlPlanePage(page);
  await setZtunnel(request, WORKER2, false);
  try {
    await cp.goto();
    await expect(page.getByTestId('daemonset-ztunnel')).toContainText('2/3 ready', { timeout: 30_000 });
    await expect(page.getByTestId('control-plane-health')).toContainText(`not ready on ${WORKER2}`);
    await expect(page.getByRole('table', { name: 'ZTunnel resources' })).toContainText('False');
  } finally {
    await setZtunnel(request, WORKER2, true);
  }
  await expect(page.getByTestId('daemonset-ztunnel')).toContainText('3/3 ready', { timeout: 30_000 });
});
