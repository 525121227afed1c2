import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { expect, test } from '@playwright/test';
import { stackInfo } from './harness/stack-info';
import { GraphPage } from './pages/GraphPage';

// Enrolling a namespace changes what follows: istio-cni redirects its pods, ztunnel carries
// their traffic over HBONE, Prometheus scrapes the new series and the next refresh draws a
// lock. Runs after every other spec (project "live"), since it changes the cluster.

const LABEL_PATH = '/metadata/labels/istio.io~1dataplane-mode';

function coreApi(): CoreV1Api {
  const kc = new KubeConfig();
  kc.loadFromFile(stackInfo().kubeconfigPath);
  return kc.makeApiClient(CoreV1Api);
}

const legacyEdge = (id: string, source: string, target: string) =>
  source.includes(':legacy:legacy-client-v1') && target.includes(':bookinfo:productpage-v1') ? id : undefined;

test.describe.configure({ timeout: 240_000 });

test.afterAll(async () => {
  await coreApi().patchNamespace({ name: 'legacy', body: [{ op: 'remove', path: LABEL_PATH }] }).catch(() => undefined);
});

test('labelling a namespace ambient turns its edges locked at the next refresh', async ({ page }) => {
  const graph = new GraphPage(page);
  // A one-minute window refreshed every 10 s, so the change shows within about a minute.
  await graph.goto('namespaces=bookinfo,legacy&duration=60&refresh=10');
  const findEdge = async () => {
    const drawn = await graph.rendered();
    return drawn.edges.find((e) => legacyEdge(e.id, e.source, e.target));
  };
  await expect.poll(async () => (await findEdge())?.badge, { timeout: 30_000 }).toBe('✕');

  await coreApi().patchNamespace({ name: 'legacy', body: [{ op: 'add', path: LABEL_PATH, value: 'ambient' }] });

  // Partly mTLS while the window still holds plaintext samples, then fully locked.
  await expect.poll(async () => (await findEdge())?.badge, { timeout: 180_000, intervals: [5_000] }).toBe('🔒');

  // The namespace drop-down now marks legacy as ambient too.
  await page.reload();
  expect(await graph.namespaceOptions()).toContain('legacy ambient');
});
