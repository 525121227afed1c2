import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Inventory } from '@/lib/graph/inventory';
import type { GraphParams } from '@/lib/graph/query';
import type { TrafficSamples } from '@/lib/graph/samples';
import { AppError } from '@/lib/errors';
import { dataUrl } from '@/testing/fixtures/data';
import { createGraphService } from './graph';
import { createMetricsSource } from './metrics';

// The composition: env -> metrics source (real HTTP servers), errors mapped to AppError, the
// inventory degrading to a warning while a metrics failure fails the graph.

const input = JSON.parse(readFileSync(dataUrl('graph-golden/waypoint-show.input.json'), 'utf8')) as { samples: TrafficSamples; inventory: Inventory };
const query: GraphParams = { namespaces: ['bookinfo'], graphType: 'workload', duration: 600, queryTime: 1_700_000_000, idle: false, waypoints: 'show' };
const seen: { url: string; authorization?: string; tenant?: string; body: string }[] = [];
let server: Server;
let base = '';
let dir = '';

beforeAll(async () => {
  server = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += String(chunk);
    seen.push({ url: req.url ?? '', authorization: req.headers.authorization, tenant: req.headers['x-scope-orgid'] as string | undefined, body });
    if (req.url?.startsWith('/sim/traffic')) return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(input.samples));
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'success', data: { resultType: 'vector', result: [] } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  dir = mkdtempSync(join(tmpdir(), 'token-'));
});
afterAll(() => {
  server.close();
  rmSync(dir, { recursive: true, force: true });
});

const window = { namespaces: ['bookinfo'], duration: 600, queryTime: 1_700_000_000 };
const rejection = async (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e);

describe('createMetricsSource', () => {
  it('re-reads PROMETHEUS_TOKEN_FILE on every query and sends PROMETHEUS_HEADERS', async () => {
    const file = join(dir, 'token');
    writeFileSync(file, 'first\n');
    const source = createMetricsSource({ PROMETHEUS_URL: base, PROMETHEUS_TOKEN_FILE: file, PROMETHEUS_HEADERS: { 'X-Scope-OrgID': 'team-a' } }, { cacheTtlMs: 0 });
    seen.length = 0;
    await source.samples(window);
    writeFileSync(file, 'rotated\n');
    await source.samples(window);
    // Once the probe (remembered for a minute), then per graph the 4 ztunnel queries: this Prometheus
    // holds no series, so no sidecar or waypoint reported and their queries are not sent.
    expect(seen).toHaveLength(1 + 4 + 4);
    expect(new Set(seen.slice(0, 5).map((r) => r.authorization))).toEqual(new Set(['Bearer first']));
    expect(new Set(seen.slice(5).map((r) => r.authorization))).toEqual(new Set(['Bearer rotated']));
    expect(seen.every((r) => r.tenant === 'team-a' && r.url === '/api/v1/query')).toBe(true);
  });

  it('shares answers for 5 s by default', async () => {
    const source = createMetricsSource({ PROMETHEUS_URL: base });
    seen.length = 0;
    await source.samples(window);
    await source.samples(window);
    // The probe and the 4 ztunnel queries (no sidecar or waypoint series here), each once.
    expect(seen).toHaveLength(1 + 4);
  });

  it('maps failures to AppError: unreachable, unconfigured, missing token file', async () => {
    const down = await rejection(createMetricsSource({ PROMETHEUS_URL: 'http://127.0.0.1:1' }).samples(window));
    expect(down).toBeInstanceOf(AppError);
    expect((down as AppError).code).toBe('prometheus_unreachable');
    expect((down as AppError).status).toBe(503);
    const none = await rejection(createMetricsSource({}).samples(window));
    expect((none as AppError).message).toContain('PROMETHEUS_URL');
    const noFile = await rejection(createMetricsSource({ PROMETHEUS_URL: base, PROMETHEUS_TOKEN_FILE: join(dir, 'missing') }).samples(window));
    expect((noFile as AppError).message).toContain('PROMETHEUS_TOKEN_FILE');
  });

  it('reads the simulator when only SIMULATOR_METRICS_URL is set', async () => {
    const source = createMetricsSource({ SIMULATOR_METRICS_URL: base });
    expect(source.kind).toBe('simulator');
    expect((await source.samples(window)).tcp).toHaveLength(input.samples.tcp.length);
    expect(new URLSearchParams(seen.at(-1)?.body).get('time')).toBe('1700000000');
  });
});

describe('createGraphService', () => {
  const metrics = () => createMetricsSource({ SIMULATOR_METRICS_URL: base });

  it('builds the graph from metrics and inventory', async () => {
    const graph = await createGraphService({ metrics: metrics(), inventory: { inventory: async () => input.inventory } })(query);
    expect(graph.nodes.find((n) => n.flags.waypoint)?.id).toBe('wl:Kubernetes:bookinfo:waypoint');
    expect(graph.warnings).toEqual([]);
  });

  it("draws a node graph: the focus node's neighbourhood, asked across the namespaces the viewer may see", async () => {
    seen.length = 0;
    const service = createGraphService({ metrics: metrics(), inventory: { inventory: async () => input.inventory } });
    const whole = await service(query);
    const focus = 'wl:Kubernetes:bookinfo:waypoint';
    const graph = await service({ ...query, focus }, { accessibleNamespaces: new Set(['bookinfo', 'other']) });
    expect(graph.edges.length).toBeGreaterThan(0);
    expect(graph.edges.every((e) => e.source === focus || e.target === focus)).toBe(true);
    expect(graph.edges.map((e) => e.id).sort()).toEqual(whole.edges.filter((e) => e.source === focus || e.target === focus).map((e) => e.id).sort());
    expect(graph.namespaces).toEqual(['bookinfo']);
    expect(new URLSearchParams(seen.at(-1)?.body).get('namespaces')).toBe('bookinfo,other');
  });

  it('draws from metrics alone, with a warning, when the inventory fails', async () => {
    const inventory = { inventory: () => Promise.reject(new AppError('kubernetes_unreachable', 'API server down')) };
    const graph = await createGraphService({ metrics: metrics(), inventory })(query);
    expect(graph.edges.length).toBeGreaterThan(0);
    expect(graph.nodes.some((n) => n.flags.waypoint)).toBe(false);
    expect(graph.warnings[0]).toContain('API server down');
  });

  it('fails when metrics fail: no empty or stale graph', async () => {
    const err = await rejection(createGraphService({ metrics: createMetricsSource({ PROMETHEUS_URL: 'http://127.0.0.1:1' }), inventory: { inventory: async () => input.inventory } })(query));
    expect((err as AppError).code).toBe('prometheus_unreachable');
  });
});
