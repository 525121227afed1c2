// The graph route for bench-scale.ts in a process of its own, so that the RSS measured is the
// server's alone (the simulator and the bench's 100 callers stay in the parent): node:http with
// createDeps' services, PROMETHEUS_RECORDING_RULES as given (off: the raw queries; auto). It also
// answers /__bench/clear (empty the graph cache and the rules probe's memory), /__bench/upstream (Prometheus requests sent so
// far) and /__bench/cpu (the CPU this process has used, ms). Prints one JSON line, { port }, once it listens.
import { createServer } from 'node:http';
import { Readable } from 'node:stream';
import { parseEnv } from '../lib/server/env';
import { createDeps, setDepsForTest } from '../lib/server/deps';
import { createMetricsSource } from '../lib/server/metrics';
import { GET } from '../app/api/graph/route';

async function serve(mode: string | undefined): Promise<number> {
  const e = parseEnv({ PROMETHEUS_URL: process.env.PROMETHEUS_URL, KUBECONFIG: process.env.KUBECONFIG, LOG_LEVEL: 'silent', PROMETHEUS_RECORDING_RULES: mode });
  let upstream = 0;
  // No 5 s query cache: "cold" must reach Prometheus; the shared layer measured is the graph cache.
  const metrics = () => createMetricsSource(e, { cacheTtlMs: 0, fetch: (url, init) => ((upstream += 1), fetch(url, init)) });
  let deps = createDeps(e, { metrics: metrics() });
  await deps.inventory.inventory(); // the Kubernetes cache warm, as in a running server
  const server = createServer(async (req, res) => {
    if (req.url === '/__bench/clear') {
      // An empty graph cache, and a metrics source that has not probed for the recording rules yet
      // (it remembers the answer for a minute): the next request is as cold as a new server's,
      // with the Kubernetes cache kept warm.
      deps = createDeps(e, { metrics: metrics(), auth: deps.auth, logger: deps.logger, kube: deps.kube, inventory: deps.inventory });
      return void res.end('{}');
    }
    if (req.url === '/__bench/upstream') return void res.end(JSON.stringify({ upstream }));
    if (req.url === '/__bench/cpu') {
      const { user, system } = process.cpuUsage();
      return void res.end(JSON.stringify({ ms: (user + system) / 1000 }));
    }
    setDepsForTest(deps);
    // As the browser asks (lib/api-client/fetch-json.ts): the cached gzip document when offered.
    const response = await GET(new Request(`http://bench${req.url}`, { headers: { accept: req.headers.accept ?? 'application/json' } }), {});
    res.writeHead(response.status, Object.fromEntries(response.headers));
    // Streamed out as Next does, without a copy of the whole body per request.
    if (response.body) Readable.fromWeb(response.body as import('node:stream/web').ReadableStream).pipe(res);
    else res.end();
  });
  // Idle keep-alive sockets must outlive the pauses between stages: undici reusing one the server
  // just closed fails the request ("other side closed"), which is the harness, not the server.
  server.keepAliveTimeout = 120_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return (server.address() as { port: number }).port;
}

process.stdout.write(`${JSON.stringify({ port: await serve(process.env.PROMETHEUS_RECORDING_RULES) })}\n`);
