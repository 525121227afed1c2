// Test-only: a small hand-built cluster behind the API server, and a client-node KubeConfig for
// it. Tests talk to it through @kubernetes/client-node over HTTP like the app does.
import { KubeConfig } from '@kubernetes/client-node';
import type { ForwardedRequest, MeshHooks, PodLogOptions, SimUser } from '../contracts';
import { ObjectStore, typeKey, type KubeObject } from '../store';
import { createKubeApiServer, kubeconfigYaml, standardResourceTypes, type KubeApiServer } from './index';

export const tokens = { admin: 'admin-token', dev: 'dev-token' } as const;
const users: Record<string, SimUser> = {
  [tokens.admin]: { username: 'kubernetes-admin', groups: ['system:masters'], namespaces: '*' },
  [tokens.dev]: { username: 'dev', groups: ['developers'], namespaces: ['bookinfo'] },
};

export const keys = {
  namespaces: typeKey({ group: '', version: 'v1', plural: 'namespaces' }),
  pods: typeKey({ group: '', version: 'v1', plural: 'pods' }),
  nodes: typeKey({ group: '', version: 'v1', plural: 'nodes' }),
  deployments: typeKey({ group: 'apps', version: 'v1', plural: 'deployments' }),
  istios: typeKey({ group: 'sailoperator.io', version: 'v1', plural: 'istios' }),
  ztunnels: typeKey({ group: 'sailoperator.io', version: 'v1', plural: 'ztunnels' }),
};

export const namespace = (name: string, labels: Record<string, string> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name, labels: { 'kubernetes.io/metadata.name': name, ...labels } },
  spec: { finalizers: ['kubernetes'] },
  status: { phase: 'Active' },
});

export const pod = (ns: string, name: string, labels: Record<string, string>, node: string, containers: string[], phase = 'Running'): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: ns, labels },
  spec: { nodeName: node, serviceAccountName: 'default', containers: containers.map((c) => ({ name: c, image: `example/${c}:1` })) },
  status: { phase, podIP: '10.0.0.1' },
});

/** Log lines at fixed offsets before "now" so sinceSeconds has something to cut. */
const logLines = (container: string): { at: number; text: string }[] =>
  [300, 120, 60, 5, 1].map((secondsAgo, i) => ({ at: Date.now() - secondsAgo * 1000, text: `${container} line ${i + 1}` }));

export interface TestCluster {
  store: ObjectStore;
  api: KubeApiServer;
  baseUrl: string;
  kubeConfig(token?: string): KubeConfig;
  logCalls: { namespace: string; pod: string; options: PodLogOptions }[];
  forwarded: ForwardedRequest[];
  close(): Promise<void>;
}

export const configDump = { workloads: [{ uid: 'u1', name: 'productpage-v1-abc', namespace: 'bookinfo', protocol: 'HBONE' }], services: [], policies: [], certificates: [] };

export async function startTestCluster(options: { historyLimit?: number; bookmarkIntervalMs?: number } = {}): Promise<TestCluster> {
  const store = new ObjectStore(options.historyLimit);
  for (const t of standardResourceTypes) store.register(t);
  store.upsert(keys.namespaces, namespace('bookinfo', { 'istio.io/dataplane-mode': 'ambient' }));
  store.upsert(keys.namespaces, namespace('ztunnel'));
  store.upsert(keys.namespaces, namespace('default'));
  for (const n of ['node-a', 'node-b']) store.upsert(keys.nodes, { apiVersion: 'v1', kind: 'Node', metadata: { name: n, labels: { 'kubernetes.io/hostname': n } } });
  store.upsert(keys.pods, pod('bookinfo', 'productpage-v1-abc', { app: 'productpage', version: 'v1' }, 'node-a', ['productpage']));
  store.upsert(keys.pods, pod('bookinfo', 'reviews-v1-def', { app: 'reviews', version: 'v1' }, 'node-a', ['reviews']));
  store.upsert(keys.pods, pod('bookinfo', 'reviews-v2-ghi', { app: 'reviews', version: 'v2' }, 'node-b', ['reviews', 'istio-proxy']));
  store.upsert(keys.pods, pod('bookinfo', 'ratings-v1-jkl', { app: 'ratings', version: 'v1' }, 'node-b', ['ratings'], 'Pending'));
  store.upsert(keys.pods, pod('ztunnel', 'ztunnel-aaaaa', { app: 'ztunnel', 'app.kubernetes.io/name': 'ztunnel' }, 'node-a', ['istio-proxy']));
  store.upsert(keys.pods, pod('ztunnel', 'ztunnel-bbbbb', { app: 'ztunnel', 'app.kubernetes.io/name': 'ztunnel' }, 'node-b', ['istio-proxy']));
  store.upsert(keys.istios, { apiVersion: 'sailoperator.io/v1', kind: 'Istio', metadata: { name: 'default' }, spec: { version: 'v1.24.2', namespace: 'istio-system', profile: 'ambient' }, status: { state: 'Healthy' } });

  const logCalls: TestCluster['logCalls'] = [];
  const forwarded: ForwardedRequest[] = [];
  const hooks: MeshHooks = {
    podLogs(ns, name, logOptions) {
      const p = store.get(keys.pods, ns, name);
      if (!p) return undefined;
      logCalls.push({ namespace: ns, pod: name, options: logOptions });
      let lines = logLines(logOptions.container ?? '');
      if (logOptions.sinceSeconds !== undefined) lines = lines.filter((l) => l.at >= Date.now() - (logOptions.sinceSeconds ?? 0) * 1000);
      if (logOptions.tailLines !== undefined) lines = lines.slice(Math.max(0, lines.length - logOptions.tailLines));
      return lines.map((l) => (logOptions.timestamps ? `${new Date(l.at).toISOString()} ${l.text}` : l.text)).join('\n') + (lines.length ? '\n' : '');
    },
    portForward(ns, name, port) {
      // ztunnel-bbbbb plays a ztunnel that is down: nothing listens on its admin port.
      if (ns !== 'ztunnel' || name !== 'ztunnel-aaaaa' || port !== 15000) return undefined;
      return (req) => {
        forwarded.push(req);
        if (req.path === '/config_dump') return { status: 200, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(configDump) };
        return { status: 404, headers: { 'Content-Type': 'text/plain' }, body: 'not found' };
      };
    },
    authenticate: (token) => users[token],
  };

  const api = createKubeApiServer({
    store,
    hooks,
    extraHandler: (req, res) => {
      if (!req.url?.startsWith('/sim/')) return false;
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.end('sim ok');
      return true;
    },
    watch: { bookmarkIntervalMs: options.bookmarkIntervalMs ?? 60_000 },
  });
  const baseUrl = await api.listen(0);
  return {
    store,
    api,
    baseUrl,
    kubeConfig(token: string = tokens.admin) {
      const kc = new KubeConfig();
      kc.loadFromString(kubeconfigYaml(baseUrl, token));
      return kc;
    },
    logCalls,
    forwarded,
    close: () => api.close(),
  };
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
