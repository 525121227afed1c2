// Issue 12's scale figures on the simulator's scale scenario (100 namespaces x 50 = 5,000
// workloads) with a real Prometheus holding 15 minutes of history, and the recording rules
// backfilled over the same history (promtool), so both query sets can be timed on one data set:
// - parse of the 5,000-workload answers (JSON + shape check + toSamples);
// - /api/graph through its real route handler (app/api/graph/route.ts on node:http, the services
//   from createDeps, no Next build): cold and warm at 1, 20 and 100 namespaces, each against the
//   same queries the app sends, sent to Prometheus directly: raw (16), and with the rules (the probe,
//   then the ztunnel and waypoint ones recorded, none for a proxy family without series);
// - 100 concurrent identical and 100 concurrent distinct requests: p50/p99, upstream queries;
// - the server's RSS: the route runs in a process of its own (scale-app-server.ts), the simulator
//   and the callers in this one.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { gunzip } from 'node:zlib';
import { promisify } from 'node:util';
import { graphQueries } from '../lib/prometheus/graph-queries';
import { chooseGraphQueries, createRecordingRulesDetector, probeQuery } from '../lib/prometheus/recording-rules';
import { createPrometheusClient } from '../lib/prometheus/client';
import { startSimulator } from '../sim/index';
import { startPrometheus } from './prometheus';
import type { BenchFigure } from './bench-graph';
import { writeBenchSection } from './bench-doc';
import { timeParse } from './bench-parse';

const gunzipAsync = promisify(gunzip);
// BENCH_SCALE_NAMESPACES: a smaller mesh for a quick check of the bench itself.
const SCALE = { namespaces: Number(process.env.BENCH_SCALE_NAMESPACES ?? 100), workloadsPerNamespace: 50, nodes: 20 };
const round = (x: number) => Math.round(x * 10) / 10;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const CORES = availableParallelism();
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? NaN;

/** The CPU Prometheus has used, ms (its own process_cpu_seconds_total: 10 ms steps). */
async function prometheusCpuMs(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const seconds = /^process_cpu_seconds_total (\S+)$/m.exec(text)?.[1];
  if (seconds === undefined) throw new Error('Prometheus /metrics has no process_cpu_seconds_total');
  return Number(seconds) * 1000;
}

async function promQuery(url: string, promql: string, time: number): Promise<string> {
  const r = await fetch(`${url}/api/v1/query`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ query: promql, time: String(time) }) });
  return r.text();
}

export async function run(): Promise<BenchFigure[]> {
  const figures: BenchFigure[] = [];
  // Printed as they come: a failure late in the run must not lose the figures before it.
  const add = (name: string, value: number, unit: string) => {
    figures.push({ name, value: round(value), unit });
    process.stdout.write(`  . ${name}: ${round(value)} ${unit}\n`);
  };
  const stage = async (name: string, body: () => Promise<void>) => {
    try {
      await body();
    } catch (err) {
      add(`${name} FAILED: ${err instanceof Error ? `${err.message}${err.cause instanceof Error ? ` (${err.cause.message})` : ''}` : String(err)}`, 0, '');
    }
  };
  const sim = await startSimulator({ scenario: { scale: SCALE }, profile: 'constant' });
  // Everything started below is stopped on the way out, whatever fails.
  const stops: (() => Promise<void>)[] = [() => sim.stop()];
  try {
    await measureScale(sim, add, stage, stops);
  } finally {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
  }
  writeBenchSection(
    '## Scale (scripts/bench-scale.ts)',
    [
      `The simulator's scale scenario, ${SCALE.namespaces} namespaces x ${SCALE.workloadsPerNamespace} workloads, ambient only (no sidecars, no waypoints), in this process;`,
      'real Prometheus 2.42 with 15 minutes of history (promtool backfill) and the recording rules backfilled over it; the graph route',
      `(app/api/graph/route.ts) on node:http with createDeps' services in a process of its own, asked as the browser asks (the gzip document). ${CORES} cores (${cpus()[0]?.model.trim() ?? 'CPU unknown'}), ${Math.round(totalmem() / 2 ** 30)} GiB,`,
      `shared with other work. Run: \`npm run bench -- --only scale\`; written by the run on ${new Date().toISOString().slice(0, 10)}.`,
      '"Prometheus alone" is the same queries the app sends, sent directly in parallel: raw (PROMETHEUS_RECORDING_RULES=off) all 16;',
      'with the rules the probe and the 4 ztunnel queries over the recorded series (no sidecar or waypoint series: their 12 are skipped).',
      'Prometheus and the server run on the same cores: "Prometheus CPU" is its process_cpu_seconds_total over those queries (10 ms steps), "server CPU" the',
      'route\'s process over the cold request; the least cold time those cores allow is the larger of Prometheus alone and both CPU figures spread over every core.',
      'Prometheus\'s CPU includes any rule evaluation (every 15 s) that falls in the window, and at 1 namespace the window is shorter than its 10 ms steps: read those ratios loosely.',
      'Each cold request meets an empty graph cache and a metrics source that has not probed for the rules yet (a new server\'s, the Kubernetes cache kept warm).',
      'The concurrent stages start from an empty graph cache. RSS is the server\'s process (scripts/scale-app-server.ts, one per mode), sampled every 50 ms; the simulator and the 100 callers run in the bench\'s.',
      '',
      'Caps: `PROMETHEUS_MAX_SERIES=1` and `PROMETHEUS_MAX_ANSWER_BYTES=1024` each answer 502 `prometheus_answer_too_large` within the 2 s bound',
      'of the faults suite (testing/suites/faults.integration.test.ts); a streamed answer is cut off at the byte cap (lib/prometheus/answer-limits.test.ts).',
    ],
    figures,
  );
  return figures;
}


