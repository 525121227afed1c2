import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { gunzipSync } from 'node:zlib';
import { GET as graphRoute } from '@/app/api/graph/route';
import { GET as namespacesRoute } from '@/app/api/namespaces/route';
import { GET as readyzRoute } from '@/app/readyz/route';
import { writeKubeconfig } from '@/sim/kube-api/kubeconfig';
import { startSimulator, type Simulator } from '@/sim/index';
import { startPrometheus, type RunningPrometheus } from '@/scripts/prometheus';
import { namespaceObject, typeKeys } from '@/testing/fixtures/clusters';
import { closedPort, startFaultyPrometheus, type FaultyPrometheus, type PrometheusFault } from '@/testing/harness/faulty-prometheus';
import { createDeps, setDepsForTest, type Deps } from '@/lib/server/deps';
import { parseEnv } from '@/lib/server/env';

// Faults against real parts: the simulated cluster, a real Prometheus over its history, and a local
// server playing a Prometheus that refuses, hangs, fails or answers garbage. Each case asserts the
// status, the message and a bound on the time to answer: failing fast is a correctness property
// (the page must say what is wrong within 10 s), not a benchmark.

let sim: Simulator;
let prom: RunningPrometheus;
let dir: string;
const built: Deps[] = [];
const faulty: FaultyPrometheus[] = [];
/** Other listeners a case started, closed after it. */
const closers: (() => Promise<void>)[] = [];

beforeAll(async () => {
  const now = Math.floor(Date.now() / 1000);
  sim = await startSimulator({ scenario: 'bookinfo', profile: 'constant' });
  prom = await startPrometheus({ simulator: sim, historyStart: now - 3600, historyEnd: now, step: 15 });
  dir = mkdtempSync(join(tmpdir(), 'faults-'));
}, 180_000);

afterEach(async () => {
  for (const services of built.splice(0)) {
    try {
      services.kube().stop();
    } catch {
      // no cluster configured in this case: nothing was started
    }
  }
  for (const f of faulty.splice(0)) await f.close();
  for (const close of closers.splice(0)) await close();
  setDepsForTest(undefined);
});

afterAll(async () => {
  await prom?.stop();
  await sim?.stop();
  rmSync(dir, { recursive: true, force: true });
});

function install(env: Record<string, string>): Deps {
  const services = createDeps(parseEnv({ LOG_LEVEL: 'silent', KUBECONFIG: sim.kubeconfigPath, ZTUNNEL_NAMESPACE: 'ztunnel', ...env }));
  built.push(services);
  setDepsForTest(services);
  return services;
}

async function fault(kind: PrometheusFault): Promise<FaultyPrometheus> {
  const f = await startFaultyPrometheus(kind);
  faulty.push(f);
  return f;
}

interface Answer {
  status: number;
  code?: string;
  message?: string;
  parameter?: string;
  body: unknown;
  ms: number;
}

type Handler = (request: Request, context: object) => Promise<Response>;

async function ask(handler: Handler, path: string, init: RequestInit = {}): Promise<Answer> {
  const started = performance.now();
  const response = await handler(new Request(`http://lens.local${path}`, init), {});
  const ms = performance.now() - started;
  const text = await response.text();
  const body: unknown = text ? JSON.parse(text) : undefined;
  const error = (body as { error?: { code: string; message: string; parameter?: string } } | undefined)?.error;
  return { status: response.status, code: error?.code, message: error?.message, parameter: error?.parameter, body, ms };
}

const graph = (query = 'namespaces=bookinfo') => ask(graphRoute, `/api/graph?${query}`);

