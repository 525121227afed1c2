import { expect, test, type APIRequestContext } from '@playwright/test';
import type { MeshGraph } from '../lib/graph/model';
import { GraphPage } from './pages/GraphPage';
import type { RenderedLabel } from '../components/graph/summary';
import { READABLE_PX } from '../components/graph/label-zoom';

// Issue 11: badges that mean one thing, readable labels, tooltips, a layout for any screen, and
// waypoints drawn once. Against the simulated Bookinfo mesh and real Prometheus.

async function apiGraph(request: APIRequestContext, query: string): Promise<MeshGraph> {
  const response = await request.get(`api/graph?graphType=workload&duration=600&idle=false&${query}`);
  expect(response.status()).toBe(200);
  return (await response.json()) as MeshGraph;
}

const overlaps = (a: RenderedLabel['box'], b: RenderedLabel['box']) => Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1) > 1 && Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1) > 1;

test('a lock only on fully mTLS edges; plaintext has no lock and its own line; denied leads the edge panel', async ({ page }) => {
  const graph = new GraphPage(page);
  await graph.goto('namespaces=bookinfo,legacy');
  const drawn = await graph.rendered();
  const marks = { full: '🔒', partial: '◐', none: '✕', unknown: '' } as Record<string, string>;
  for (const e of drawn.edges) {
    expect(e.badge, `${e.id} (${e.mtls})`).toBe(marks[e.mtls]);
    if (e.mtls === 'none' && !e.label.includes('denied')) expect(e.lineStyle, e.id).toBe('dashed');
  }
  const locks = drawn.edges.filter((e) => e.badge === '🔒');
  expect(locks.length).toBeGreaterThan(0);
  expect(locks.every((e) => e.mtls === 'full')).toBe(true);
  expect(drawn.edges.filter((e) => e.mtls === 'none').length).toBeGreaterThan(0);
  expect(drawn.edges.some((e) => e.badge === '🔓')).toBe(false);

  const denied = drawn.edges.find((e) => e.label.includes('denied'));
  if (!denied) throw new Error('the scenario has no denied edge');
  await graph.edgeList.locator(`[data-edge-id="${denied.id}"]`).click();
  await expect(graph.details.getByTestId('denied-lead')).toHaveText(/^Denied by policy: [\d.<]+ connections\/s$/);
  // The lead comes before everything else in the panel.
  const first = await graph.details.locator('p, h3, h4').first().textContent();
  expect(first).toMatch(/^Denied by policy/);
});