type Add = (name: string, value: number, unit: string) => void;
type Stage = (name: string, body: () => Promise<void>) => Promise<void>;

async function measureScale(sim: Awaited<ReturnType<typeof startSimulator>>, add: Add, stage: Stage, stops: (() => Promise<void>)[]): Promise<void> {
  const now = Math.floor(Date.now() / 1000);
  const start = now - 900;
  const rulesFile = new URL('../deploy/prometheus/ambient-lens.rules.yaml', import.meta.url).pathname;
  const historyStarted = performance.now();
  const prometheus = await startPrometheus({
    simulator: sim, historyStart: start - 300, historyEnd: now, step: 15,
    recordingRules: { file: rulesFile, start: start - 180, end: now },
  });
  stops.push(() => prometheus.stop());
  add(`history: ${prometheus.history.series} series`, prometheus.history.samples, 'samples');
  add('history backfilled, recording rules backfilled over it (promtool), restart', performance.now() - historyStarted, 'ms');
  const nsNames = (await (await fetch(`${prometheus.url}/api/v1/label/destination_workload_namespace/values`)).json()) as { data: string[] };
  const namespaces = nsNames.data.filter((n) => n !== 'unknown').sort();

  // Parse of the 5k answers: the texts Prometheus sent at 100 namespaces, for the raw queries and for
  // the recorded ones (what the app parses when the rules exist: edges packed, recorded-queries.ts).
  const families = createRecordingRulesDetector(createPrometheusClient({ baseUrl: prometheus.url }));
  const q100 = { namespaces, duration: 600, queryTime: now };
  for (const mode of ['raw', 'recording-rules'] as const) await stage(`parse of the 5k answers (${mode})`, async () => {
    const queries = mode === 'raw' ? graphQueries(q100) : chooseGraphQueries(q100, await families(600, now));
    const texts = await Promise.all(queries.map((q) => promQuery(prometheus.url, q.promql, now)));
    add(`5k answers (${mode}): bytes of the ${texts.length} answers (largest ${Math.max(...texts.map((t) => t.length))})`, texts.reduce((a, t) => a + t.length, 0), 'bytes');
    const times = timeParse(texts, queries);
    add(`parse of the 5k answers (${mode}: ${mode === 'raw' ? 'JSON + shape check' : 'read in place'} + toSamples, ${times.series} series), median of 5`, times.json + times.samples, 'ms');
  });

  // Prometheus alone: the graph's queries in parallel; its wall time, and the CPU Prometheus spent on them.
  const promRun = async (queries: { promql: string }[]) => {
    const cpu0 = await prometheusCpuMs(prometheus.url);
    const t0 = performance.now();
    await Promise.all(queries.map((q) => promQuery(prometheus.url, q.promql, now)));
    const ms = performance.now() - t0;
    return { ms, cpuMs: (await prometheusCpuMs(prometheus.url)) - cpu0 };
  };
  const http = await startApp(prometheus.url, sim.kubeconfigPath, stops);
  // A server that has answered before (its code compiled by V8): one graph of every namespace at
  // another instant, then an empty cache. Without it the first stage measured V8's warm-up.
  for (const app of [http.raw, http.rules]) {
    await app.get(`/api/graph?namespaces=${namespaces.join(',')}&queryTime=${now - 120}`);
    await app.clear();
  }
  for (const count of [1, 20, 100]) await stage(`${count} ns`, async () => {
    const ns = namespaces.slice(0, count);
    const tq = { namespaces: ns, duration: 600, queryTime: now };
    for (const mode of ['raw', 'recording-rules'] as const) {
      // What the app sends: raw (PROMETHEUS_RECORDING_RULES=off) every query; auto the probe, then the
      // recorded queries, none for a proxy family without series (the scale mesh has no sidecars or waypoints).
      const queries = mode === 'raw' ? graphQueries(tq) : [{ promql: probeQuery(600) }, ...chooseGraphQueries(tq, await families(600, now))];
      const runs = [await promRun(queries), await promRun(queries), await promRun(queries)];
      const promMs = median(runs.map((r) => r.ms));
      const promCpuMs = median(runs.map((r) => r.cpuMs));
      add(`${count} ns, ${mode}: Prometheus alone (${queries.length} queries)`, promMs, 'ms');
      add(`${count} ns, ${mode}: Prometheus CPU for them (median of 3)`, promCpuMs, 'ms');
      const app = mode === 'raw' ? http.raw : http.rules;
      const url = `/api/graph?namespaces=${ns.join(',')}&queryTime=${now - (count % 7)}`;
      // Three cold requests (the graph cache emptied before each): their medians.
      const colds: { ms: number; cpuMs: number; nodes: number; edges: number; gzipBytes: number; jsonBytes: number }[] = [];
      for (let k = 0; k < 3; k++) {
        await app.clear();
        const cpu0 = await app.cpuMs();
        const answer = await app.get(url);
        colds.push({ ...answer, cpuMs: (await app.cpuMs()) - cpu0 });
      }
      const cold = colds[0]!;
      const coldMs = median(colds.map((c) => c.ms));
      const serverCpuMs = median(colds.map((c) => c.cpuMs));
      add(`${count} ns, ${mode}: /api/graph cold, median of 3 (${cold.nodes} nodes, ${cold.edges} edges, ${cold.gzipBytes} B gzip / ${cold.jsonBytes} B JSON)`, coldMs, 'ms');
      add(`${count} ns, ${mode}: server CPU for a cold request (median of 3)`, serverCpuMs, 'ms');
      add(`${count} ns, ${mode}: cold / Prometheus alone`, coldMs / promMs, 'x');
      // Both processes share these cores: the cold answer cannot come sooner than Prometheus alone,
      // nor sooner than their CPU spread over every core.
      const floor = Math.max(promMs, (promCpuMs + serverCpuMs) / CORES);
      add(`${count} ns, ${mode}: least cold / Prometheus alone these ${CORES} cores allow (the larger of Prometheus alone and both processes' CPU / ${CORES})`, floor / promMs, 'x');
      const warm = median([(await app.get(url)).ms, (await app.get(url)).ms, (await app.get(url)).ms]);
      add(`${count} ns, ${mode}: /api/graph warm (same view, median of 3)`, warm, 'ms');
      await app.clear();
    }
  });
  // 100 concurrent identical (cold) and 100 distinct single-namespace requests.
  for (const [label, urls] of [
    ['100 concurrent identical all-namespace requests', Array.from({ length: 100 }, () => `/api/graph?namespaces=${namespaces.join(',')}&queryTime=${now - 30}`)],
    ['100 concurrent distinct single-namespace requests', namespaces.slice(0, 100).map((n) => `/api/graph?namespaces=${n}&queryTime=${now - 45}`)],
  ] as const) await stage(label, async () => {
    await http.rules.clear();
    const queriesBefore = await http.rules.upstream();
    const rssBefore = http.rules.rssMb();
    let peak = rssBefore;
    const sampler = setInterval(() => (peak = Math.max(peak, http.rules.rssMb())), 50);
    const t0 = performance.now();
    const times = await Promise.all(urls.map(async (u) => (await http.rules.get(u, false)).ms));
    const wall = performance.now() - t0;
    clearInterval(sampler);
    add(`${label}: wall`, wall, 'ms');
    add(`${label}: p50`, pct(times, 0.5), 'ms');
    add(`${label}: p99`, pct(times, 0.99), 'ms');
    add(`${label}: upstream Prometheus queries`, (await http.rules.upstream()) - queriesBefore, 'queries');
    add(`${label}: server RSS peak (its process; ${Math.round(rssBefore)} MB before the stage)`, peak, 'MB');
  });
}

