// The graph pipeline end to end, minus HTTP: a generated 1,000-workload mesh (20 namespaces x 50)
// in the simulator, 30 minutes of its history backfilled into the real Prometheus, the
// Kubernetes cache warmed through @kubernetes/client-node, then per graph: the constant set of
// Prometheus queries + buildGraph. Medians of 5 runs after one warm-up, for 1, 5 and 20 namespaces.
import { KubeConfig } from '@kubernetes/client-node';
import { buildGraph } from '../lib/graph/build';
import { KubeLayer } from '../lib/kube/layer';
import { createPrometheusClient } from '../lib/prometheus/client';
import { createPrometheusMetricsSource } from '../lib/prometheus/metrics-source';
import { startSimulator } from '../sim/index';
import { startPrometheus } from './prometheus';
import type { BenchFigure } from './bench-graph';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const round = (x: number) => Math.round(x * 10) / 10;

export async function run(): Promise<BenchFigure[]> {
  const figures: BenchFigure[] = [];
  const simStarted = performance.now();
  const sim = await startSimulator({ scenario: { scale: { namespaces: 20, workloadsPerNamespace: 50, nodes: 20 } }, profile: 'constant' });
  figures.push({ name: 'simulator start, 1,000 workloads', value: Math.round(performance.now() - simStarted), unit: 'ms' });
  const now = Math.floor(Date.now() / 1000);
  const promStarted = performance.now();
  const prometheus = await startPrometheus({ simulator: sim, historyStart: now - 1800, historyEnd: now, step: 15 });
  figures.push({ name: `history backfill + Prometheus start (${prometheus.history.series} series, ${prometheus.history.samples} samples)`, value: Math.round(performance.now() - promStarted), unit: 'ms' });

  const kc = new KubeConfig();
  kc.loadFromFile(sim.kubeconfigPath);
  const kube = new KubeLayer(kc);
  let queries = 0;
  const metrics = createPrometheusMetricsSource(
    createPrometheusClient({ baseUrl: prometheus.url, fetch: (url, init) => ((queries += 1), fetch(url, init)) }),
  );
  try {
    const warmStarted = performance.now();
    await kube.snapshot();
    figures.push({ name: 'Kubernetes cache warm (list + watch, 15 resources)', value: Math.round(performance.now() - warmStarted), unit: 'ms' });
    const all = (await kube.namespaces()).map((n) => n.name).filter((n) => n.startsWith('ns-'));
    for (const count of [1, 5, 20]) {
      const namespaces = all.slice(0, count);
      const query = { namespaces, duration: 600, queryTime: now };
      const promMs: number[] = [];
      const buildMs: number[] = [];
      let edges = 0;
      for (let i = 0; i < 6; i++) {
        queries = 0;
        const t0 = performance.now();
        const [samples, inventory] = await Promise.all([metrics.samples(query), kube.inventorySource().inventory()]);
        const t1 = performance.now();
        const graph = buildGraph(samples, inventory, { ...query, graphType: 'workload', waypoints: 'show', idle: false });
        const t2 = performance.now();
        edges = graph.edges.length;
        if (i > 0) {
          promMs.push(t1 - t0);
          buildMs.push(t2 - t1);
        }
      }
      figures.push({ name: `${count} namespace(s): Prometheus (${queries} queries) + inventory`, value: round(median(promMs)), unit: 'ms' });
      figures.push({ name: `${count} namespace(s): buildGraph (${edges} edges)`, value: round(median(buildMs)), unit: 'ms' });
    }
  } finally {
    kube.stop();
    await prometheus.stop();
    await sim.stop();
  }
  return figures;
}