test('the edge panel says HBONE for mTLS edges and plain TCP for plaintext ones', async ({ page, request }) => {
  const graph = new GraphPage(page);
  await graph.goto('namespaces=bookinfo,legacy');
  await graph.rendered();
  const api = await apiGraph(request, 'namespaces=bookinfo,legacy&waypoints=show');
  const secure = api.edges.find((e) => e.security.mtlsShare === 1);
  const plain = api.edges.find((e) => e.security.mtlsShare === 0);
  if (!secure || !plain) throw new Error('the scenario needs an mTLS and a plaintext edge');
  await graph.edgeList.locator(`[data-edge-id="${secure.id}"]`).click();
  await expect(graph.details.getByTestId('edge-transport')).toHaveText(/^HBONE \(mTLS through ztunnel/);
  await graph.details.getByRole('button', { name: 'All nodes and edges' }).click();
  await graph.edgeList.locator(`[data-edge-id="${plain.id}"]`).click();
  await expect(graph.details.getByTestId('edge-transport')).toHaveText('plain TCP (no mTLS)');
});

test('labels are at least 11 px and never overlap each other or a node on Bookinfo', async ({ page }) => {
  const graph = new GraphPage(page);
  await graph.goto('namespaces=bookinfo,legacy');
  await graph.rendered();
  const labels = await graph.labels();
  expect(labels.length).toBeGreaterThan(10);
  for (const l of labels) expect(l.fontPx, `${l.id} ${l.text}`).toBeGreaterThanOrEqual(11);
  const clashes: string[] = [];
  for (let i = 0; i < labels.length; i++) {
    for (let j = i + 1; j < labels.length; j++) {
      const [a, b] = [labels[i], labels[j]];
      if (a && b && overlaps(a.box, b.box)) clashes.push(`${a.text} × ${b.text}`);
    }
  }
  // An edge label on a node is hidden under it (a denied edge's "denied 0.3 c/s" once was).
  for (const edge of labels.filter((l) => l.group === 'edges')) {
    for (const node of labels) if (node.body && overlaps(edge.box, node.body)) clashes.push(`${edge.text} on node ${node.text}`);
  }
  expect(clashes).toEqual([]);
});

test('hovering a node shows a tooltip with its name and enrollment', async ({ page }) => {
  const graph = new GraphPage(page);
  await graph.goto('namespaces=bookinfo,legacy');
  const drawn = await graph.rendered();
  const productpage = drawn.nodes.find((n) => n.label.startsWith('productpage-v1'));
  if (!productpage) throw new Error('productpage-v1 is not drawn');
  await graph.hoverNode(productpage.id);
  const tip = page.getByRole('tooltip');
  await expect(tip).toBeVisible();
  await expect(tip).toContainText('productpage-v1');
  await expect(tip).toContainText('Enrollment: ambient');
});

test('waypoints drawn once: show goes through the waypoint, merge has one edge per client and backend', async ({ page }) => {
  const graph = new GraphPage(page);
  const pairs = (g: { edges: { source: string; target: string }[] }) => g.edges.map((e) => `${e.source}>${e.target}`);
  await graph.goto('namespaces=bookinfo&waypoints=show');
  const shown = await graph.rendered();
  const waypoint = shown.nodes.find((n) => n.label.startsWith('waypoint'));
  if (!waypoint) throw new Error('no waypoint drawn');
  const productpage = shown.nodes.find((n) => n.label.startsWith('productpage-v1'))?.id;
  expect(shown.edges.some((e) => e.source === productpage && e.target === waypoint.id)).toBe(true);
  expect(shown.edges.filter((e) => e.source === productpage && /reviews/.test(e.target))).toEqual([]);
  expect(new Set(pairs(shown)).size).toBe(shown.edges.length);

  await graph.goto('namespaces=bookinfo&waypoints=merge');
  const merged = await graph.rendered();
  expect(merged.nodes.some((n) => n.label.startsWith('waypoint'))).toBe(false);
  expect(merged.edges.filter((e) => e.source === productpage && /reviews/.test(e.target)).length).toBeGreaterThan(0);
  expect(new Set(pairs(merged)).size).toBe(merged.edges.length);
});

test('on a desktop Bookinfo fits whole at fit, clear of the canvas controls, every label 11 px or more (1440 px with the panel beside, 1024 px)', async ({ page }) => {
  const graph = new GraphPage(page);
  for (const width of [1440, 1024]) {
    await page.setViewportSize({ width, height: 900 });
    await graph.goto('namespaces=bookinfo,legacy,frontend');
    await graph.rendered();
    const canvas = await graph.canvas.boundingBox();
    if (!canvas) throw new Error('no canvas');
    // What floats over the canvas (its zoom controls, the details toggle), in the canvas's own coordinates.
    const over = await Promise.all(
      [page.getByRole('button', { name: 'Fit to screen' }).locator('..'), page.locator('button[aria-controls="graph-details-panel"]')].map(async (l) => {
        const b = await l.boundingBox();
        if (!b) throw new Error('a canvas control is not drawn');
        return { x1: b.x - canvas.x, y1: b.y - canvas.y, x2: b.x - canvas.x + b.width, y2: b.y - canvas.y + b.height };
      }),
    );
    const labels = await graph.labels();
    expect(labels.length).toBeGreaterThan(10);
    const outside: string[] = [];
    for (const l of labels) {
      expect(l.fontPx, `${width} px: ${l.text}`).toBeGreaterThanOrEqual(READABLE_PX);
      for (const box of [l.box, l.body]) {
        if (box && (box.x1 < 0 || box.y1 < 0 || box.x2 > canvas.width || box.y2 > canvas.height)) outside.push(`${width} px: ${l.text.replace(/\n/g, ' ')}`);
        if (box && over.some((o) => overlaps(o, box))) outside.push(`${width} px: ${l.text.replace(/\n/g, ' ')} under a control`);
      }
    }
    expect(outside).toEqual([]);
  }
});

test('the canvas fills the width at 390 px and keeps it at 1024 px; the panel is a drawer there', async ({ page }) => {
  const graph = new GraphPage(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await graph.goto('namespaces=bookinfo,legacy');
  await graph.rendered();
  expect((await graph.canvas.boundingBox())?.width).toBeGreaterThanOrEqual(380);
  await expect(page.getByRole('button', { name: 'View options' })).toBeVisible();
  await expect(graph.toolbar).toBeHidden();
  await page.getByRole('button', { name: 'View options' }).click();
  await expect(graph.toolbar).toBeVisible();
  const pill = await page.getByTestId('traffic-source').boundingBox();
  expect((pill?.x ?? 0) + (pill?.width ?? 0)).toBeLessThanOrEqual(390);

  await page.setViewportSize({ width: 1024, height: 700 });
  await expect(graph.details).toBeHidden();
  expect((await graph.canvas.boundingBox())?.width).toBeGreaterThanOrEqual(1024 - 210);
  await page.getByRole('button', { name: 'Details' }).click();
  await expect(graph.details).toBeVisible();
  // An overlay: the canvas keeps its width under the drawer.
  expect((await graph.canvas.boundingBox())?.width).toBeGreaterThanOrEqual(1024 - 210);
});

test('screenshots of Bookinfo, light and dark, at 1440, 1024 and 390 px', async ({ page }) => {
  const graph = new GraphPage(page);
  for (const width of [1440, 1024, 390]) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await graph.goto('namespaces=bookinfo,legacy,frontend');
      await graph.rendered();
      await page.waitForTimeout(400);
      await page.screenshot({ path: `test-results/screenshots/graph-presentation-${width}-${scheme}.png` });
    }
  }
  await page.setViewportSize({ width: 1440, height: 900 });
  await graph.goto('namespaces=bookinfo,legacy');
  await graph.rendered();
  await page.getByRole('button', { name: 'Legend' }).click();
  await page.screenshot({ path: 'test-results/screenshots/graph-presentation-legend.png' });
});
