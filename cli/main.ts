// The ambient-lens CLI (bin/ambient-lens.mjs runs this file through tsx). Exit codes: see USAGE.
import type { InventorySource } from '@/lib/graph/inventory';
import { EnvError, parseEnv } from '@/lib/server/env';
import { AppError } from '@/lib/errors';
import { createGraphService } from '@/lib/server/graph';
import { createMetricsSource } from '@/lib/server/metrics';
import { parseArgs, USAGE } from './args';
import { edgeRows, formatEdges, notFullyMtls } from './format';
import { checkExitCode, formatCheck, formatLint } from './format-authz';
import { formatPlan } from './migrate';

async function inventory(e: ReturnType<typeof parseEnv>): Promise<InventorySource> {
  if (!e.KUBECONFIG && !process.env.KUBERNETES_SERVICE_HOST) {
    return { inventory: () => Promise.reject(new AppError('kubernetes_unreachable', 'KUBECONFIG is not set')) };
  }
  // The server's Kubernetes layer (on KUBECONFIG or the pod's service account), loaded only when there is a cluster to read.
  const { createDeps } = await import('@/lib/server/deps');
  return createDeps(e).inventory;
}

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const parsed = parseArgs(argv);
  if (!parsed.ok) return { code: 2, out: '', err: `ambient-lens: ${parsed.message}\n\n${USAGE}\n` };
  if (parsed.command.name === 'help') return { code: 0, out: `${USAGE}\n`, err: '' };

  process.env.LOG_LEVEL ??= 'error'; // the server's JSON logs are noise on a terminal
  let e: ReturnType<typeof parseEnv>;
  try {
    e = parseEnv(process.env);
  } catch (err) {
    if (err instanceof EnvError) return { code: 2, out: '', err: `ambient-lens: ${err.message}\n` };
    throw err;
  }
  const command = parsed.command;
  if (command.name === 'authz-check' || command.name === 'authz-lint') {
    if (!e.KUBECONFIG && !process.env.KUBERNETES_SERVICE_HOST) return { code: 2, out: '', err: 'ambient-lens: set KUBECONFIG (authz reads the cluster)\n' };
    // The server's Kubernetes layer and explainer, on KUBECONFIG or the pod's service account.
    const [{ createDeps }, authz] = await Promise.all([import('@/lib/server/deps'), import('@/lib/server/authz')]);
    const services = createDeps(e);
    if (command.name === 'authz-lint') {
      const known = new Set((await services.kube().authzInput()).namespaces.map((n) => n.name));
      const unknown = command.namespaces.filter((n) => !known.has(n));
      if (unknown.length > 0) return { code: 2, out: '', err: `ambient-lens: namespace: ${unknown.join(', ')} does not exist\n` };
      const { findings, traffic } = await authz.lintMesh(services, command.namespaces);
      return { ...formatLint(findings), err: traffic.ok ? '' : `warning: ${traffic.message}\n` };
    }
    const answer = await authz.getAuthzCheck(services, command.params, undefined);
    return { code: checkExitCode(answer), ...formatCheck(answer) };
  }
  if (!e.PROMETHEUS_URL && !e.SIMULATOR_METRICS_URL) {
    return { code: 2, out: '', err: 'ambient-lens: set PROMETHEUS_URL (or SIMULATOR_METRICS_URL for the demo simulator)\n' };
  }

  if (parsed.command.name === 'migrate-plan') {
    if (!e.KUBECONFIG && !process.env.KUBERNETES_SERVICE_HOST) return { code: 2, out: '', err: 'ambient-lens: migrate plan reads the cluster: set KUBECONFIG\n' };
    const { createDeps } = await import('@/lib/server/deps');
    const { migrationPlan } = await import('@/lib/server/migration');
    const deps = createDeps(e);
    try {
      const plan = await migrationPlan({ ...deps, rootNamespace: e.ISTIO_NAMESPACE ?? 'istio-system' }, parsed.command.query);
      const out = parsed.command.output === 'json' ? JSON.stringify(plan, null, 2) + '\n' : formatPlan(plan);
      return { code: plan.blocked ? 1 : 0, out, err: '' };
    } finally {
      deps.kube().stop();
    }
  }
  const getGraph = createGraphService({ metrics: createMetricsSource(e, { cacheTtlMs: 0 }), inventory: await inventory(e) });
  const graph = await getGraph(command.query);
  const warnings = graph.warnings.map((w) => `warning: ${w}\n`).join('');
  const rows = edgeRows(graph);

  if (command.name === 'edges') {
    const { output } = command;
    const out = output === 'json' ? JSON.stringify(rows, null, 2) + '\n' : rows.length ? formatEdges(rows, output) : 'No traffic in this window.\n';
    return { code: 0, out, err: warnings };
  }
  const bad = notFullyMtls(rows);
  if (bad.length === 0) {
    const judged = rows.filter((r) => r.mtlsShare !== null).length;
    return { code: 0, out: `OK: all ${judged} edges are fully mTLS.\n`, err: warnings };
  }
  const lines = bad.map((r) => [
    `  ${r.source}.${r.sourceNamespace} -> ${r.destination}.${r.destinationNamespace} (${r.protocol}): ${r.secured}\n`,
    r.why ? `    why: ${r.why}\n` : '',
    r.fix ? `    fix: ${r.fix}\n` : '',
  ].join(''));
  return { code: 1, out: `${bad.length} of ${rows.length} edges are not fully mTLS:\n${lines.join('')}`, err: warnings };
}

function write(stream: NodeJS.WriteStream, text: string): Promise<void> {
  return text ? new Promise((resolve) => stream.write(text, () => resolve())) : Promise.resolve();
}

try {
  const { code, out, err } = await run(process.argv.slice(2));
  await write(process.stdout, out);
  await write(process.stderr, err);
  process.exit(code); // the Kubernetes layer keeps watches open: leave explicitly
} catch (err) {
  const message = err instanceof Error ? err.message : String(err);
  await write(process.stderr, `ambient-lens: ${message}\n`);
  process.exit(err instanceof AppError && err.code === 'bad_request' ? 2 : 3);
}
