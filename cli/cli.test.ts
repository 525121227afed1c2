import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { TrafficSamples } from '@/lib/graph/samples';
import { dataUrl } from '@/testing/fixtures/data';

// The CLI as a user runs it: a subprocess of bin/ambient-lens.mjs, reading traffic from a real HTTP
// endpoint that speaks the simulator's /sim/traffic protocol and serves the golden fixtures.

const bin = new URL('../bin/ambient-lens.mjs', import.meta.url).pathname;
const fixture = (name: string) => (JSON.parse(readFileSync(dataUrl(`graph-golden/${name}.input.json`), 'utf8')) as { samples: TrafficSamples }).samples;
const meshOnly = fixture('mesh-to-mesh');
const nonMesh = fixture('non-mesh-client');
const mixed: TrafficSamples = { tcp: [...meshOnly.tcp, ...nonMesh.tcp], http: [], latency: [] };

let server: Server;
let base = '';
const seen: URLSearchParams[] = [];

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    let form = '';
    for await (const chunk of req) form += String(chunk);
    const params = new URLSearchParams(form);
    seen.push(params);
    if (url.pathname !== '/sim/traffic') return res.writeHead(404).end();
    const body = params.get('namespaces') === 'bookinfo' ? meshOnly : mixed;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => server.close());

function cli(args: string[], env: Record<string, string> = { SIMULATOR_METRICS_URL: base }): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const clean: Record<string, string | undefined> = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(PROMETHEUS_|SIMULATOR_|KUBECONFIG|KUBERNETES_)/.test(k)));
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { env: { ...clean, ...env } as NodeJS.ProcessEnv });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('ambient-lens CLI', () => {
  it('edges prints SRC DST SRC_NS DST_NS SECURED', async () => {
    const r = await cli(['edges', '-n', 'bookinfo,legacy', '--duration', '5m']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]?.split(/\s+/)).toEqual(['SRC', 'DST', 'SRC_NS', 'DST_NS', 'SECURED']);
    expect(lines).toContainEqual(expect.stringMatching(/^productpage-v1\s+details-v1\s+bookinfo\s+bookinfo\s+yes$/));
    expect(lines).toContainEqual(expect.stringMatching(/^unknown\s+productpage-v1\s+unknown\s+bookinfo\s+no \(non-mesh-client\)$/));
    expect(lines).toHaveLength(1 + 4 + 2);
    expect(r.stderr).toContain('KUBECONFIG is not set'); // the inventory warning
    expect(Object.fromEntries(seen.at(-1) ?? [])).toMatchObject({ namespaces: 'bookinfo,legacy', duration: '300' });
  }, 30_000);

  it('edges -o wide adds the identities; -o json is machine-readable', async () => {
    const wide = await cli(['edges', '-n', 'bookinfo', '-o', 'wide']);
    expect(wide.code).toBe(0);
    expect(wide.stdout.split('\n')[0]?.split(/\s+/).slice(5, 7)).toEqual(['CLIENT_IDENTITY', 'SERVER_IDENTITY']);
    expect(wide.stdout).toMatch(/details-v1 .*spiffe:\/\/cluster\.local\/ns\/bookinfo\/sa\/bookinfo-productpage\s+spiffe:\/\/cluster\.local\/ns\/bookinfo\/sa\/bookinfo-details/);
    const json = await cli(['edges', '-n', 'bookinfo', '-o', 'json']);
    const rows = JSON.parse(json.stdout) as { source: string; destination: string; mtlsShare: number }[];
    expect(rows.find((r) => r.destination === 'details-v1')).toMatchObject({ source: 'productpage-v1', mtlsShare: 1 });
  }, 30_000);

  it('check mtls exits 0 when every edge is mTLS and 1 listing the others', async () => {
    const ok = await cli(['check', 'mtls', '-n', 'bookinfo']);
    expect([ok.code, ok.stdout]).toEqual([0, 'OK: all 4 edges are fully mTLS.\n']);
    const bad = await cli(['check', 'mtls', '-n', 'bookinfo', '-n', 'legacy']);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('2 of 6 edges are not fully mTLS:');
    expect(bad.stdout).toContain('unknown.unknown -> productpage-v1.bookinfo (tcp): no (non-mesh-client)');
    expect(bad.stdout).toContain('curl.legacy -> details-v1.bookinfo (tcp): no (non-mesh-client)');
  }, 30_000);

  it('exits 2 on usage and configuration errors, 3 when metrics are unreachable', async () => {
    const usage = await Promise.all([
      cli(['edges']),
      cli(['edges', '-n', 'Not_A_Namespace']),
      cli(['edges', '-n', 'bookinfo', '--duration', '10s']),
      cli(['check', 'tls', '-n', 'bookinfo']),
      cli(['edges', '-n', 'bookinfo'], {}),
      cli(['edges', '-n', 'bookinfo'], { PROMETHEUS_URL: 'not a url' }),
    ]);
    expect(usage.map((r) => r.code)).toEqual([2, 2, 2, 2, 2, 2]);
    expect(usage[1]?.stderr).toContain('namespaces: not a valid namespace name');
    expect(usage[2]?.stderr).toContain('duration: must be at least 60 seconds');
    expect(usage[4]?.stderr).toContain('set PROMETHEUS_URL');
    expect(usage[5]?.stderr).toContain('PROMETHEUS_URL');
    const down = await cli(['edges', '-n', 'bookinfo'], { PROMETHEUS_URL: 'http://127.0.0.1:1' });
    expect(down.code).toBe(3);
    expect(down.stderr).toContain('Prometheus is unreachable at http://127.0.0.1:1');
  }, 60_000);
});
