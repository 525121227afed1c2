import { createServer, type Server } from 'node:http';
import { gzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, fetchJson, retryUnanswered, withBasePath } from './fetch-json';
import { graphQueryOptions, graphUrl } from './graph';

// A real HTTP server, so status codes, bodies and aborts go through the real fetch.
let server: Server;
let base = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/ok') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ hello: 'mesh' }));
    } else if (url.pathname === '/bad') {
      res
        .writeHead(400, { 'content-type': 'application/json' })
        .end(JSON.stringify({ error: { code: 'bad_request', message: 'duration: too long', parameter: 'duration' } }));
    } else if (url.pathname === '/prom') {
      res.writeHead(503).end(JSON.stringify({ error: { code: 'prometheus_unreachable', message: 'Prometheus did not answer' } }));
    } else if (url.pathname === '/html') {
      res.writeHead(502, { 'content-type': 'text/html' }).end('<html>bad gateway</html>');
    } else if (url.pathname === '/html-ok') {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<html>login</html>');
    } else if (url.pathname === '/negotiated') {
      // The graph route's negotiation: the gzip document only to a caller that asks for it.
      const json = JSON.stringify({ hello: 'mesh', accept: req.headers.accept });
      if (/application\/gzip/.test(req.headers.accept ?? '')) res.writeHead(200, { 'content-type': 'application/gzip' }).end(gzipSync(json));
      else res.writeHead(200, { 'content-type': 'application/json' }).end(json);
    } else if (url.pathname === '/not-gzip') {
      res.writeHead(200, { 'content-type': 'application/gzip' }).end('{"plain":"json"}');
    } else if (url.pathname === '/slow') {
      setTimeout(() => res.writeHead(200).end('{}'), 2_000);
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => {
  server.closeAllConnections();
  server.close();
});

async function rejection(p: Promise<unknown>): Promise<ApiError> {
  const err = await p.then(
    () => new Error('expected a rejection'),
    (e: unknown) => e,
  );
  if (!(err instanceof ApiError)) throw err;
  return err;
}

describe('fetch-json', () => {
  it('returns the parsed body on 2xx', async () => {
    await expect(fetchJson<{ hello: string }>(`${base}/ok`)).resolves.toEqual({ hello: 'mesh' });
  });

  it('turns the error body into a typed ApiError with code, status and parameter', async () => {
    const err = await rejection(fetchJson(`${base}/bad`));
    expect([err.code, err.status, err.parameter, err.message]).toEqual(['bad_request', 400, 'duration', 'duration: too long']);
    const prom = await rejection(fetchJson(`${base}/prom`));
    expect([prom.code, prom.status]).toEqual(['prometheus_unreachable', 503]);
  });

  it('describes a non-JSON error by its status', async () => {
    const err = await rejection(fetchJson(`${base}/html`));
    expect([err.code, err.status]).toEqual(['bad_response', 502]);
  });

  it('rejects a 200 whose body is not JSON (e.g. a login page from a proxy)', async () => {
    const err = await rejection(fetchJson(`${base}/html-ok`));
    expect(err.code).toBe('bad_response');
  });

  it('reports a refused connection as a network error, status 0', async () => {
    const err = await rejection(fetchJson('http://127.0.0.1:1/nothing'));
    expect([err.code, err.status]).toEqual(['network', 0]);
  });

  it('lets an abort through as an AbortError, not an ApiError', async () => {
    const controller = new AbortController();
    const pending = fetchJson(`${base}/slow`, { signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('graphQueryOptions', () => {
  const q = { namespaces: ['reviews', 'bookinfo'], graphType: 'workload' as const, duration: 600, idle: false, waypoints: 'show' as const };

  it('keys on the whole query, namespace order not mattering', () => {
    const a = graphQueryOptions(q).queryKey;
    const b = graphQueryOptions({ ...q, namespaces: ['bookinfo', 'reviews'] }).queryKey;
    expect(a).toEqual(b);
    expect(a[0]).toBe('/api/graph');
    expect(graphQueryOptions({ ...q, duration: 60 }).queryKey).not.toEqual(a);
  });

  it('builds the API URL with every parameter the server reads', () => {
    expect(graphUrl({ ...q, queryTime: 1_700_000_000 })).toBe(
      '/api/graph?namespaces=bookinfo%2Creviews&graphType=workload&duration=600&queryTime=1700000000&idle=false&waypoints=show',
    );
  });

  it('is disabled until a namespace is chosen', () => {
    expect(graphQueryOptions({ ...q, namespaces: [] }).enabled).toBe(false);
  });
});

describe('withBasePath', () => {
  it('prefixes root-relative paths once and leaves absolute URLs alone', () => {
    expect(withBasePath('/api/graph?x=1', '/lens')).toBe('/lens/api/graph?x=1');
    expect(withBasePath('/lens/api/graph', '/lens')).toBe('/lens/api/graph');
    expect(withBasePath('http://h/api', '/lens')).toBe('http://h/api');
    expect(withBasePath('/api/graph', '')).toBe('/api/graph');
  });
});

describe('retryUnanswered', () => {
  it('retries once when the server never answered, never an answered 503 or 504', () => {
    expect(retryUnanswered(0, new ApiError('network', 'down', 0))).toBe(true);
    expect(retryUnanswered(1, new ApiError('network', 'down', 0))).toBe(false);
    expect(retryUnanswered(0, new ApiError('prometheus_unreachable', 'Prometheus did not answer within 8s', 503))).toBe(false);
    expect(retryUnanswered(0, new ApiError('bad_response', 'gateway timeout', 504))).toBe(false);
    expect(retryUnanswered(0, new Error('bug'))).toBe(false);
  });
});

describe('fetchJson with acceptGzip', () => {
  it('inflates a gzip document, and asks for one only when told', async () => {
    expect(await fetchJson(`${base}/negotiated`, { acceptGzip: true })).toEqual({ hello: 'mesh', accept: 'application/gzip, application/json;q=0.9' });
    expect(await fetchJson(`${base}/negotiated`)).toEqual({ hello: 'mesh', accept: 'application/json' });
  });

  it('a gzip document that does not inflate is a bad response, not a crash', async () => {
    const err = await fetchJson(`${base}/not-gzip`, { acceptGzip: true }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe('bad_response');
  });
});
