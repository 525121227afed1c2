// The graph page in headless Chromium on the simulator's scale scenario with real Prometheus
// (15 minutes of history): first draw (navigation to the layout's end) and click -> side panel,
// at 100, 1,000 and 3,000 workloads, on the namespace map (the default above 300 nodes) and with
// every node drawn (map=off). Writes its section of docs/benchmarks.md. Loopback only.
// Options: --sizes 100,1000,3000
import { chromium, type Page } from '@playwright/test';
import { startStack } from './stack';
import type { BenchFigure } from './bench-graph';
import { writeBenchSection } from './bench-doc';
import { availableParallelism, loadavg } from 'node:os';

const APP_PORT = 3320;
const SIM_PORT = 3321;
const PER_NAMESPACE = 50;
const SECTION = '## Browser (scripts/bench-browser.ts)';
/** Navigations per size and mode. */
const RUNS = 3;

function sizes(): number[] {
  const i = process.argv.indexOf('--sizes');
  const raw = i >= 0 ? (process.argv[i + 1] ?? '') : '100,1000,3000';
  const list = raw.split(',').map(Number);
  if (list.some((n) => !Number.isInteger(n) || n < PER_NAMESPACE || n % PER_NAMESPACE !== 0)) throw new Error(`--sizes must be multiples of ${PER_NAMESPACE}`);
  return list;
}

const drawn = (page: Page) => page.waitForFunction(() => (window.__ambientLensGraph?.layoutMs ?? 0) > 0, undefined, { timeout: 120_000, polling: 'raf' });

/** In the page, ms since navigation: when the /api/graph answer had arrived, and the next painted frame (now). */
const paintedAfterDraw = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<{ answer: number; painted: number }>((resolve) => {
        // Two frames: the one that draws the laid-out graph, then one that starts after it was painted.
        requestAnimationFrame(() =>
          requestAnimationFrame(() => {
            const answer = performance.getEntriesByType('resource').find((r) => r.name.includes('/api/graph?')) as PerformanceResourceTiming | undefined;
            resolve({ answer: Math.round(answer?.responseEnd ?? 0), painted: Math.round(performance.now()) });
          }),
        );
      }),
  );

/**
 * Arms the page to time the next click from its pointerdown until the panel's details are painted.
 * No named functions inside: tsx would wrap them in a helper (__name) that the page does not have.
 */
const armClickTimer = (page: Page) =>
  page.evaluate(() => {
    const w = window as unknown as { __clickToPanel?: number };
    delete w.__clickToPanel;
    document.addEventListener(
      'pointerdown',
      () => {
        const down = performance.now();
        const observer = new MutationObserver(() => {
          if (![...document.querySelectorAll('#graph-details-panel button')].some((b) => b.textContent?.includes('All nodes and edges'))) return;
          observer.disconnect();
          requestAnimationFrame(() => requestAnimationFrame(() => (w.__clickToPanel = Math.round(performance.now() - down))));
        });
        observer.observe(document.body, { childList: true, subtree: true });
      },
      { capture: true, once: true },
    );
  });

interface Measured {
  firstDraw: number;
  /** In the page: navigation start to the /api/graph answer's last byte. */
  answer: number;
  /** In the page: navigation start to the first frame painted after the layout ended. */
  painted: number;
  clickToPanel: number;
  clickWall: number;
  nodes: number;
}

/** Navigation to a drawn graph, then a click on the first node of the list to its side panel. */
async function measure(page: Page, url: string): Promise<Measured> {
  const started = performance.now();
  await page.goto(url);
  await drawn(page);
  const paint = await paintedAfterDraw(page);
  const firstDraw = performance.now() - started;
  const nodes = await page.evaluate(() => window.__ambientLensGraph?.nodes.length ?? 0);
  const item = page.getByRole('list', { name: 'Nodes' }).locator('[data-node-id]').first();
  await item.waitFor();
  await armClickTimer(page);
  const clicked = performance.now();
  await item.click();
  await page.getByRole('button', { name: '← All nodes and edges' }).waitFor();
  const clickWall = Math.round(performance.now() - clicked);
  const inPage = await page.waitForFunction(() => (window as unknown as { __clickToPanel?: number }).__clickToPanel, undefined, { timeout: 30_000 });
  return { firstDraw: Math.round(firstDraw), answer: paint.answer, painted: paint.painted, clickToPanel: Number(await inPage.jsonValue()), clickWall, nodes };
}

