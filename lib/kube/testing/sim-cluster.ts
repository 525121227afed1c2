// Test harness: the simulated Kubernetes API server (sim/kube-api) over a small store this file
// fills, with a request counter, ztunnel admin ports and logs. Used by *.integration.test.ts only.
import { readFileSync } from 'node:fs';
import { KubeConfig } from '@kubernetes/client-node';
import type { ForwardedResponse, MeshHooks, PodLogOptions, SimUser } from '@/sim/contracts';
import { createKubeApiServer, kubeconfigYaml, standardResourceTypes, type KubeApiServer } from '@/sim/kube-api';
import { ObjectStore, typeKey, type KubeObject } from '@/sim/store';

export const ADMIN_TOKEN = 'admin-token';
export const ALICE_TOKEN = 'alice-token';

const testdata = new URL('../testdata/', import.meta.url);
export const kialiDump = readFileSync(new URL('ztunnel-config_dump.kiali-testdata.ztunnel-1.24.json', testdata), 'utf8');
export const istioctlDump = readFileSync(new URL('ztunnel-config_dump.istioctl-testdata.master.json', testdata), 'utf8');

export const K = {
  namespaces: typeKey({ group: '', version: 'v1', plural: 'namespaces' }),
  pods: typeKey({ group: '', version: 'v1', plural: 'pods' }),
  services: typeKey({ group: '', version: 'v1', plural: 'services' }),
  daemonsets: typeKey({ group: 'apps', version: 'v1', plural: 'daemonsets' }),
  deployments: typeKey({ group: 'apps', version: 'v1', plural: 'deployments' }),
  istios: typeKey({ group: 'sailoperator.io', version: 'v1', plural: 'istios' }),
  ztunnels: typeKey({ group: 'sailoperator.io', version: 'v1', plural: 'ztunnels' }),
};

export interface SimCluster {
  store: ObjectStore;
  api: KubeApiServer;
  baseUrl: string;
  kubeConfig(token?: string): KubeConfig;
  /** Requests the API server received (every list, watch, port-forward and log call). */
  requests(): string[];
  /** Admin port answers per ztunnel pod; a missing entry means nothing listens (the port-forward fails). */
  ztunnelDumps: Map<string, string>;
  podLogs: Map<string, string>;
  close(): Promise<void>;
}

export interface SimClusterOptions {
  /** Leave out sailoperator.io types, as in a cluster without the Sail Operator. */
  withoutSail?: boolean;
}

export async function startSimCluster(options: SimClusterOptions = {}): Promise<SimCluster> {
  const store = new ObjectStore();
  for (const t of standardResourceTypes) if (!options.withoutSail || t.group !== 'sailoperator.io') store.register(t);
  const ztunnelDumps = new Map<string, string>();
  const podLogs = new Map<string, string>();
  const users: Record<string, SimUser> = {
    [ADMIN_TOKEN]: { username: 'admin', groups: ['system:masters'], namespaces: '*' },
    [ALICE_TOKEN]: { username: 'alice', groups: [], namespaces: ['bookinfo'] },
  };
  const hooks: MeshHooks = {
    podLogs: (namespace: string, pod: string, o: PodLogOptions) => {
      const text = podLogs.get(`${namespace}/${pod}`);
      if (text === undefined) return undefined;
      const lines = text.split('\n').filter((l) => l !== '');
      return (o.tailLines !== undefined ? lines.slice(-o.tailLines) : lines).join('\n') + '\n';
    },
    portForward: (namespace: string, pod: string, port: number) => {
      const dump = ztunnelDumps.get(`${namespace}/${pod}`);
      if (port !== 15000 || dump === undefined) return undefined;
      return (req): ForwardedResponse =>
        req.path === '/config_dump'
          ? { status: 200, headers: { 'content-type': 'application/json' }, body: dump }
          : { status: 404, headers: {}, body: 'not found' };
    },
    authenticate: (token: string) => users[token],
  };
  const api = createKubeApiServer({ store, hooks });
  const seen: string[] = [];
  api.server.on('request', (req: { method?: string; url?: string }) => seen.push(`${req.method} ${req.url}`));
  api.server.on('upgrade', (req: { url?: string }) => seen.push(`UPGRADE ${req.url}`));
  const baseUrl = await api.listen(0);
  return {
    store,
    api,
    baseUrl,
    kubeConfig: (token = ADMIN_TOKEN) => {
      const kc = new KubeConfig();
      kc.loadFromString(kubeconfigYaml(baseUrl, token));
      return kc;
    },
    requests: () => [...seen],
    ztunnelDumps,
    podLogs,
    close: () => api.close(),
  };
}

const ready = [{ type: 'Ready', status: 'True' }];

