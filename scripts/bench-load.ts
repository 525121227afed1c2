// Load and soak on the production build with real Prometheus (not a test): 100 concurrent clients
// for 60 s on the graph and the pages' APIs, then a soak of users refreshing the graph page.
// Reports errors, p50/p99, the server's RSS (start/peak/end) and the upstream Prometheus queries
// per second, and writes them to docs/benchmarks.md (its own section). Loopback addresses only.
// Options: --load-seconds 60 --clients 100 --soak-seconds 600 --soak-users 20 --refresh-seconds 5
import { startStack } from './stack';
import type { BenchFigure } from './bench-graph';
import { writeBenchSection } from './bench-doc';

const APP_PORT = 3310;
const SIM_PORT = 3311;
const SECTION = '## Load and soak (scripts/bench-load.ts)';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} must be a number of seconds or clients`);
  return value;
}

interface Phase {
  latencies: number[];
  errors: number;
  statuses: Map<number, number>;
}

const newPhase = (): Phase => ({ latencies: [], errors: 0, statuses: new Map() });
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

async function timedGet(url: string, phase: Phase): Promise<void> {
  const started = performance.now();
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(30_000) });
    await response.arrayBuffer();
    phase.statuses.set(response.status, (phase.statuses.get(response.status) ?? 0) + 1);
    if (!response.ok) phase.errors += 1;
  } catch {
    phase.errors += 1;
    phase.statuses.set(0, (phase.statuses.get(0) ?? 0) + 1);
  }
  phase.latencies.push(performance.now() - started);
}

async function gauge(url: string, name: string): Promise<number> {
  const text = await (await fetch(url)).text();
  let total = 0;
  for (const line of text.split('\n')) if (line.startsWith(name)) total += Number(line.slice(line.lastIndexOf(' ') + 1));
  return total;
}

/** Samples the server's RSS every 500 ms while a phase runs. */
function rssSampler(appUrl: string) {
  const samples: number[] = [];
  const timer = setInterval(() => {
    gauge(`${appUrl}/metrics`, 'ambient_lens_process_resident_memory_bytes').then((v) => samples.push(v), () => undefined);
  }, 500);
  return { samples, stop: () => clearInterval(timer) };
}

const graphUrl = (appUrl: string, duration: number) => `${appUrl}/api/graph?namespaces=bookinfo&duration=${duration}`;

async function load(appUrl: string, clients: number, seconds: number): Promise<Phase> {
  const phase = newPhase();
  const until = Date.now() + seconds * 1000;
  // Each client asks in turn what the graph page asks: the graph (two windows), namespaces, workloads.
  const paths = [graphUrl(appUrl, 600), graphUrl(appUrl, 3600), `${appUrl}/api/namespaces`, `${appUrl}/api/workloads?namespace=bookinfo`];
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      for (let i = c; Date.now() < until; i++) await timedGet(paths[i % paths.length] as string, phase);
    }),
  );
  return phase;
}

async function soak(appUrl: string, users: number, refreshSeconds: number, seconds: number): Promise<Phase> {
  const phase = newPhase();
  const until = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: users }, async (_, u) => {
      await new Promise((r) => setTimeout(r, (u * refreshSeconds * 1000) / users));
      while (Date.now() < until) {
        const next = Date.now() + refreshSeconds * 1000;
        // A refresh: the page's HTML, then its API calls in parallel.
        await timedGet(`${appUrl}/graph?namespaces=bookinfo`, phase);
        await Promise.all([timedGet(graphUrl(appUrl, 600), phase), timedGet(`${appUrl}/api/namespaces`, phase)]);
        await new Promise((r) => setTimeout(r, Math.max(0, next - Date.now())));
      }
    }),
  );
  return phase;
}

function summary(name: string, phase: Phase, seconds: number, rss: number[], queries: number): BenchFigure[] {
  const sorted = [...phase.latencies].sort((a, b) => a - b);
  const mb = (b: number) => Math.round(b / 1e6);
  return [
    { name: `${name}: requests`, value: phase.latencies.length, unit: `(${Math.round(phase.latencies.length / seconds)}/s)` },
    { name: `${name}: errors`, value: phase.errors, unit: `(statuses ${[...phase.statuses].map(([s, n]) => `${s}x${n}`).join(' ')})` },
    { name: `${name}: p50`, value: Math.round(percentile(sorted, 50)), unit: 'ms' },
    { name: `${name}: p99`, value: Math.round(percentile(sorted, 99)), unit: 'ms' },
    { name: `${name}: RSS start/peak/end`, value: mb(rss[0] ?? 0), unit: `/ ${mb(Math.max(...rss))} / ${mb(rss.at(-1) ?? 0)} MB` },
    { name: `${name}: upstream Prometheus queries`, value: Math.round((queries / seconds) * 10) / 10, unit: 'per s' },
  ];
}

function writeSection(figures: BenchFigure[], settings: string): void {
  writeBenchSection(SECTION, [
    `Production build (\`npm run build\`), simulated bookinfo cluster, real Prometheus scraping it every 5 s, all on loopback.`,
    `Run: \`npm run bench\` (${settings}); written by the run on ${new Date().toISOString().slice(0, 10)}.`,
    'Errors are answers other than 2xx (or none within 30 s); upstream queries are Prometheus\' own count of /api/v1/query calls.',
  ], figures);
}

export async function run(): Promise<BenchFigure[]> {
  const loadSeconds = option('load-seconds', 60);
  const clients = option('clients', 100);
  const soakSeconds = option('soak-seconds', 600);
  const soakUsers = option('soak-users', 20);
  const refreshSeconds = option('refresh-seconds', 5);
  const stack = await startStack({ scenario: 'bookinfo', profile: 'live', appPort: APP_PORT, simPort: SIM_PORT, prometheus: 'always', historySeconds: 3600, scrapeIntervalSeconds: 5 });
  const figures: BenchFigure[] = [];
  try {
    const promMetrics = `${stack.prometheusUrl}/metrics`;
    const queriesSoFar = () => gauge(promMetrics, 'prometheus_http_requests_total{code="200",handler="/api/v1/query"}');
    // Warm-up: the cache's first sync and the first compile of each route are not what is measured.
    await load(stack.appUrl, 4, 3);
    for (const [name, seconds, work] of [
      [`load, ${clients} clients`, loadSeconds, () => load(stack.appUrl, clients, loadSeconds)],
      [`soak, ${soakUsers} users refreshing every ${refreshSeconds} s`, soakSeconds, () => soak(stack.appUrl, soakUsers, refreshSeconds, soakSeconds)],
    ] as const) {
      const rss = rssSampler(stack.appUrl);
      const before = await queriesSoFar();
      const phase = await work();
      rss.stop();
      figures.push(...summary(`${name} for ${seconds} s`, phase, seconds, rss.samples, (await queriesSoFar()) - before));
    }
  } finally {
    await stack.stop();
  }
  writeSection(figures, `--load-seconds ${loadSeconds} --clients ${clients} --soak-seconds ${soakSeconds} --soak-users ${soakUsers} --refresh-seconds ${refreshSeconds}`);
  return figures;
}