describe('Prometheus faults: the graph says what is wrong, quickly', () => {
  it('answers from the real Prometheus when nothing is wrong', async () => {
    install({ PROMETHEUS_URL: prom.url });
    const r = await graph();
    expect(r.status).toBe(200);
    expect((r.body as { nodes: unknown[] }).nodes.length).toBeGreaterThan(3);
    expect(r.ms).toBeLessThan(5000);
  });

  it('serves a repeat from the shared cache as plain JSON (Next compresses it; a pre-gzipped body would be gzipped twice)', async () => {
    const services = install({ PROMETHEUS_URL: prom.url });
    const plain = await graph();
    const response = await graphRoute(new Request('http://lens.local/api/graph?namespaces=bookinfo', { headers: { 'accept-encoding': 'gzip, br' } }), {});
    expect(response.headers.get('content-encoding')).toBeNull();
    const body: unknown = await response.json();
    expect(body).toEqual(plain.body);
    expect((services.graphAnswers as { stats?: { builds: number } }).stats?.builds).toBe(1);
    // The console's own client takes the cached bytes as a gzip document (Next does not touch it).
    const zipped = await graphRoute(new Request('http://lens.local/api/graph?namespaces=bookinfo', { headers: { accept: 'application/gzip, application/json;q=0.9' } }), {});
    expect(zipped.headers.get('content-type')).toBe('application/gzip');
    expect(zipped.headers.get('vary')).toBe('accept');
    expect(JSON.parse(gunzipSync(Buffer.from(await zipped.arrayBuffer())).toString('utf8'))).toEqual(plain.body);
    // A wildcard is not a request for it.
    const wildcard = await graphRoute(new Request('http://lens.local/api/graph?namespaces=bookinfo', { headers: { accept: '*/*' } }), {});
    expect(wildcard.headers.get('content-type')).toBe('application/json');
    expect((services.graphAnswers as { stats?: { builds: number } }).stats?.builds).toBe(1);
  });

  it('refused: 503 prometheus_unreachable at once', async () => {
    install({ PROMETHEUS_URL: `http://127.0.0.1:${await closedPort()}` });
    const r = await graph();
    expect([r.status, r.code]).toEqual([503, 'prometheus_unreachable']);
    expect(r.message).toMatch(/Prometheus is unreachable at .*ECONNREFUSED/);
    expect(r.ms).toBeLessThan(2000);
  });

  it('hanging: 503 naming the timeout, within 10 s with the default PROMETHEUS_TIMEOUT_SECONDS', async () => {
    install({ PROMETHEUS_URL: (await fault('hang')).url });
    const r = await graph();
    expect([r.status, r.code]).toEqual([503, 'prometheus_unreachable']);
    expect(r.message).toBe('Prometheus did not answer within 8s');
    expect(r.ms).toBeGreaterThan(7500);
    expect(r.ms).toBeLessThan(10_000);
  }, 20_000);

  it("5xx: a proxy's 503 page is unreachable (503), Prometheus' own 500 an error (502), both at once", async () => {
    install({ PROMETHEUS_URL: (await fault('proxy-503')).url });
    const proxy = await graph();
    expect([proxy.status, proxy.code]).toEqual([503, 'prometheus_unreachable']);
    expect(proxy.message).toMatch(/unavailable \(HTTP 503\)/);
    expect(proxy.ms).toBeLessThan(2000);

    install({ PROMETHEUS_URL: (await fault('error-500')).url });
    const own = await graph();
    expect([own.status, own.code]).toEqual([502, 'prometheus_error']);
    expect(own.message).toMatch(/tsdb closed/);
    expect(own.ms).toBeLessThan(2000);
  });

  it('malformed: 502 prometheus_error at once, and /readyz does not call it healthy', async () => {
    const garbage = await fault('malformed');
    install({ PROMETHEUS_URL: garbage.url });
    const r = await graph();
    expect([r.status, r.code]).toEqual([502, 'prometheus_error']);
    expect(r.message).toMatch(/not its API's JSON/);
    expect(r.ms).toBeLessThan(2000);

    const ready = await ask(readyzRoute, '/readyz');
    expect(ready.body).toEqual({ status: 'degraded', checks: { kubernetes: { ok: true }, prometheus: { ok: false } } });
    // Probes are not logged in: no internal address in the answer.
    expect(JSON.stringify(ready.body)).not.toContain('127.0.0.1');
  });

  it('an answer past PROMETHEUS_MAX_SERIES or PROMETHEUS_MAX_ANSWER_BYTES: 502 prometheus_answer_too_large naming the setting', async () => {
    install({ PROMETHEUS_URL: prom.url, PROMETHEUS_MAX_SERIES: '1' });
    const series = await graph();
    expect([series.status, series.code]).toEqual([502, 'prometheus_answer_too_large']);
    expect(series.message).toMatch(/PROMETHEUS_MAX_SERIES=1\b/);
    install({ PROMETHEUS_URL: prom.url, PROMETHEUS_MAX_ANSWER_BYTES: '1024' });
    const bytes = await graph();
    expect([bytes.status, bytes.code]).toEqual([502, 'prometheus_answer_too_large']);
    expect(bytes.message).toMatch(/PROMETHEUS_MAX_ANSWER_BYTES=1024\b/);
  });

  it('queryTime before the oldest sample Prometheus holds: 400 naming queryTime and that time, at once', async () => {
    install({ PROMETHEUS_URL: prom.url });
    const r = await graph('namespaces=bookinfo&queryTime=1');
    expect([r.status, r.code, r.parameter]).toEqual([400, 'bad_request', 'queryTime']);
    expect(r.message).toMatch(/^queryTime: the window ends before the oldest sample Prometheus holds \(\d{4}-/);
    expect(r.ms).toBeLessThan(2000);
  });
});

describe('client disconnects', () => {
  it('a graph request aborted after 0.3 s is a 499 and lets go of its Prometheus sockets', { timeout: 20_000 }, async () => {
    const hanging = await fault('hang');
    install({ PROMETHEUS_URL: hanging.url, PROMETHEUS_TIMEOUT_SECONDS: '30' });
    const controller = new AbortController();
    const pending = ask(graphRoute, '/api/graph?namespaces=bookinfo', { signal: controller.signal });
    // Aborted 0.3 s after its queries reached Prometheus (the first request also waits for the cache's sync).
    const reached = Date.now() + 5000;
    while (hanging.requests() === 0 && Date.now() < reached) await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, 300));
    expect(hanging.openSockets()).toBeGreaterThan(0);
    controller.abort();
    const abortedAt = performance.now();
    const r = await pending;
    expect(r.status).toBe(499);
    expect(performance.now() - abortedAt).toBeLessThan(1000);
    // Node's fetch (undici) lets go of an aborted socket at once or on its next 4 s keep-alive sweep;
    // without the abort reaching it, each socket stayed until the 30 s timeout.
    const deadline = Date.now() + 6000;
    while (hanging.openSockets() > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(hanging.openSockets()).toBe(0);
  });
});

describe('Kubernetes faults', () => {
  async function kubeconfigAt(url: string): Promise<string> {
    const path = join(dir, `kubeconfig-${Math.random().toString(36).slice(2)}`);
    await writeKubeconfig(path, { server: url, caPem: sim.caPem }, 'any-token');
    return path;
  }

  it('API down at start: 503 kubernetes_unreachable at once, and again at once', async () => {
    install({ PROMETHEUS_URL: prom.url, KUBECONFIG: await kubeconfigAt(`https://127.0.0.1:${await closedPort()}`) });
    const first = await ask(namespacesRoute, '/api/namespaces');
    expect([first.status, first.code]).toEqual([503, 'kubernetes_unreachable']);
    expect(first.message).toMatch(/^Kubernetes cache not synced: (\d+) of \1 resources not listed \(namespaces, pods, services, \.\.\.\): Kubernetes API not reachable: .*ECONNREFUSED/);
    expect(first.ms).toBeLessThan(2000);
    const again = await ask(namespacesRoute, '/api/namespaces');
    expect(again.status).toBe(503);
    expect(again.ms).toBeLessThan(500);
  });

  it('API hanging at start: the first request waits at most the first sync deadline, the next fails at once', async () => {
    // A TCP listener that never answers: the TLS handshake itself hangs, as with a wedged API server.
    const sockets = new Set<Socket>();
    const silent = createServer((socket) => void sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    closers.push(() => new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      silent.close(() => resolve());
    }));
    const port = (silent.address() as AddressInfo).port;
    install({ PROMETHEUS_URL: prom.url, KUBECONFIG: await kubeconfigAt(`https://127.0.0.1:${port}`) });
    const first = await ask(namespacesRoute, '/api/namespaces');
    expect([first.status, first.code]).toEqual([503, 'kubernetes_unreachable']);
    expect(first.message).toMatch(/Kubernetes cache not synced \d+ s after starting: waiting for namespaces/);
    expect(first.ms).toBeLessThan(10_000);
    const again = await ask(namespacesRoute, '/api/namespaces');
    expect(again.status).toBe(503);
    expect(again.ms).toBeLessThan(500);
  }, 20_000);

  it('cut mid-watch: the informer resumes and serves what changed meanwhile', async () => {
    install({ PROMETHEUS_URL: prom.url });
    expect((await ask(namespacesRoute, '/api/namespaces')).status).toBe(200);
    sim.dropWatches();
    sim.store.upsert(typeKeys.namespaces, namespaceObject('arrived-after-cut'));
    const started = performance.now();
    let names: string[] = [];
    while (!names.includes('arrived-after-cut') && performance.now() - started < 5000) {
      const r = await ask(namespacesRoute, '/api/namespaces');
      expect(r.status).toBe(200);
      names = (r.body as { namespaces: { name: string }[] }).namespaces.map((n) => n.name);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(names).toContain('arrived-after-cut');
    expect(performance.now() - started).toBeLessThan(5000);
  });
});