function writeSection(figures: BenchFigure[], settings: string, loadAtStart: number): void {
  writeBenchSection(SECTION, [
    'Production build, simulated scale cluster (namespaces of 50 workloads), real Prometheus with 15 minutes of history, headless Debian Chromium at 1440x900, all on loopback.',
    `Run: \`npm run bench -- --only browser\` (${settings}); written by the run on ${new Date().toISOString().slice(0, 10)}. Load average at its start ${loadAtStart.toFixed(1)} on ${availableParallelism()} cores (other jobs share this machine: figures scale with it).`,
    'First draw: navigation until the first frame painted after the layout ended (the API answer for the same instant (queryTime) warmed once before, and the page served once), in a fresh browser context (no cached script), three times: the median run\'s figures. Of it, "graph answer" is when the last byte of /api/graph arrived (in the page, from navigation start; the page\'s HTML asks for it as it is parsed: app/graph/page.tsx); "browser after the answer" is the rest: what remained of the page\'s boot (its scripts, hydration), then JSON, React, cytoscape, layout and paint.',
    'Click -> panel: a click on a node of the list, from its pointerdown until the frame showing its details was painted, timed in the page (the canvas shows the selection a frame later); "as Playwright sees it" adds the driver\'s own round trips and role queries.',
  ], figures);
}

export async function run(): Promise<BenchFigure[]> {
  const figures: BenchFigure[] = [];
  const loadAtStart = loadavg()[0] ?? 0;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    for (const workloads of sizes()) {
      const count = workloads / PER_NAMESPACE;
      const stack = await startStack({
        scenario: { scale: { namespaces: count, workloadsPerNamespace: PER_NAMESPACE, nodes: 10 } },
        profile: 'constant',
        appPort: APP_PORT,
        simPort: SIM_PORT,
        prometheus: 'always',
        historySeconds: 900,
        scrapeIntervalSeconds: 15,
      });
      try {
        const namespaces = Array.from({ length: count }, (_, i) => `ns-${String(i).padStart(3, '0')}`).join(',');
        // One instant for the warm-up and the page, so the page is served the warmed answer (the
        // server's cold build is bench-graph's and bench-load's to measure, not the browser's).
        const queryTime = Math.floor(Date.now() / 1000) - 30;
        const url = `${stack.appUrl}/graph?namespaces=${namespaces}&refresh=0&queryTime=${queryTime}`;
        await fetch(`${stack.appUrl}/api/graph?namespaces=${namespaces}&queryTime=${queryTime}`).then((r) => r.arrayBuffer());
        // The page served once: the server's first render of a route is not what a user waits for.
        await fetch(`${stack.appUrl}/graph`).then((r) => r.arrayBuffer());
        const modes = workloads > 300 ? ([['namespace map', ''], ['every node', '&map=off']] as const) : ([['every node', '']] as const);
        for (const [mode, extra] of modes) {
          // Three navigations, each in a fresh context (nothing cached): the one of median first draw
          // is reported, the other two beside it (one run on a shared machine is noise).
          const runs: Measured[] = [];
          for (let i = 0; i < RUNS; i++) {
            const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
            runs.push(await measure(await context.newPage(), `${url}${extra}`));
            await context.close();
          }
          runs.sort((a, b) => a.firstDraw - b.firstDraw);
          const m = runs[Math.floor(runs.length / 2)] as Measured;
          figures.push(
            { name: `${workloads} workloads, ${mode} (${m.nodes} nodes drawn): first draw, median of ${RUNS} (${runs.map((r) => r.firstDraw).join(', ')} ms)`, value: m.firstDraw, unit: 'ms' },
            { name: `${workloads} workloads, ${mode}: graph answer arrived`, value: m.answer, unit: 'ms' },
            { name: `${workloads} workloads, ${mode}: browser after the answer`, value: m.painted - m.answer, unit: 'ms' },
            { name: `${workloads} workloads, ${mode}: click -> panel`, value: m.clickToPanel, unit: 'ms' },
            { name: `${workloads} workloads, ${mode}: click -> panel as Playwright sees it`, value: m.clickWall, unit: 'ms' },
          );
        }
      } finally {
        await stack.stop();
      }
    }
  } finally {
    await browser.close();
  }
  writeSection(figures, `--sizes ${sizes().join(',')}`, loadAtStart);
  return figures;
}
