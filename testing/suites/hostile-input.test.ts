import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DNS_LABEL } from '@/lib/graph/kube-names';
import { hostileValues, parameterNames, repeatedParameters } from '@/testing/fixtures/hostile-inputs';
import { apiRoutes, pathOf, SIM_TOKENS, startAppHarness, type ApiRoute, type AppHarness, type Method, type Strategy } from '@/testing/harness/app-routes';

// Every route in app/api (listed from the file system) walked with injection, encoding, size and
// enum cases under each auth strategy: 4xx with a code naming the field (or 401/403/404), never a
// 5xx, never data. Handlers are called directly on the simulated Bookinfo cluster.

let app: AppHarness;
let routes: ApiRoute[];
beforeAll(async () => {
  app = await startAppHarness();
  routes = await apiRoutes();
});
afterAll(() => app?.stop());

const strategies: Strategy[] = ['anonymous', 'token', 'header'];

interface Outcome {
  status: number;
  body: unknown;
}

async function outcome(response: Response): Promise<Outcome> {
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON: judged as text below */
  }
  return { status: response.status, body };
}

/** What every hostile answer must be: a refusal that carries nothing but the error. */
function refusal(o: Outcome, label: string, parameter?: string): string | undefined {
  if (o.status >= 500) return `${label}: ${o.status} ${JSON.stringify(o.body).slice(0, 200)}`;
  if (o.status < 400) return `${label}: answered ${o.status} with data`;
  const body = o.body as { error?: { code?: string; parameter?: string } } | undefined;
  if (!body || typeof body !== 'object' || Object.keys(body).join() !== 'error') return `${label}: ${o.status} body is not just an error: ${JSON.stringify(o.body).slice(0, 200)}`;
  if (o.status === 400 && parameter !== undefined && body.error?.parameter !== parameter) {
    return `${label}: 400 names ${body.error?.parameter ?? 'nothing'}, not ${parameter}`;
  }
  return undefined;
}

const asUser = (strategy: Strategy) => app.as(strategy, SIM_TOKENS.alice);
/** Parameters a route requires, so a hostile value for another one is judged on its own. */
const requiredQuery: Record<string, Record<string, string>> = {
  '/api/graph': { namespaces: 'bookinfo' },
  '/api/graph/sparklines': { namespaces: 'bookinfo' },
  '/api/graph/series': { namespaces: 'bookinfo', node: 'wl:bookinfo:productpage-v1' },
  '/api/authz/check': { from: 'bookinfo/productpage-v1', to: 'bookinfo/reviews-v1' },
};

/** Names the routes take as Kubernetes names: a value that is a valid name (evil, 0x10) is not hostile there. */
const nameParameters = new Set(['namespace', 'namespaces', 'workload', 'name']);
const isHostileFor = (parameter: string, value: string) => !(nameParameters.has(parameter) && DNS_LABEL.test(value));
// The graph's parser is shared with the page URL, where an empty parameter means "the default".
const sharesGraphParser = (route: ApiRoute) => route.path === '/api/graph' || route.path === '/api/graph/sparklines';
const isHostileOn = (route: ApiRoute, value: string) => !(sharesGraphParser(route) && value === '');

const validParams = (route: ApiRoute): Record<string, string> => Object.fromEntries(route.params.map((p) => [p, p === 'namespace' ? 'bookinfo' : 'productpage-v1']));