interface AppHandle {
  /** read: inflate and parse the answer after the clock stops (to count nodes and edges). */
  get(path: string, read?: boolean): Promise<{ ms: number; nodes: number; edges: number; gzipBytes: number; jsonBytes: number }>;
  clear(): Promise<void>;
  upstream(): Promise<number>;
  /** CPU the server process has used so far, ms. */
  cpuMs(): Promise<number>;
  rssMb(): number;
  stop(): Promise<void>;
}

/** The real route handler on node:http in a process of its own (scale-app-server.ts), started as PROMETHEUS_RECORDING_RULES says. */
async function startAppProcess(prometheusUrl: string, kubeconfig: string, recordingRules: 'off' | 'auto'): Promise<AppHandle> {
  const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', new URL('./scale-app-server.ts', import.meta.url).pathname], {
    env: { ...process.env, PROMETHEUS_URL: prometheusUrl, KUBECONFIG: kubeconfig, PROMETHEUS_RECORDING_RULES: recordingRules },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) resolve((JSON.parse(out.slice(0, out.indexOf('\n'))) as { port: number }).port);
    });
    child.once('exit', (code) => reject(new Error(`scale-app-server exited with ${code}`)));
  });
  const base = `http://127.0.0.1:${port}`;
  return {
    async get(path, read = true) {
      const t0 = performance.now();
      const r = await fetch(base + path, { headers: { accept: 'application/gzip, application/json;q=0.9' } });
      const body = Buffer.from(await r.arrayBuffer());
      const ms = performance.now() - t0;
      if (r.status !== 200) throw new Error(`${path.slice(0, 80)}: HTTP ${r.status} ${body.toString().slice(0, 200)}`);
      if (!read) return { ms, nodes: 0, edges: 0, gzipBytes: body.length, jsonBytes: 0 };
      // Read after the clock stops (the browser's part): the concurrent stages skip it.
      const json = r.headers.get('content-type')?.startsWith('application/gzip') ? await gunzipAsync(body) : body;
      const g = JSON.parse(json.toString('utf8')) as { nodes: unknown[]; edges: unknown[] };
      return { ms, nodes: g.nodes.length, edges: g.edges.length, gzipBytes: body.length, jsonBytes: json.length };
    },
    clear: async () => void (await fetch(`${base}/__bench/clear`).then((r) => r.text())),
    upstream: async () => ((await (await fetch(`${base}/__bench/upstream`)).json()) as { upstream: number }).upstream,
    cpuMs: async () => ((await (await fetch(`${base}/__bench/cpu`)).json()) as { ms: number }).ms,
    // The server process's resident set, from the kernel (VmRSS, kB).
    rssMb: () => {
      try {
        return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
      } catch {
        return 0; // the process has gone: its failure is reported by the request that met it
      }
    },
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function startApp(prometheusUrl: string, kubeconfig: string, stops: (() => Promise<void>)[]): Promise<{ raw: AppHandle; rules: AppHandle }> {
  const raw = await startAppProcess(prometheusUrl, kubeconfig, 'off');
  stops.push(() => raw.stop());
  const rules = await startAppProcess(prometheusUrl, kubeconfig, 'auto');
  stops.push(() => rules.stop());
  return { raw, rules };
}
