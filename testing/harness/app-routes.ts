// Every API route of the app, found on the file system (so a new route is covered without editing
// a list), and a way to call its handlers directly with a composition root built on the simulated
// Bookinfo cluster (sim/index.ts) and its metrics, under each auth strategy.
import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { SESSION_COOKIE } from '@/lib/auth/cookies';
import { deriveKey, newSession, seal } from '@/lib/auth/session';
import { KubeLayer } from '@/lib/kube/layer';
import { createDeps, setDepsForTest, type Deps } from '@/lib/server/deps';
import { parseEnv } from '@/lib/server/env';
import { createLogger } from '@/lib/server/logger';
import { startSimulator, type Simulator } from '@/sim/index';

const ROOT = join(import.meta.dirname, '..', '..');
const API_DIR = join(ROOT, 'app', 'api');

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
const METHODS: Method[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

export interface ApiRoute {
  /** "/api/workloads/[namespace]/[name]" */
  path: string;
  /** Dynamic segments, in order. */
  params: string[];
  handlers: Partial<Record<Method, Handler>>;
}

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return routeFiles(full);
    return name === 'route.ts' ? [full] : [];
  });
}

/** Every app/api route module with the methods it exports. */
export async function apiRoutes(): Promise<ApiRoute[]> {
  const routes: ApiRoute[] = [];
  for (const file of routeFiles(API_DIR).sort()) {
    const path = '/' + relative(join(ROOT, 'app'), file).split(sep).slice(0, -1).join('/');
    const mod = (await import(file)) as Partial<Record<Method, Handler>>;
    const handlers: Partial<Record<Method, Handler>> = {};
    for (const m of METHODS) if (typeof mod[m] === 'function') handlers[m] = mod[m];
    routes.push({ path, params: [...path.matchAll(/\[([^\]]+)\]/g)].map((m) => m[1] ?? ''), handlers });
  }
  return routes;
}

export type Strategy = 'anonymous' | 'token' | 'header';

export const SESSION_SECRET = 'hostile-suite-session-secret-0123456789';
export const PROXY_SECRET = 'hostile-suite-proxy-secret-0123456789ab';

/** The simulator's users (sim/mesh/users.ts): alice reads bookinfo, bob reads legacy. */
export const SIM_TOKENS = { alice: 'alice-token', bob: 'bob-token' } as const;

export interface AppHarness {
  sim: Simulator;
  layer: KubeLayer;
  /** Installs the composition root for a strategy (setDepsForTest). */
  use(strategy: Strategy): Deps;
  /** The headers that make a request come from this user under the current strategy. */
  as(strategy: Strategy, token: string | undefined): Record<string, string>;
  /** Calls one handler as Next would. */
  call(route: ApiRoute, method: Method, url: string, init?: { headers?: Record<string, string>; body?: BodyInit; params?: Record<string, string> }): Promise<Response>;
  stop(): Promise<void>;
}

export async function startAppHarness(): Promise<AppHarness> {
  const sim = await startSimulator({ scenario: 'bookinfo' });
  const kc = new KubeConfig();
  kc.loadFromFile(sim.kubeconfigPath);
  const layer = new KubeLayer(kc, { reflector: { minBackoffMs: 50, maxBackoffMs: 500, recheckMs: 500, watchTimeoutSeconds: 600 } });
  const logger = createLogger('silent');
  const deps = new Map<Strategy, Deps>();
  const build = (strategy: Strategy): Deps =>
    createDeps(
      parseEnv({
        LOG_LEVEL: 'silent',
        AUTH_STRATEGY: strategy,
        KUBECONFIG: sim.kubeconfigPath,
        SIMULATOR_METRICS_URL: sim.httpUrl,
        ...(strategy === 'anonymous' ? {} : { SESSION_SECRET }),
        ...(strategy === 'header' ? { AUTH_HEADER_SECRET: PROXY_SECRET } : {}),
        TRUST_FORWARDED_HEADERS: 'true',
        NAMESPACE_ACCESS_TTL_SECONDS: '600',
      }),
      { logger, kube: () => layer },
    );
  const sessionKey = deriveKey(SESSION_SECRET, 'session');
  return {
    sim,
    layer,
    use(strategy) {
      const d = deps.get(strategy) ?? build(strategy);
      deps.set(strategy, d);
      setDepsForTest(d);
      return d;
    },
    as(strategy, token): Record<string, string> {
      if (strategy === 'anonymous' || token === undefined) return {};
      if (strategy === 'header') return { 'x-forwarded-access-token': token, 'x-ambient-lens-proxy-secret': PROXY_SECRET };
      const user = token === SIM_TOKENS.alice ? 'alice' : token === SIM_TOKENS.bob ? 'bob' : 'admin';
      const sealed = seal(newSession({ name: user, groups: ['system:authenticated'] }, 'token', token, 3600), sessionKey);
      return { cookie: `${SESSION_COOKIE}=${sealed}` };
    },
    async call(route, method, url, init = {}) {
      const handler = route.handlers[method];
      if (!handler) throw new Error(`${route.path} has no ${method}`);
      const request = new Request(new URL(url, 'http://ambient-lens.test'), { method, headers: init.headers ?? {}, ...(init.body !== undefined ? { body: init.body } : {}) });
      return handler(request, { params: Promise.resolve(init.params ?? {}) });
    },
    async stop() {
      setDepsForTest(undefined);
      layer.stop();
      await sim.stop();
    },
  };
}

/** A route's concrete path with its dynamic segments filled in. */
export function pathOf(route: ApiRoute, params: Record<string, string>): string {
  return route.path.replace(/\[([^\]]+)\]/g, (_m, name: string) => encodeURIComponent(params[name] ?? 'x'));
}
