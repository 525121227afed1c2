import { gunzipSync } from 'node:zlib';
import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { promisify } from 'node:util';
import { expect, test, type Page } from '@playwright/test';
import { startStack, type Stack } from '../scripts/stack';
import type { EdgeReporter, MeshGraph } from '../lib/graph/model';
import { GraphPage } from './pages/GraphPage';
import { MigrationPage } from './pages/MigrationPage';

// The live sidecar-to-ambient migration of issue 15, as a user does it in the demo: frontend runs
// on Envoy sidecars beside ambient Bookinfo; the user reads its plan, relabels the namespace and
// restarts its deployments with kubectl; the graph keeps every edge where it was and the proxies
// reporting it move from the sidecars to ztunnel. Its own stack (the `sidecar` scenario) on ports
// of its own, so it runs beside the global bookinfo stack (3100, 18101, 3443, 3080, 3130).

const APP_PORT = 3200;
const SIM_PORT = 18201;
const SIDECAR: readonly EdgeReporter[] = ['client-sidecar', 'server-sidecar'];
// A one-minute window refreshed every 10 s: the sidecars' samples leave it a minute after the restart.
const GRAPH_QUERY = 'namespaces=frontend,bookinfo&duration=60&refresh=10';

let stack: Stack | undefined;

test.use({ baseURL: `http://127.0.0.1:${APP_PORT}/` });
test.describe.configure({ timeout: 360_000 });

test.beforeAll(async () => {
  test.setTimeout(240_000);
  const started = Date.now();
  stack = await startStack({
    scenario: 'sidecar',
    profile: 'constant',
    appPort: APP_PORT,
    simPort: SIM_PORT,
    prometheus: 'always',
    historySeconds: 900,
    scrapeIntervalSeconds: 5,
    log: (line) => console.log(`[sidecar stack] ${line}`),
  });
  console.log(`[timing] sidecar stack up in ${Date.now() - started} ms`);
  mkdirSync('test-results/screenshots', { recursive: true });
});

test.afterAll(async () => {
  await stack?.stop();
});

async function kubectl(...args: string[]): Promise<string> {
  if (!stack) throw new Error('no stack');
  const { stdout } = await promisify(execFile)('kubectl', ['--kubeconfig', stack.kubeconfigPath, ...args]);
  return stdout;
}

/** Keeps the last /api/graph answer the page itself received: what the canvas and panels show. */
function watchGraphResponses(page: Page): () => MeshGraph | undefined {
  let last: MeshGraph | undefined;
  page.on('response', (response) => {
    if (new URL(response.url()).pathname.endsWith('/api/graph') && response.ok()) {
      // The page takes the answer as a gzip document (lib/api-client/fetch-json.ts): inflate it as the page does.
      const gzipped = response.headers()['content-type']?.startsWith('application/gzip');
      void response.body().then((b) => { last = JSON.parse((gzipped ? gunzipSync(b) : b).toString('utf8')) as MeshGraph; }, () => undefined);
    }
  });
  return () => last;
}

interface FrontendEdge { id: string; source: string; target: string; reporters: EdgeReporter[] }

/** Edges with an end in frontend, and the workload enrollment of frontend's nodes. */
function frontendView(graph: MeshGraph): { edges: FrontendEdge[]; enrollment: Map<string, string> } {
  const inFrontend = new Set(graph.nodes.filter((n) => n.namespace === 'frontend').map((n) => n.id));
  const edges = graph.edges
    .filter((e) => inFrontend.has(e.source) || inFrontend.has(e.target))
    .map((e) => ({ id: e.id, source: e.source, target: e.target, reporters: e.reporters ?? [] }));
  const enrollment = new Map(graph.nodes.flatMap((n) => (n.namespace === 'frontend' && n.kind === 'workload' ? [[n.id, n.enrollment] as const] : [])));
  return { edges, enrollment };
}

const pair = (e: { source: string; target: string }) => `${e.source} -> ${e.target}`;
const UNKNOWN = 'unknown:Kubernetes';
const CATALOG = 'wl:Kubernetes:frontend:catalog-v1';
const LEGACY_CLIENT = 'wl:Kubernetes:legacy:legacy-client-v1';
/**
 * The pairs expected after the move: the same, except that catalog's ztunnel knows the plaintext
 * client by its pod address (legacy-client-v1) where catalog's sidecar could only say "unknown".
 */
