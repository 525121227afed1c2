// The one test harness around the simulated Kubernetes API server (sim/kube-api): a store a fixture
// fills (testing/fixtures/clusters.ts), four users, the pod logs and ztunnel admin answers a test
// sets, and a record of what the server was asked. Tests reach it through @kubernetes/client-node
// over TLS (verifying the server against the CA it made), as the app does; `fetch` does the same for
// raw protocol checks. The full simulator (mesh, traffic, /sim/*) is sim/index.ts instead.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { KubeConfig } from '@kubernetes/client-node';
import type { ForwardedRequest, ForwardedResponse, MeshHooks, PodLogOptions, SimUser } from '@/sim/contracts';
import { createKubeApiServer, kubeconfigYaml, standardResourceTypes, type KubeApiServer } from '@/sim/kube-api';
import { ObjectStore } from '@/sim/store';

/** Bearer tokens of the harness's users. */
export const TOKENS = { admin: 'admin-token', alice: 'alice-token', bob: 'bob-token', dev: 'dev-token' } as const;

// admin sees everything; alice and dev only bookinfo; bob only legacy (as sim/index.ts's users).
const users: Record<string, SimUser> = {
  [TOKENS.admin]: { username: 'kubernetes-admin', groups: ['system:masters'], namespaces: '*' },
  [TOKENS.alice]: { username: 'alice', groups: ['developers'], namespaces: ['bookinfo'] },
  [TOKENS.bob]: { username: 'bob', groups: ['developers'], namespaces: ['legacy'] },
  [TOKENS.dev]: { username: 'dev', groups: ['developers'], namespaces: ['bookinfo'] },
};

/** The ztunnel admin port; only it answers port-forwards. */
const ZTUNNEL_ADMIN_PORT = 15000;

export interface KubeApiHarnessOptions {
  /** Fills the store before the server listens. */
  seed?: (store: ObjectStore) => void;
  /** Leave out sailoperator.io types, as in a cluster without the Sail Operator. */
  withoutSail?: boolean;
  /** Pod log text; default: the harness's `podLogs` text for "namespace/pod", cut to tailLines. */
  podLogs?: MeshHooks['podLogs'];
  /** ztunnel admin /config_dump answers to start with, by "namespace/pod". */
  ztunnelDumps?: Record<string, string>;
  /** Answers paths the API server does not know (an OAuth discovery document, /sim/*). */
  extraHandler?: (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;
  /** Resource versions the store keeps for watches to resume from. */
  historyLimit?: number;
  bookmarkIntervalMs?: number;
}

export interface KubeApiHarness {
  store: ObjectStore;
  api: KubeApiServer;
  /** https://127.0.0.1:<port> */
  baseUrl: string;
  /** PEM of the API server's CA. */
  caPem: string;
  /** A fetch-like call to the API server trusting its CA (the whole body is read). */
  fetch(path: string, init?: { method?: string; headers?: Record<string, string>; body?: string }): Promise<Response>;
  /** A client-node KubeConfig for the user with this token (default: admin). */
  kubeConfig(token?: string): KubeConfig;
  /** The same as kubeconfig YAML, for code that loads a file or a string. */
  kubeconfigYaml(token?: string): string;
  /** Requests the API server received (every list, watch, port-forward and log call). */
  requests(): string[];
  /** Pod log calls that found text, with the options the server parsed from the query. */
  logCalls: { namespace: string; pod: string; options: PodLogOptions }[];
  /** Requests carried through a port-forward to an admin port that listens. */
  forwarded: ForwardedRequest[];
  /** Admin port answers per ztunnel pod, by "namespace/pod"; a missing entry means nothing listens. */
  ztunnelDumps: Map<string, string>;
  /** Pod log text by "namespace/pod", for the default podLogs. */
  podLogs: Map<string, string>;
  close(): Promise<void>;
}

export async function startKubeApi(options: KubeApiHarnessOptions = {}): Promise<KubeApiHarness> {
  const store = new ObjectStore(options.historyLimit);
  for (const t of standardResourceTypes) if (!options.withoutSail || t.group !== 'sailoperator.io') store.register(t);
  options.seed?.(store);
  const ztunnelDumps = new Map(Object.entries(options.ztunnelDumps ?? {}));
  const podLogs = new Map<string, string>();
  const logCalls: KubeApiHarness['logCalls'] = [];
  const forwarded: ForwardedRequest[] = [];
  const textLogs: MeshHooks['podLogs'] = (namespace, pod, o) => {
    const text = podLogs.get(`${namespace}/${pod}`);
    if (text === undefined) return undefined;
    const lines = text.split('\n').filter((l) => l !== '');
    return (o.tailLines !== undefined ? lines.slice(-o.tailLines) : lines).join('\n') + '\n';
  };
  const readLogs = options.podLogs ?? textLogs;
  const hooks: MeshHooks = {
    podLogs(namespace, pod, o) {
      const text = readLogs(namespace, pod, o);
      if (text !== undefined) logCalls.push({ namespace, pod, options: o });
      return text;
    },
    portForward(namespace, pod, port) {
      const dump = ztunnelDumps.get(`${namespace}/${pod}`);
      if (port !== ZTUNNEL_ADMIN_PORT || dump === undefined) return undefined;
      return (req): ForwardedResponse => {
        forwarded.push(req);
        return req.path === '/config_dump'
          ? { status: 200, headers: { 'content-type': 'application/json' }, body: dump }
          : { status: 404, headers: { 'content-type': 'text/plain' }, body: 'not found' };
      };
    },
    authenticate: (token) => users[token],
  };
  const api = createKubeApiServer({
    store,
    hooks,
    ...(options.extraHandler ? { extraHandler: options.extraHandler } : {}),
    ...(options.bookmarkIntervalMs !== undefined ? { watch: { bookmarkIntervalMs: options.bookmarkIntervalMs } } : {}),
  });
  const seen: string[] = [];
  api.server.on('request', (req: { method?: string; url?: string }) => seen.push(`${req.method} ${req.url}`));
  api.server.on('upgrade', (req: { url?: string }) => seen.push(`UPGRADE ${req.url}`));
  const baseUrl = await api.listen(0);
  const endpoint = { server: baseUrl, caPem: api.caPem };
  return {
    store,
    api,
    baseUrl,
    caPem: api.caPem,
    fetch: (path, init = {}) => fetchTrusting(`${baseUrl}${path}`, api.caPem, init),
    kubeConfig(token = TOKENS.admin) {
      const kc = new KubeConfig();
      kc.loadFromString(kubeconfigYaml(endpoint, token));
      return kc;
    },
    kubeconfigYaml: (token = TOKENS.admin) => kubeconfigYaml(endpoint, token),
    requests: () => [...seen],
    logCalls,
    forwarded,
    ztunnelDumps,
    podLogs,
    close: () => api.close(),
  };
}

/** GET/POST over https with the given CA; Node's fetch has no per-call CA. */
export function fetchTrusting(url: string, caPem: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Response> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(url, { method: init.method ?? 'GET', headers: init.headers ?? {}, ca: caPem }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const headers = new Headers();
        for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
        resolve(new Response(Buffer.concat(chunks), { status: res.statusCode ?? 0, headers }));
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

/** The parsed Status body of a client-node ApiException. */
export function statusBody(err: unknown): Record<string, unknown> {
  const body = (err as { body?: unknown }).body;
  return typeof body === 'string' ? (JSON.parse(body) as Record<string, unknown>) : (body as Record<string, unknown>);
}

/** Resolves when check() holds, polling; rejects after timeoutMs. */
export async function eventually(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