export function podObject(o: {
  namespace: string;
  name: string;
  node: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  owner?: { kind: string; name: string };
  ready?: boolean;
  serviceAccount?: string;
  image?: string;
}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: o.name,
      namespace: o.namespace,
      labels: o.labels ?? {},
      annotations: o.annotations ?? {},
      ...(o.owner ? { generateName: `${o.owner.name}-`, ownerReferences: [{ apiVersion: 'apps/v1', kind: o.owner.kind, name: o.owner.name, uid: `uid-${o.owner.name}`, controller: true }] } : {}),
    },
    spec: { nodeName: o.node, serviceAccountName: o.serviceAccount ?? 'default', containers: [{ name: 'main', image: o.image ?? 'example/app:1.0' }] },
    status: { phase: 'Running', podIP: '10.0.0.1', conditions: o.ready === false ? [{ type: 'Ready', status: 'False' }] : ready, containerStatuses: [{ name: 'main', ready: o.ready !== false, restartCount: 0 }] },
  };
}

/** A small ambient cluster: bookinfo enrolled, default not, three nodes each with a ztunnel. */
export function fillBookinfo(store: ObjectStore, options: { withoutSail?: boolean } = {}): void {
  const ns = (name: string, labels: Record<string, string> = {}) => store.upsert(K.namespaces, { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } });
  ns('bookinfo', { 'istio.io/dataplane-mode': 'ambient', 'istio-discovery': 'enabled', 'istio.io/use-waypoint': 'waypoint' });
  ns('default');
  ns('ztunnel', { 'istio-discovery': 'enabled' });
  ns('istio-system', { 'istio-discovery': 'enabled' });
  const redirected = { 'ambient.istio.io/redirection': 'enabled' };
  const deploy = (namespace: string, name: string, hash: string, node: string, labels: Record<string, string>, annotations: Record<string, string> = {}, serviceAccount?: string) =>
    store.upsert(K.pods, podObject({ namespace, name: `${name}-${hash}-abcde`, node, labels: { ...labels, 'pod-template-hash': hash }, annotations, owner: { kind: 'ReplicaSet', name: `${name}-${hash}` }, serviceAccount }));
  deploy('bookinfo', 'details-v1', '6cd6d9df6b', 'node-a', { app: 'details', version: 'v1' }, redirected, 'bookinfo-details');
  deploy('bookinfo', 'reviews-v2', '5b667bcbf8', 'node-c', { app: 'reviews', version: 'v2' }, redirected, 'bookinfo-reviews');
  deploy('bookinfo', 'ratings-v1', '6484c4d9bb', 'node-b', { app: 'ratings', version: 'v1' }, {}, 'bookinfo-ratings');
  deploy('default', 'sleep', '7b9f8d5c4', 'node-a', { app: 'sleep' });
  store.upsert(K.services, { apiVersion: 'v1', kind: 'Service', metadata: { name: 'details', namespace: 'bookinfo' }, spec: { selector: { app: 'details' } } });
  store.upsert(K.services, { apiVersion: 'v1', kind: 'Service', metadata: { name: 'reviews', namespace: 'bookinfo', labels: { 'istio.io/use-waypoint': 'none' } }, spec: { selector: { app: 'reviews' } } });
  store.upsert(K.daemonsets, {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'ztunnel', namespace: 'ztunnel', labels: { 'app.kubernetes.io/name': 'ztunnel' } },
    spec: {},
    status: { desiredNumberScheduled: 3, numberReady: 3, numberAvailable: 3, updatedNumberScheduled: 3 },
  });
  for (const [suffix, node] of [['aaaaa', 'node-a'], ['bbbbb', 'node-b'], ['ccccc', 'node-c']] as const) {
    store.upsert(K.pods, podObject({ namespace: 'ztunnel', name: `ztunnel-${suffix}`, node, labels: { app: 'ztunnel', 'app.kubernetes.io/name': 'ztunnel' }, owner: { kind: 'DaemonSet', name: 'ztunnel' }, image: 'docker.io/istio/ztunnel:1.24.0-distroless' }));
  }
  if (!options.withoutSail) {
    store.upsert(K.istios, {
      apiVersion: 'sailoperator.io/v1',
      kind: 'Istio',
      metadata: { name: 'default' },
      spec: { version: 'v1.24.0', namespace: 'istio-system', profile: 'ambient', values: { meshConfig: { discoverySelectors: [{ matchLabels: { 'istio-discovery': 'enabled' } }] } } },
      status: { state: 'Healthy', activeRevisionName: 'default', revisions: { total: 1, ready: 1, inUse: 1 }, conditions: [{ type: 'Ready', status: 'True' }] },
    });
    store.upsert(K.ztunnels, {
      apiVersion: 'sailoperator.io/v1',
      kind: 'ZTunnel',
      metadata: { name: 'default' },
      spec: { version: 'v1.24.0', namespace: 'ztunnel' },
      status: { state: 'Healthy', conditions: [{ type: 'Ready', status: 'True' }] },
    });
  }
}
