// How long `ambient-lens authz lint` takes on the 1,000-workload scale scenario (not a test):
// 10 namespaces x 100 workloads on the simulated cluster, two AuthorizationPolicies and a STRICT
// PeerAuthentication per namespace, metrics from the simulator's own endpoint. Runs the real CLI
// (bin/ambient-lens.mjs) a few times and prints wall-clock times and the number of findings, then the
// same steps in process with a patient cache (first sync, the graph of observed traffic, lint itself).
// Run: `npm run bench -- --only authz-lint` [--runs 3] (printed, not written to docs/benchmarks.md).
import { spawn } from 'node:child_process';
import { KubeConfig } from '@kubernetes/client-node';
import { lint } from '@/lib/authz';
import { KubeLayer } from '@/lib/kube/layer';
import { observedTraffic } from '@/lib/server/authz';
import { createGraphService } from '@/lib/server/graph';
import { createMetricsSource } from '@/lib/server/metrics';
import { startSimulator } from '@/sim/index';
import type { BenchFigure } from './bench-graph';
import { keys } from '@/sim/mesh/resource-types';

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1] ?? 3) || 3;
const NAMESPACES = 10;
const PER_NAMESPACE = 100;

function runCli(env: NodeJS.ProcessEnv): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/ambient-lens.mjs', 'authz', 'lint'], { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

export async function run(): Promise<BenchFigure[]> {
  const figures: BenchFigure[] = [];
  const cliSeconds: number[] = [];
  const sim = await startSimulator({ scenario: { scale: { namespaces: NAMESPACES, workloadsPerNamespace: PER_NAMESPACE } } });
  try {
    const meta = (namespace: string, name: string) => ({ namespace, name, uid: `bench-${namespace}-${name}`, resourceVersion: '1', creationTimestamp: '2025-01-10T09:00:00Z' });
    for (let i = 0; i < NAMESPACES; i++) {
      const ns = `ns-${String(i).padStart(3, '0')}`;
      sim.store.upsert(keys.authorizationPolicies, { apiVersion: 'security.istio.io/v1', kind: 'AuthorizationPolicy', metadata: meta(ns, 'same-namespace'), spec: { action: 'ALLOW', rules: [{ from: [{ source: { namespaces: [ns, 'ns-*'] } }] }] } });
      sim.store.upsert(keys.authorizationPolicies, { apiVersion: 'security.istio.io/v1', kind: 'AuthorizationPolicy', metadata: meta(ns, 'deny-delete'), spec: { selector: { matchLabels: { app: 'svc-000' } }, action: 'DENY', rules: [{ to: [{ operation: { methods: ['DELETE'] } }] }] } });
      sim.store.upsert(keys.peerAuthentications, { apiVersion: 'security.istio.io/v1', kind: 'PeerAuthentication', metadata: meta(ns, 'default'), spec: { mtls: { mode: 'STRICT' } } });
    }
    const env = { ...process.env, KUBECONFIG: sim.kubeconfigPath, SIMULATOR_METRICS_URL: sim.httpUrl, LOG_LEVEL: 'error' };
    for (let r = 0; r < runs; r++) {
      const started = performance.now();
      // Asynchronously: the simulated API server answers from this process's event loop.
      const out = await runCli(env);
      const seconds = (performance.now() - started) / 1000;
      const lines = out.stdout.trim().split('\n').filter(Boolean);
      const codes = new Map<string, number>();
      for (const l of lines) codes.set(l.split(' ')[0]!, (codes.get(l.split(' ')[0]!) ?? 0) + 1);
      console.log(`run ${r + 1}: ${seconds.toFixed(2)} s, exit ${out.status}, ${lines.length} findings ${JSON.stringify(Object.fromEntries(codes))}${out.stderr ? `, stderr: ${out.stderr.trim().slice(0, 200)}` : ''}`);
      cliSeconds.push(seconds);
      if (r === runs - 1) figures.push({ name: `authz lint CLI, ${NAMESPACES * PER_NAMESPACE} workloads: findings`, value: lines.length, unit: '' });
    }
    figures.push({ name: `authz lint CLI, ${NAMESPACES * PER_NAMESPACE} workloads: wall clock, median of ${runs}`, value: Math.round([...cliSeconds].sort((a, b) => a - b)[Math.floor(runs / 2)]! * 100) / 100, unit: 's' });
    const kc = new KubeConfig();
    kc.loadFromFile(sim.kubeconfigPath);
    const layer = new KubeLayer(kc, { readyTimeoutMs: 300_000 });
    const inventory = layer.inventorySource();
    const graph = createGraphService({ metrics: createMetricsSource({ SIMULATOR_METRICS_URL: sim.httpUrl }), inventory });
    let t = performance.now();
    const lap = () => {
      const now = performance.now();
      const s = ((now - t) / 1000).toFixed(2);
      t = now;
      return s;
    };
    for (let r = 0; r < runs; r++) {
      const input = await layer.authzInput();
      const read = lap();
      const traffic = await observedTraffic({ graph }, input);
      const observed = lap();
      const findings = lint(input, traffic.ok ? traffic.edges : []);
      const linted = lap();
      console.log(`in process ${r + 1}: cache ${read} s, observed traffic ${observed} s (${traffic.ok ? `${traffic.edges.length} edges` : traffic.message}), lint ${linted} s: ${input.workloads.length} workloads, ${findings.length} findings`);
      if (r === runs - 1) figures.push({ name: 'in process (last run): cache read, observed traffic, lint', value: Number(read) + Number(observed) + Number(linted), unit: `s (${read} + ${observed} + ${linted})` });
    }
    layer.stop();
  } finally {
    await sim.stop();
  }
  return figures;
}
