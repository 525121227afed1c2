import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { createPrometheusClient, lowestTimestamp, parseRetention } from './client';
import { MetricsError } from './errors';

// Real HTTP(S) servers on 127.0.0.1 stand in for Prometheus' answers, good and bad.

type Handler = (req: IncomingMessage, body: string, res: ServerResponse) => void;
let handler: Handler = (_req, _body, res) => res.end();
const requests: { url: string; headers: IncomingMessage['headers']; body: string }[] = [];

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`127.0.0.1:${(server.address() as AddressInfo).port}`)));
}
const onRequest = (req: IncomingMessage, res: ServerResponse) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    requests.push({ url: req.url ?? '', headers: req.headers, body });
    handler(req, body, res);
  });
};

const vector = { status: 'success', data: { resultType: 'vector', result: [{ metric: { source_workload: 'a' }, value: [1, '2.5'] }] } };
let http: Server;
let httpBase = '';
let tls: Server;
let tlsBase = '';
let certDir = '';

beforeAll(async () => {
  http = createServer(onRequest);
  httpBase = `http://${await listen(http)}`;
  certDir = mkdtempSync(join(tmpdir(), 'prom-ca-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(certDir, 'key.pem'), '-out', join(certDir, 'cert.pem'),
    '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
  tls = createHttpsServer({ key: readFileSync(join(certDir, 'key.pem')), cert: readFileSync(join(certDir, 'cert.pem')) }, onRequest);
  tlsBase = `https://${await listen(tls)}`;
});

afterAll(() => {
  http.closeAllConnections();
  http.close();
  tls.close();
  rmSync(certDir, { recursive: true, force: true });
});

const json = (status: number, body: unknown) => (_req: IncomingMessage, _b: string, res: ServerResponse) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};
const failure = async (p: Promise<unknown>) => {
  const err = await p.then(() => undefined, (e: unknown) => e);
  if (!(err instanceof MetricsError)) throw new Error(`expected a MetricsError, got ${String(err)}`);
  return err;
};

describe('createPrometheusClient', () => {
  it('POSTs the query form with headers and a token read per request', async () => {
    handler = json(200, vector);
    let n = 0;
    const client = createPrometheusClient({ baseUrl: `${httpBase}/prom/`, headers: { 'X-Scope-OrgID': 'tenant-a' }, token: () => `token-${++n}` });
    expect(await client.query('up{job="x"}', 1_700_000_000)).toEqual(vector.data.result);
    await client.query('up', 1);
    const [first, second] = requests.slice(-2);
    expect(first?.url).toBe('/prom/api/v1/query');
    expect(Object.fromEntries(new URLSearchParams(first?.body))).toMatchObject({ query: 'up{job="x"}', time: '1700000000' });
    expect(first?.headers['x-scope-orgid']).toBe('tenant-a');
    expect([first?.headers.authorization, second?.headers.authorization]).toEqual(['Bearer token-1', 'Bearer token-2']);
  });

  it('POSTs a range query to query_range and returns the matrix; a vector answer is refused', async () => {
    const matrix = { status: 'success', data: { resultType: 'matrix', result: [{ metric: { source_workload: 'a' }, values: [[100, '1'], [115, '2']] }] } };
    handler = json(200, matrix);
    const client = createPrometheusClient({ baseUrl: httpBase });
    expect(await client.queryRange('rate(x[1m])', { start: 100, end: 115, step: 15 })).toEqual(matrix.data.result);
    const last = requests.at(-1);
    expect(last?.url).toBe('/api/v1/query_range');
    expect(Object.fromEntries(new URLSearchParams(last?.body))).toMatchObject({ query: 'rate(x[1m])', start: '100', end: '115', step: '15' });
    handler = json(200, vector);
    expect((await failure(client.queryRange('x', { start: 1, end: 2, step: 1 }))).code).toBe('prometheus_error');
  });

  it('reports a rejected query as prometheus_error with Prometheus\' reason', async () => {
    handler = json(400, { status: 'error', errorType: 'bad_data', error: 'parse error at char 3' });
    const err = await failure(createPrometheusClient({ baseUrl: httpBase }).query('up{', 1));
    expect(err.code).toBe('prometheus_error');
    expect(err.message).toContain('parse error at char 3');
  });

  it('refuses answers that are not an instant vector', async () => {
    handler = json(200, { status: 'success', data: { resultType: 'matrix', result: [] } });
    expect((await failure(createPrometheusClient({ baseUrl: httpBase }).query('up[5m]', 1))).code).toBe('prometheus_error');
    handler = json(200, { status: 'success', data: { resultType: 'vector', result: [{ metric: {}, value: [1] }] } });
    expect((await failure(createPrometheusClient({ baseUrl: httpBase }).query('up', 1))).code).toBe('prometheus_error');
    handler = (_r, _b, res) => res.writeHead(401).end('Unauthorized');
    expect((await failure(createPrometheusClient({ baseUrl: httpBase }).query('up', 1))).message).toContain('credentials');
  });

  it('reads an answer as columns of the named labels: in place in Prometheus\'s layout, else as JSON, with the same checks', async () => {
    const result = [{ metric: { edge: 'a\u007fb', source_workload_namespace: 'x' }, value: [1, '2.5'] }, { metric: {}, value: [1, '1'] }];
    const client = createPrometheusClient({ baseUrl: httpBase, limits: { maxBytes: 1 << 20, maxSeries: 2 } });
    const expected = { labels: [['a\u007fb', '']], values: [2.5, 1] };
    handler = (_r, _b, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'success', data: { resultType: 'vector', result } }));
    expect(await client.queryColumns?.('x', 1, ['edge'])).toEqual(expected);
    // A query front-end's layout (whitespace, warnings): read as JSON, same columns.
    handler = (_r, _b, res) => res.writeHead(200).end(JSON.stringify({ status: 'success', warnings: ['w'], data: { resultType: 'vector', result } }, null, 1));
    expect(await client.queryColumns?.('x', 1, ['edge'])).toEqual(expected);
    handler = json(400, { status: 'error', errorType: 'bad_data', error: 'parse error at char 3' });
    expect((await failure(client.queryColumns!('x', 1, ['edge']))).message).toContain('parse error at char 3');
    handler = json(200, { status: 'success', data: { resultType: 'vector', result: [{ metric: {}, value: [1] }] } });
    expect((await failure(client.queryColumns!('x', 1, ['edge']))).code).toBe('prometheus_error');
    handler = json(200, { status: 'success', data: { resultType: 'vector', result: [...result, ...result] } });
    expect((await failure(client.queryColumns!('x', 1, ['edge']))).code).toBe('prometheus_answer_too_large');
  });

  it('treats a proxy\'s 503 page, a closed port and a silent server as unreachable', async () => {
    handler = (_r, _b, res) => res.writeHead(503).end('<html>upstream down</html>');
    expect((await failure(createPrometheusClient({ baseUrl: httpBase }).query('up', 1))).code).toBe('prometheus_unreachable');

    const closed = createServer();
    const addr = await listen(closed);
    closed.close();
    expect((await failure(createPrometheusClient({ baseUrl: `http://${addr}` }).query('up', 1))).code).toBe('prometheus_unreachable');

    handler = () => undefined; // never answers
    const started = Date.now();
    const err = await failure(createPrometheusClient({ baseUrl: httpBase, timeoutMs: 300 }).query('up', 1));
    expect(err.code).toBe('prometheus_unreachable');
    expect(err.message).toContain('did not answer');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('passes a caller\'s abort through as an abort, not as a Prometheus failure', async () => {
    handler = () => undefined;
    const controller = new AbortController();
    const pending = createPrometheusClient({ baseUrl: httpBase }).query('up', 1, controller.signal);
    setTimeout(() => controller.abort(new DOMException('gone', 'AbortError')), 50);
    const err = await pending.then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(DOMException);
  });

  it('trusts PROMETHEUS_CA_FILE for HTTPS, and decompresses gzip', async () => {
    handler = (_req, _b, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      res.end(gzipSync(JSON.stringify(vector)));
    };
    const trusted = createPrometheusClient({ baseUrl: tlsBase, caFile: join(certDir, 'cert.pem'), token: 'abc' });
    expect(await trusted.query('up', 1)).toEqual(vector.data.result);
    expect(requests.at(-1)?.headers.authorization).toBe('Bearer abc');
    const untrusted = await failure(createPrometheusClient({ baseUrl: tlsBase }).query('up', 1));
    expect(untrusted.code).toBe('prometheus_unreachable');
  });
});

describe('parseRetention', () => {
  it.each([
    ['15d', 15 * 86400],
    ['1y2w', 365 * 86400 + 14 * 86400],
    ['10GiB or 30d', 30 * 86400],
    ['10GiB', undefined],
    ['0s', undefined],
  ])('%s -> %s seconds', (text, seconds) => expect(parseRetention(text)).toBe(seconds));
});

describe('lowestTimestamp', () => {
  it("reads Prometheus' own gauge of its oldest sample", () => {
    const text = '# HELP prometheus_tsdb_lowest_timestamp_seconds Lowest timestamp value stored in the database.\n# TYPE prometheus_tsdb_lowest_timestamp_seconds gauge\nprometheus_tsdb_lowest_timestamp_seconds 1.795803664e+09\nprometheus_tsdb_lowest_timestamp 1.795803664e+12\n';
    expect(lowestTimestamp(text)).toBe(1_795_803_664);
  });
  it('an empty TSDB (MaxInt64 ms) or another server (no gauge) gives no answer', () => {
    expect(lowestTimestamp('prometheus_tsdb_lowest_timestamp_seconds 9.223372036854776e+15\n')).toBeUndefined();
    expect(lowestTimestamp('thanos_build_info{version="0.36"} 1\n')).toBeUndefined();
    expect(lowestTimestamp('prometheus_tsdb_lowest_timestamp_seconds_other 5\n')).toBeUndefined();
  });
});