const pairAfter = (p: string) => (p === `${UNKNOWN} -> ${CATALOG}` ? `${LEGACY_CLIENT} -> ${CATALOG}` : p);
/**
 * catalog's calls to an outside address: its sidecar names the address (destination_service
 * 203.0.113.50:443), ztunnel reports destination_service="unknown", so after the move that edge
 * leads to whatever the graph draws for an unknown destination, no longer to the address node.
 */
const toOutside = (p: string) => p.startsWith(`${CATALOG} -> ext:`);

test('migrating frontend from sidecars to ambient: same edges, same places, now reported by ztunnel', async ({ page }) => {
  const t0 = Date.now();
  const mark = (what: string) => console.log(`[timing] ${what} at ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const migration = new MigrationPage(page);

  await test.step('the migration page shows frontend on sidecars, with its plan', async () => {
    await migration.open('frontend');
    await expect(migration.dataplane).toContainText('3 sidecar');
    await expect(migration.dataplane).toContainText('0 ambient');
    await expect(migration.dataplane).toContainText('on sidecars');
    await expect(migration.section('Steps')).toContainText('kubectl label namespace frontend istio.io/dataplane-mode=ambient');
    await expect(migration.section('Steps')).toContainText('restart cache-v1, catalog-v1, web-v1');
    // productpage (ambient) calls catalog; catalog calls the plaintext inventory outside the mesh.
    await expect(migration.section('Callers and callees')).toContainText('productpage-v1');
    await expect(migration.section('Callers and callees')).toContainText('already ambient');
    await migration.screenshots('migration-before');
    mark('migration page (before) checked');
  });

  const graph = new GraphPage(page);
  const latest = watchGraphResponses(page);
  let before: ReturnType<typeof frontendView> = { edges: [], enrollment: new Map() };
  let positions = new Map<string, { x: number; y: number }>();

  await test.step('the graph draws frontend\'s edges as its sidecars report them', async () => {
    await graph.goto(GRAPH_QUERY);
    const drawn = await graph.rendered();
    await expect.poll(() => latest()?.edges.length ?? 0).toBeGreaterThan(0);
    before = frontendView(latest()!);
    console.log(`[before] ${before.edges.map((e) => `${e.id} [${e.reporters.join(',')}]`).join('\n         ')}`);
    expect([...before.enrollment.values()].every((m) => m === 'sidecar')).toBe(true);
    expect(before.enrollment.size).toBe(3);
    // sidecar -> sidecar: only Envoy saw it; every frontend edge is reported by a sidecar.
    const webCatalog = before.edges.find((e) => e.source.endsWith(':frontend:web-v1') && e.target.endsWith(':frontend:catalog-v1'));
    expect(webCatalog?.reporters.some((r) => SIDECAR.includes(r))).toBe(true);
    expect(webCatalog?.reporters).not.toContain('ztunnel-l4');
    // Each pair of nodes has a sidecar's report (ztunnel adds the L4 view where one end is ambient).
    const pairsBefore = [...new Set(before.edges.map(pair))];
    expect(pairsBefore.filter((p) => !before.edges.some((e) => pair(e) === p && e.reporters.some((r) => SIDECAR.includes(r))))).toEqual([]);
    // The plaintext non-mesh client is unknown to catalog's sidecar (no peer metadata).
    expect(pairsBefore).toContain(`${UNKNOWN} -> ${CATALOG}`);
    // Every recorded edge is on the canvas between the same nodes.
    for (const e of before.edges) expect(drawn.edges.find((d) => d.id === e.id), e.id).toMatchObject({ source: e.source, target: e.target });
    const ends = new Set(before.edges.flatMap((e) => [e.source, e.target]));
    positions = new Map(drawn.nodes.filter((n) => ends.has(n.id)).map((n) => [n.id, { x: n.x, y: n.y }]));
    // The edge panel says so too.
    await graph.edgeList.locator(`[data-edge-id="${webCatalog!.id}"]`).click();
    await expect(graph.details.getByTestId('edge-reporters')).toContainText("sidecar");
    await graph.details.getByRole('button', { name: 'All nodes and edges' }).click();
    mark('graph (before) recorded');
  });

  await test.step('kubectl: relabel frontend for ambient, then restart its deployments', async () => {
    expect(await kubectl('label', 'namespace', 'frontend', 'istio-injection-', 'istio.io/dataplane-mode=ambient')).toContain('namespace/frontend labeled');
    const restarted = await kubectl('rollout', 'restart', 'deployment', '-n', 'frontend');
    expect(restarted.trim().split('\n')).toHaveLength(3);
    mark('migrated (label + rollout restart)');
  });

  const pairs = [...new Set(before.edges.map(pair).map(pairAfter))].filter((p) => !toOutside(p));
  const outsideBefore = before.edges.some((e) => toOutside(pair(e)));
  await test.step('within the window, every frontend edge keeps its ends and is reported by ztunnel alone', async () => {
    const moved = () => {
      const graphNow = latest();
      if (!graphNow) return 'no graph yet';
      const now = frontendView(graphNow);
      const sidecarLeft = now.edges.filter((e) => e.reporters.some((r) => SIDECAR.includes(r))).map((e) => e.id);
      const missing = pairs.filter((p) => !now.edges.some((e) => pair(e) === p && e.reporters.includes('ztunnel-l4')));
      const notAmbient = [...now.enrollment].filter(([, m]) => m !== 'ambient').map(([id]) => id);
      // catalog still calls outside, now seen by its ztunnel (on an edge to a node of no known workload).
      if (outsideBefore && !now.edges.some((e) => e.source === CATALOG && !pairs.includes(pair(e)) && e.reporters.includes('ztunnel-l4'))) missing.push(`${CATALOG} -> outside`);
      // On failure, what the source of a missing pair sends now (and who reports it) says why.
      const sentNow = (p: string) => now.edges.filter((e) => p.startsWith(`${e.source} -> `)).map((e) => `${e.id} [${e.reporters.join(',')}]`).join(', ');
      return [...sidecarLeft.map((id) => `sidecar: ${id}`), ...missing.map((p) => `no ztunnel: ${p} (now: ${sentNow(p)})`), ...notAmbient.map((id) => `not ambient: ${id}`)].join('; ') || 'moved';
    };
    await expect.poll(moved, { timeout: 150_000, intervals: [5_000] }).toBe('moved');
    mark('graph shows every frontend edge reported by ztunnel');
    const after = frontendView(latest()!);
    console.log(`[after]  ${after.edges.map((e) => `${e.id} [${e.reporters.join(',')}]`).join('\n         ')}`);
    // No edge came or went between other nodes: the same pairs, nothing new, the unknown source gone.
    const outsideAfter = after.edges.filter((e) => e.source === CATALOG && !pairs.includes(pair(e))).map(pair);
    console.log(`[after]  catalog's calls outside: ${outsideAfter.join(', ')}`);
    expect(outsideAfter).toHaveLength(outsideBefore ? 1 : 0);
    expect([...new Set(after.edges.map(pair))].filter((p) => !outsideAfter.includes(p)).sort()).toEqual([...pairs].sort());

    // On the canvas: the same nodes, where they were (the page was never reloaded).
    await expect.poll(async () => {
      const drawn = await graph.rendered();
      return pairs.every((p) => drawn.edges.some((d) => pair(d) === p));
    }).toBe(true);
    const drawn = await graph.rendered();
    for (const [id, was] of positions) {
      if (id === UNKNOWN || id.startsWith('ext:')) continue; // sources and addresses only a sidecar named
      const node = drawn.nodes.find((n) => n.id === id);
      expect(node, id).toBeDefined();
      expect(Math.abs(node!.x - was.x) + Math.abs(node!.y - was.y), `${id} moved`).toBeLessThanOrEqual(2);
    }
    const webCatalog = after.edges.find((e) => e.source.endsWith(':frontend:web-v1') && e.target.endsWith(':frontend:catalog-v1'));
    await graph.edgeList.locator(`[data-edge-id="${webCatalog!.id}"]`).click();
    await expect(graph.details.getByTestId('edge-reporters')).toHaveText(/reported by ztunnel/);
    await expect(graph.details.getByTestId('edge-reporters')).not.toContainText('sidecar');
  });

  await test.step('the migration page says frontend is ambient now', async () => {
    await migration.open('frontend');
    await expect(migration.dataplane).toContainText('0 sidecar');
    await expect(migration.dataplane).toContainText('3 ambient');
    await expect(migration.dataplane).toContainText('in ambient');
    await expect(migration.verdict).toHaveText('No sidecars here: nothing to move.');
    await expect(migration.section('Steps')).toHaveCount(0);
    await migration.screenshots('migration-after');
    mark('migration page (after) checked');
  });
});
