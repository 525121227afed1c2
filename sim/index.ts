// The simulated Istio ambient cluster in one call: store + mesh model + controllers + the
// Kubernetes API server over TLS (with /sim/* endpoints, also over plain http on the same port) on
// 127.0.0.1, and a kubeconfig pointing at it with the CA that signed its certificate.
// Scenarios: `bookinfo` (ambient), `sidecar` (Bookinfo half-migrated from sidecars), `{ scale }`.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ObjectStore } from './store';
import { createKubeApiServer, writeKubeconfig } from './kube-api/index';
import { SimMesh } from './mesh/mesh';
import { createMeshHooks } from './mesh/hooks';
import { defaultUsers, type SimUserEntry } from './mesh/users';
import { buildBookinfo } from './scenarios/bookinfo';
import { buildBookinfoSidecar } from './scenarios/bookinfo-sidecar';
import { buildScale, type ScaleOptions } from './scenarios/scale';
import type { Scenario } from './scenarios/types';
import type { TrafficProfile } from './traffic/profile';
import { startCniController } from './controllers/cni';
import { startGatewayController } from './controllers/gateways';
import { startDeploymentController } from './controllers/deployments';
import { createSimHandler } from './http/routes';

export type ScenarioChoice = 'bookinfo' | 'sidecar' | { scale: Omit<ScaleOptions, 'createdAt'> };

export interface SimulatorOptions {
  scenario: ScenarioChoice;
  /** 0 or undefined: a free port. */
  port?: number;
  adminToken?: string;
  profile?: TrafficProfile;
  /** Unix seconds where counters start (default: a day before start). */
  origin?: number;
  /** Replaces the default users (admin/alice/bob). */
  users?: SimUserEntry[];
  /** Clock, unix seconds (tests). */
  now?: () => number;
}

export interface Simulator {
  /** The Kubernetes API, https (verified with caPem). */
  url: string;
  /** The same port over plain http: the simulator's own endpoints (/sim/*), which Prometheus scrapes. */
  httpUrl: string;
  caPem: string;
  kubeconfigPath: string;
  adminToken: string;
  store: ObjectStore;
  mesh: SimMesh;
  dropWatches(): void;
  stop(): Promise<void>;
}

export function buildScenario(choice: ScenarioChoice): Scenario {
  if (choice === 'bookinfo') return buildBookinfo();
  if (choice === 'sidecar') return buildBookinfoSidecar();
  return buildScale(choice.scale);
}

export async function startSimulator(options: SimulatorOptions): Promise<Simulator> {
  const adminToken = options.adminToken ?? 'ambient-lens-admin';
  const store = new ObjectStore();
  const scenario = buildScenario(options.scenario);
  const mesh = new SimMesh({ store, scenario, profile: options.profile ?? 'live', ...(options.origin !== undefined ? { origin: options.origin } : {}), ...(options.now ? { now: options.now } : {}) });
  const stopCni = startCniController(store);
  const stopGateways = startGatewayController(store, scenario.seed);
  const stopDeployments = startDeploymentController(store, { seed: scenario.seed, clusterId: scenario.clusterId, trustDomain: scenario.trustDomain, ...(options.now ? { now: options.now } : {}) });
  const hooks = createMeshHooks(mesh, options.users ?? defaultUsers(adminToken));
  const api = createKubeApiServer({ store, hooks, extraHandler: createSimHandler(mesh) });
  const url = await api.listen(options.port ?? 0);
  const dir = await mkdtemp(join(tmpdir(), 'ambient-sim-'));
  const kubeconfigPath = join(dir, 'kubeconfig');
  await writeKubeconfig(kubeconfigPath, { server: url, caPem: api.caPem }, adminToken);
  return {
    url,
    httpUrl: api.httpUrl(),
    caPem: api.caPem,
    kubeconfigPath,
    adminToken,
    store,
    mesh,
    dropWatches: () => api.dropWatches(),
    async stop() {
      stopCni();
      stopGateways();
      stopDeployments();
      mesh.stop();
      await api.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