describe('hostile input on every API route', () => {
  it('finds the routes on the file system', async () => {
    expect(routes.length).toBeGreaterThanOrEqual(18);
    expect(routes.map((r) => r.path)).toContain('/api/ztunnel/logs');
  });

  for (const strategy of strategies) {
    it(`query parameters, under ${strategy}`, async () => {
      app.use(strategy);
      const failures: string[] = [];
      let cases = 0;
      for (const route of routes) {
        const methods = Object.keys(route.handlers).filter((m) => m === 'GET') as Method[];
        for (const method of methods) {
          const params = validParams(route);
          const base = pathOf(route, params);
          for (const name of parameterNames) {
            for (const { name: what, value } of hostileValues.filter((v) => isHostileFor(name, v.value) && isHostileOn(route, v.value))) {
              const url = `${base}?${new URLSearchParams({ ...requiredQuery[route.path], [name]: value })}`;
              const o = await outcome(await app.call(route, method, url, { headers: asUser(strategy), params }));
              cases++;
              const problem = refusal(o, `${strategy} ${method} ${route.path} ${name}=${what}`, o.status === 400 ? name : undefined);
              if (problem) failures.push(problem);
            }
          }
          for (const repeated of repeatedParameters) {
            const o = await outcome(await app.call(route, method, `${base}?${repeated}`, { headers: asUser(strategy), params }));
            cases++;
            const problem = refusal(o, `${strategy} ${method} ${route.path} ${repeated}`, o.status === 400 ? repeated.split('=')[0] : undefined);
            if (problem) failures.push(problem);
          }
        }
      }
      console.info(`hostile query cases under ${strategy}: ${cases}`);
      expect(failures).toEqual([]);
    });

    it(`path parameters, under ${strategy}`, async () => {
      app.use(strategy);
      const failures: string[] = [];
      for (const route of routes.filter((r) => r.params.length > 0)) {
        for (const param of route.params) {
          for (const { name: what, value } of hostileValues.filter((v) => isHostileFor(param, v.value))) {
            // Next hands handlers the decoded segment; the malformed ones arrive as they were typed.
            const params = { ...validParams(route), [param]: value };
            const o = await outcome(await app.call(route, 'GET', pathOf(route, validParams(route)), { headers: asUser(strategy), params }));
            const problem = refusal(o, `${strategy} ${route.path} [${param}]=${what}`, param);
            if (problem) failures.push(problem);
          }
        }
      }
      expect(failures).toEqual([]);
    });
  }

  it('refuses every request without credentials under token and header (401), before any data', async () => {
    const failures: string[] = [];
    for (const strategy of ['token', 'header'] as const) {
      app.use(strategy);
      for (const route of routes.filter((r) => r.handlers.GET && !r.path.startsWith('/api/auth/'))) {
        const params = validParams(route);
        const required = requiredQuery[route.path];
        const query = required ? `?${new URLSearchParams(required)}` : '';
        const o = await outcome(await app.call(route, 'GET', `${pathOf(route, params)}${query}`, { params }));
        if (o.status !== 401) failures.push(`${strategy} ${route.path}: ${o.status}`);
        const problem = refusal(o, `${strategy} ${route.path}`);
        if (problem) failures.push(problem);
      }
    }
    expect(failures).toEqual([]);
  });
});

describe('hostile headers under the header strategy', () => {
  const headerCases: { name: string; headers: Record<string, string>; status: number; parameter?: string }[] = [
    { name: 'a token without the proxy secret', headers: { 'x-forwarded-access-token': SIM_TOKENS.alice }, status: 401 },
    { name: 'a wrong proxy secret', headers: { 'x-forwarded-access-token': SIM_TOKENS.alice, 'x-ambient-lens-proxy-secret': 'guess' }, status: 401 },
    { name: 'a token with a control character', headers: { 'x-forwarded-access-token': 'alice\u0001token', 'x-ambient-lens-proxy-secret': 'hostile-suite-proxy-secret-0123456789ab' }, status: 400, parameter: 'x-forwarded-access-token' },
    { name: 'a token with a space', headers: { authorization: 'Bearer alice token', 'x-ambient-lens-proxy-secret': 'hostile-suite-proxy-secret-0123456789ab' }, status: 400, parameter: 'authorization' },
    { name: 'a token the cluster does not know', headers: { 'x-forwarded-access-token': 'bogus-token', 'x-ambient-lens-proxy-secret': 'hostile-suite-proxy-secret-0123456789ab' }, status: 401 },
  ];
  for (const c of headerCases) {
    it(`${c.name}: ${c.status}`, async () => {
      app.use('header');
      const route = routes.find((r) => r.path === '/api/namespaces');
      if (!route) throw new Error('no /api/namespaces');
      const o = await outcome(await app.call(route, 'GET', '/api/namespaces', { headers: c.headers }));
      expect(o.status).toBe(c.status);
      expect(refusal(o, c.name, c.parameter)).toBeUndefined();
    });
  }
});
