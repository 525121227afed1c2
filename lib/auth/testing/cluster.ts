import type { IncomingMessage, ServerResponse } from 'node:http';
import { createKubeApiServer, kubeconfigYaml, standardResourceTypes, type KubeApiServer } from '@/sim/kube-api';
import type { MeshHooks, SimUser } from '@/sim/contracts';
import { ObjectStore, typeKey } from '@/sim/store';

// The simulated API server with the three users the auth tests need (as sim/index.ts defines
// them): admin sees everything, alice only bookinfo, bob only legacy.

export const TOKENS = { admin: 'sim-admin-token', alice: 'sim-alice-token', bob: 'sim-bob-token' } as const;

const users: Record<string, SimUser> = {
  [TOKENS.admin]: { username: 'admin', groups: ['system:masters'], namespaces: '*' },
  [TOKENS.alice]: { username: 'alice', groups: ['developers'], namespaces: ['bookinfo'] },
  [TOKENS.bob]: { username: 'bob', groups: ['developers'], namespaces: ['legacy'] },
};

export const NAMESPACES = ['bookinfo', 'legacy', 'istio-system', 'ztunnel', 'default'];

export interface TestCluster {
  url: string;
  api: KubeApiServer;
  kubeconfig(token: string): string;
  close(): Promise<void>;
}

export async function startTestCluster(extraHandler?: (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>): Promise<TestCluster> {
  const store = new ObjectStore();
  for (const type of standardResourceTypes) store.register(type);
  const nsKey = typeKey({ group: '', version: 'v1', plural: 'namespaces' });
  for (const name of NAMESPACES) store.upsert(nsKey, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  const hooks: MeshHooks = {
    podLogs: () => undefined,
    portForward: () => undefined,
    authenticate: (token) => users[token],
  };
  const api = createKubeApiServer({ store, hooks, ...(extraHandler ? { extraHandler } : {}) });
  const url = await api.listen(0);
  return { url, api, kubeconfig: (token) => kubeconfigYaml(url, token), close: () => api.close() };
}
