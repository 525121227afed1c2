import { expect, test, type Page } from '@playwright/test';
import { startSimulator, type Simulator } from '../sim/index';
import { startAppServer, type RunningAppServer } from '../scripts/nginx/app-server';
import { GraphPage } from './pages/GraphPage';

// Screenshots of the traffic graph kept as test artifacts (test-results/screenshots/), light and
// dark, on the small Bookinfo mesh and on a large generated one (600 workloads in 20 namespaces,
// served by a second dashboard reading the simulator's traffic directly).

const shotDir = 'test-results/screenshots';

async function shoot(page: Page, name: string, scheme: 'light' | 'dark'): Promise<void> {
  await page.emulateMedia({ colorScheme: scheme });
  await page.evaluate(() => localStorage.removeItem('theme'));
  await page.reload();
  await new GraphPage(page).rendered();
  await expect(page.locator('html')).toHaveClass(scheme === 'dark' ? /dark/ : /^(?!.*dark)/);
  await page.screenshot({ path: `${shotDir}/${name}-${scheme}.png` });
}

test('the Bookinfo graph, light and dark', async ({ page }) => {
  const graph = new GraphPage(page);
  await graph.goto('namespaces=bookinfo,legacy');
  await graph.rendered();
  for (const scheme of ['light', 'dark'] as const) await shoot(page, 'graph-bookinfo', scheme);
});

test.describe('a large mesh', () => {
  test.describe.configure({ timeout: 180_000 });
  let sim: Simulator;
  let app: RunningAppServer;

  test.beforeAll(async () => {
    sim = await startSimulator({ scenario: { scale: { namespaces: 20, workloadsPerNamespace: 30, nodes: 10 } }, profile: 'constant' });
    app = await startAppServer({ port: 3121, env: { KUBECONFIG: sim.kubeconfigPath, SIMULATOR_METRICS_URL: sim.httpUrl, LOG_LEVEL: 'warn' } });
  });
  test.afterAll(async () => {
    await app?.stop();
    await sim?.stop();
  });

  test('600 workloads stay drawable, light and dark', async ({ page }) => {
    const graph = new GraphPage(page);
    await page.goto(`${app.url}/graph?map=off&namespaces=${Array.from({ length: 20 }, (_, i) => `ns-${String(i).padStart(3, '0')}`).join(',')}`);
    const drawn = await graph.rendered();
    expect(drawn.nodes.length).toBeGreaterThan(300);
    await expect(page.getByTestId('traffic-source')).toHaveText(/simulator/);
    for (const scheme of ['light', 'dark'] as const) await shoot(page, 'graph-large', scheme);
  });
});
