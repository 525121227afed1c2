import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { startSimulator, type Simulator } from '@/sim/index';

// `ambient-lens authz check|lint` as a user runs them: a subprocess of bin/ambient-lens.mjs reading
// the simulated Bookinfo cluster through its kubeconfig, as the server would.

const bin = new URL('../bin/ambient-lens.mjs', import.meta.url).pathname;
let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ scenario: 'bookinfo' });
});
afterAll(() => sim.stop());

function cli(args: string[], env?: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const clean: Record<string, string | undefined> = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(PROMETHEUS_|SIMULATOR_|KUBECONFIG|KUBERNETES_)/.test(k)));
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { env: { ...clean, ...(env ?? { KUBECONFIG: sim.kubeconfigPath }) } as NodeJS.ProcessEnv });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('ambient-lens authz', () => {
  it('check exits 1 when denied, naming the deciding policy and the identity the ztunnel sees', async () => {
    const r = await cli(['authz', 'check', '--from', 'frontend/web-v1', '--to', 'bookinfo/ratings-v1', '--port', '9080']);
    expect([r.code, r.stderr]).toEqual([1, '']);
    expect(r.stdout).toMatch(/^DENIED: frontend\/web-v1 -> bookinfo\/ratings-v1 port 9080\n/);
    expect(r.stdout).toMatch(/1\. ztunnel on node \S+ for bookinfo\/ratings-v1 sees spiffe:\/\/cluster\.local\/ns\/frontend\/sa\/web \(client, mTLS\) on port 9080: deny/);
    expect(r.stdout).toContain('Deciding policy: bookinfo/ratings-deny-frontend rules[0] (AuthorizationPolicy, deny-policy)');
  }, 180_000);

  it('check exits 4 when the answer depends on the request, listing the waypoint and the waypoint identity the destination ztunnel sees; 0 when allowed', async () => {
    // The scenario's reviews-viewer (getting-started, at the waypoint) allows productpage's GETs only.
    const r = await cli(['authz', 'check', '--from', 'bookinfo/productpage-v1', '--to', 'bookinfo/service:reviews']);
    expect(r.code).toBe(4);
    expect(r.stdout).toMatch(/^CONDITIONAL: bookinfo\/productpage-v1 -> service bookinfo\/reviews port 9080\n/);
    expect(r.stdout).toMatch(/1\. waypoint bookinfo\/waypoint sees spiffe:\/\/cluster\.local\/ns\/bookinfo\/sa\/bookinfo-productpage \(client, mTLS\)/);
    expect(r.stdout).toMatch(/2\. ztunnel on node \S+ for bookinfo\/reviews-v\d sees spiffe:\/\/cluster\.local\/ns\/bookinfo\/sa\/waypoint \(waypoint, mTLS\)/);
    const post = await cli(['authz', 'check', '--from', 'bookinfo/productpage-v1', '--to', 'bookinfo/service:reviews', '--method', 'POST', '--path', '/reviews/0']);
    expect(post.code).toBe(1);
    expect(post.stdout).toMatch(/^DENIED: bookinfo\/productpage-v1 -> service bookinfo\/reviews port 9080 \(POST \/reviews\/0\)\n/);
    expect(post.stdout).toMatch(/ALLOW policies that applied: bookinfo\/reviews-viewer\) at waypoint bookinfo\/waypoint/);
    const plaintext = await cli(['authz', 'check', '--from', 'plaintext:legacy', '--to', 'bookinfo/service:productpage']);
    expect(plaintext.code).toBe(0);
    expect(plaintext.stdout).toMatch(/sees no identity \(plaintext\) \(client, plaintext\)/);
  }, 180_000);

  it('check exits 2 on bad input, naming the argument', async () => {
    const rs = await Promise.all([
      cli(['authz', 'check', '--to', 'bookinfo/ratings-v1']),
      cli(['authz', 'check', '--from', 'frontend', '--to', 'bookinfo/ratings-v1']),
      cli(['authz', 'check', '--from', 'frontend/web-v1', '--to', 'bookinfo/ratings-v1', '--port', 'http']),
      cli(['authz', 'check', '--from', 'frontend/nobody', '--to', 'bookinfo/ratings-v1']),
      cli(['authz', 'check', '--from', 'frontend/web-v1', '--to', 'bookinfo/ratings-v1'], {}),
    ]);
    expect(rs.map((r) => r.code)).toEqual([2, 2, 2, 2, 2]);
    expect(rs[0]?.stderr).toContain('--from NS/WORKLOAD|plaintext:NS is required');
    expect(rs[1]?.stderr).toContain('from: must be NS/WORKLOAD or plaintext:NS');
    expect(rs[2]?.stderr).toContain('port: ');
    expect(rs[3]?.stderr).toContain('frontend/nobody is not known');
    expect(rs[4]?.stderr).toContain('set KUBECONFIG');
  }, 240_000);

  it('lint prints one line per finding (code, severity, namespace/name, fix) and exits 1 on warnings', async () => {
    const r = await cli(['authz', 'lint', '-n', 'bookinfo', '-n', 'legacy']);
    expect(r.code).toBe(1);
    const lines = r.stdout.trim().split('\n');
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).toMatch(/^AUTHZ\d{3} (error|warning|info) \S+ (bookinfo|legacy)(\/\S+)?: .* Fix: .+/);
    expect(lines).toContainEqual(expect.stringMatching(/^AUTHZ020 warning Namespace bookinfo: /));
    const empty = await cli(['authz', 'lint', '-n', 'tools']);
    expect([empty.code, empty.stdout]).toEqual([0, 'OK: no findings.\n']);
    const unknown = await cli(['authz', 'lint', '-n', 'nowhere']);
    expect([unknown.code, unknown.stderr]).toEqual([2, 'ambient-lens: namespace: nowhere does not exist\n']);
    // Without a metrics source the policies are still linted, and the user is told traffic was not checked.
    expect(r.stderr).toMatch(/^warning: traffic not checked: No metrics source is configured/);
  }, 240_000);

  it('lint checks observed traffic when metrics are there: the denied web -> ratings edge is AUTHZ030 with its policy', async () => {
    const r = await cli(['authz', 'lint', '-n', 'bookinfo'], { KUBECONFIG: sim.kubeconfigPath, SIMULATOR_METRICS_URL: sim.httpUrl });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^AUTHZ030 warning AuthorizationPolicy bookinfo\/ratings-deny-frontend: frontend\/web-v1 -> bookinfo\/ratings-v1: connections were denied .*DENY policy bookinfo\/ratings-deny-frontend rules\[0\] matched/m);
    expect(r.stdout).not.toMatch(/^AUTHZ031 /m);
  }, 240_000);
});
