import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import { KubeLayerError } from '@/lib/kube/errors';
import { MetricsError } from '@/lib/prometheus/errors';
import { createDeps, setDepsForTest } from './deps';
import { parseEnv } from './env';
import { route } from './route';

// Every route maps every expected error the same way, whatever the handler forgot to wrap.

afterEach(() => setDepsForTest(undefined));

async function answer(thrown: unknown): Promise<{ status: number; body: unknown }> {
  setDepsForTest(createDeps(parseEnv({ LOG_LEVEL: 'silent' })));
  const handler = route('test', async () => {
    throw thrown;
  });
  const response = await handler(new Request('http://pod/api/test'), {});
  return { status: response.status, body: await response.json() };
}

describe('route() error mapping', () => {
  it.each([
    [new MetricsError('prometheus_unreachable', 'Prometheus did not answer'), 503, 'prometheus_unreachable'],
    [new MetricsError('prometheus_error', 'Prometheus answered 422'), 502, 'prometheus_error'],
    [new KubeLayerError('kubernetes_unreachable', 'API server down'), 503, 'kubernetes_unreachable'],
    [new KubeLayerError('not_found', 'No workload bookinfo/reviews'), 404, 'not_found'],
    [new KubeLayerError('unsupported_ztunnel_config', 'config_dump version 2'), 502, 'unsupported_ztunnel_config'],
    [new AppError('forbidden', 'No access to namespace legacy', 'namespaces'), 403, 'forbidden'],
  ])('%s answers %i %s', async (thrown, status, code) => {
    const r = await answer(thrown);
    expect(r.status).toBe(status);
    expect(r.body).toMatchObject({ error: { code, message: (thrown as Error).message } });
  });

  it('anything else is a 500 that leaks no detail', async () => {
    const r = await answer(new TypeError('cannot read properties of undefined (secret-ish detail)'));
    expect(r).toEqual({ status: 500, body: { error: { code: 'internal', message: 'Internal error' } } });
  });

  it('hands the handler the services from the composition root', async () => {
    const services = createDeps(parseEnv({ LOG_LEVEL: 'silent', AUTH_STRATEGY: 'anonymous' }));
    setDepsForTest(services);
    const handler = route('test', async (_request, _context, given) => Response.json({ same: given === services }));
    expect(await (await handler(new Request('http://pod/api/test'), {})).json()).toEqual({ same: true });
  });

  it('counts a request the client closed as 499, not as an unhandled error', async () => {
    const lines: string[] = [];
    const services = createDeps(parseEnv({ LOG_LEVEL: 'debug' }));
    const record = (level: string) => (message: string) => void lines.push(`${level} ${message}`);
    setDepsForTest({ ...services, logger: { debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error') } });
    const controller = new AbortController();
    const handler = route('test', async (request) => {
      controller.abort();
      throw request.signal.reason;
    });
    const response = await handler(new Request('http://pod/api/test', { signal: controller.signal }), {});
    expect(response.status).toBe(499);
    expect(lines).toEqual(['info client closed request']);
  });
});
