import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { startSimulator, type Simulator } from '@/sim/index';
import { parseArgs } from './args';

// `ambient-lens migrate plan` as a user runs it, on the simulated half-migrated Bookinfo: frontend
// on sidecars (web, catalog, cache), bookinfo ambient, legacy outside the mesh.

const bin = new URL('../bin/ambient-lens.mjs', import.meta.url).pathname;
let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator({ scenario: 'sidecar', profile: 'constant' });
}, 60_000);
afterAll(async () => {
  await sim?.stop();
});

function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const clean: Record<string, string | undefined> = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(PROMETHEUS_|SIMULATOR_|KUBECONFIG|KUBERNETES_)/.test(k)));
  const env: Record<string, string | undefined> = { ...clean, SIMULATOR_METRICS_URL: sim.httpUrl, KUBECONFIG: sim.kubeconfigPath };
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { env: env as NodeJS.ProcessEnv });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('ambient-lens migrate plan', () => {
  it('takes exactly one namespace', () => {
    expect(parseArgs(['migrate', 'plan', '-n', 'a,b'])).toEqual({ ok: false, message: 'migrate plan takes one namespace' });
    expect(parseArgs(['migrate', 'plan'])).toMatchObject({ ok: false, message: '-n <namespace> is required' });
    expect(parseArgs(['migrate', 'plan', '-n', 'frontend', '-o', 'wide'])).toMatchObject({ ok: false });
    expect(parseArgs(['migrate', 'plan', '-n', 'frontend'])).toMatchObject({ ok: true, command: { name: 'migrate-plan', query: { namespaces: ['frontend'] } } });
  });

  it('plans the sidecar namespace: counts, callers already ambient, the switch; exit 0 when nothing blocks', async () => {
    const { code, stdout, stderr } = await cli(['migrate', 'plan', '-n', 'frontend']);
    expect(stderr).toBe('');
    expect(stdout).toContain('Namespace frontend: sidecar (3 sidecar, 0 ambient, 0 neither)');
    expect(stdout).toMatch(/INFO +Workload bookinfo\/productpage-v1: calls frontend( and is called by it)?; already ambient/);
    expect(stdout).toContain('kubectl label namespace frontend istio.io/dataplane-mode=ambient istio-injection-');
    expect(stdout).toContain('Nothing blocks the move.');
    expect(code).toBe(0);
  }, 60_000);

  it('answers JSON with -o json', async () => {
    const { code, stdout } = await cli(['migrate', 'plan', '-n', 'frontend', '-o', 'json']);
    const plan = JSON.parse(stdout) as { counts: Record<string, number>; blocked: boolean; items: { kind: string }[] };
    expect(plan.counts).toEqual({ sidecar: 3, ambient: 0, none: 0 });
    expect(plan.blocked).toBe(false);
    expect(plan.items.map((i) => i.kind)).toContain('switch');
    expect(code).toBe(0);
  }, 60_000);
});
