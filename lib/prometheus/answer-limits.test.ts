import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPrometheusClient } from './client';
import { MetricsError } from './errors';
import { checkVector } from './to-samples';

// Oversized answers from a real HTTP server: cut off at the byte cap (even without a
// Content-Length, while streaming) or refused past the series cap, as 502 prometheus_answer_too_large.

let answer: (res: ServerResponse) => void = (res) => res.end();
let server: Server;
let base = '';
let bytesSent = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => answer(res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => server.close());

const series = (n: number) => Array.from({ length: n }, (_, i) => ({ metric: { source_workload: `w${i}` }, value: [1, '1'] }));
const success = (result: unknown) => JSON.stringify({ status: 'success', data: { resultType: 'vector', result } });
const failure = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e);

describe('Prometheus answer caps', () => {
  it('stops reading a streamed answer past maxBytes', async () => {
    bytesSent = 0;
    answer = (res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"status":"success","data":{"resultType":"vector","result":[');
      // 64 KiB chunks until the client hangs up (capped at 8 MiB so a broken cap cannot hang the test).
      const chunk = `${JSON.stringify({ metric: { a: 'x'.repeat(65_000) }, value: [1, '1'] })},`;
      const pump = () => {
        while (bytesSent < 8 * 1024 * 1024 && !res.destroyed) {
          bytesSent += chunk.length;
          if (!res.write(chunk)) return res.once('drain', pump);
        }
        res.end(']}}');
      };
      pump();
    };
    const client = createPrometheusClient({ baseUrl: base, limits: { maxBytes: 256 * 1024, maxSeries: 1000 } });
    const err = await failure(client.query('up', 1));
    expect(err).toBeInstanceOf(MetricsError);
    expect((err as MetricsError).code).toBe('prometheus_answer_too_large');
    expect((err as MetricsError).message).toContain('PROMETHEUS_MAX_ANSWER_BYTES');
    expect(bytesSent).toBeLessThan(8 * 1024 * 1024);
  });

  it('refuses a declared Content-Length past maxBytes before reading it', async () => {
    const body = success(series(2000));
    answer = (res) => res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);
    const client = createPrometheusClient({ baseUrl: base, limits: { maxBytes: 1024, maxSeries: 1_000_000 } });
    expect(await failure(client.query('up', 1))).toMatchObject({ code: 'prometheus_answer_too_large' });
  });

  it('refuses more series than maxSeries, and reads an answer within both caps', async () => {
    answer = (res) => res.writeHead(200, { 'content-type': 'application/json' }).end(success(series(101)));
    const client = createPrometheusClient({ baseUrl: base, limits: { maxBytes: 1024 * 1024, maxSeries: 100 } });
    const err = await failure(client.query('up', 1));
    expect(err).toMatchObject({ code: 'prometheus_answer_too_large' });
    expect((err as Error).message).toContain('101 series');
    answer = (res) => res.writeHead(200, { 'content-type': 'application/json' }).end(success(series(100)));
    expect(await client.query('up', 1)).toHaveLength(100);
  });
});

describe('checkVector', () => {
  it('accepts the instant-vector shape and returns the same array', () => {
    const v = series(3);
    expect(checkVector(v)).toBe(v);
    expect(checkVector([])).toEqual([]);
  });
  it.each([
    ['not an array', { result: [] }],
    ['an element that is not an object', [1]],
    ['a null element', [null]],
    ['metric missing', [{ value: [1, '1'] }]],
    ['metric an array', [{ metric: [], value: [1, '1'] }]],
    ['a label that is not a string', [{ metric: { a: 1 }, value: [1, '1'] }]],
    ['value with three items', [{ metric: {}, value: [1, '1', 2] }]],
    ['value as numbers', [{ metric: {}, value: [1, 1] }]],
    ['timestamp as a string', [{ metric: {}, value: ['1', '1'] }]],
  ])('rejects %s', (_why, input) => {
    expect(checkVector(input)).toBeUndefined();
  });
});
