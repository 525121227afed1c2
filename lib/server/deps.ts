import 'server-only';
import type { InventorySource } from '@/lib/graph/inventory';
import type { MetricsSource } from '@/lib/graph/samples';
import type { KubeLayer } from '@/lib/kube/layer';
import { createAuth, type Auth } from './auth';
import { createAuthFlows, type AuthFlows } from './auth-flows';
import { env, type Env } from './env';
import { createGraphPhases, createGraphService, type GraphService } from './graph';
import { createGraphCache, type GraphAnswerService } from './graph-cache';
import { createKubeLayer, kubeInventory } from './kube';
import { createLogger, type Logger } from './logger';
import { createMetricsSource } from './metrics';
import { createSeriesService, type SeriesService } from './series';
import { processWide } from './process-wide';

// The composition root: every service routes and pages use, built once from the validated env.
// Nothing else holds a service singleton. Tests build their own with
// createDeps(parseEnv({ ... }), { fakes }) and, for code that calls deps(), install it with setDepsForTest.

export interface Deps {
  env: Env;
  logger: Logger;
  /** Who is asking and which namespaces they may see. */
  auth: Auth;
  /** Login, OAuth callback, logout. */
  authFlows: AuthFlows;
  /** Prometheus (or the demo simulator), answering AppErrors. */
  metrics: MetricsSource;
  /** The Kubernetes layer, built on first call (its cache starts on first use); throws 503 without a cluster. */
  kube: () => KubeLayer;
  /** The whole cluster's inventory for the graph; failing, it degrades the graph to a warning. */
  inventory: InventorySource;
  graph: GraphService;
  /** /api/graph's finished answers (gzipped JSON), shared by concurrent and repeated callers with the same rights. */
  graphAnswers: GraphAnswerService;
  /** Time series over a window: one edge's or node's charts, every edge's sparkline. */
  series: SeriesService;
}

export type DepsOverrides = Partial<Omit<Deps, 'env'>>;

function once<T>(create: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= create());
}

/** Every service built from `e`; `overrides` replace any of them, and the rest are built on them. */
export function createDeps(e: Env, overrides: DepsOverrides = {}): Deps {
  const logger = overrides.logger ?? createLogger(e.LOG_LEVEL);
  const auth = overrides.auth ?? createAuth(e);
  const metrics = overrides.metrics ?? createMetricsSource(e);
  const kube = overrides.kube ?? once(() => createKubeLayer(e, auth.serviceAccountKubeConfig));
  const inventory = overrides.inventory ?? kubeInventory(kube);
  return {
    env: e,
    logger,
    auth,
    authFlows: overrides.authFlows ?? createAuthFlows({ env: e, auth, logger }),
    metrics,
    kube,
    inventory,
    graph: overrides.graph ?? createGraphService({ metrics, inventory, logger }),
    graphAnswers:
      overrides.graphAnswers ??
      createGraphCache({
        phases: createGraphPhases({ metrics, inventory, logger }),
        bucketSeconds: e.GRAPH_TIME_BUCKET_SECONDS,
        maxEntries: e.GRAPH_CACHE_ENTRIES,
        maxBuilds: e.GRAPH_MAX_BUILDS,
        ...(inventory.version ? { inventoryVersion: inventory.version.bind(inventory) } : {}),
      }),
    series: overrides.series ?? createSeriesService({ metrics, inventory }),
  };
}

let current: Deps | undefined;

/**
 * The process's services, from env(). The Kubernetes layer is process-wide: Next's separate
 * bundles and dev reloads must not start a second set of watches.
 */
export function deps(): Deps {
  if (!current) {
    const e = env();
    const auth = createAuth(e);
    current = createDeps(e, { auth, kube: () => processWide('kube-layer', () => createKubeLayer(e, auth.serviceAccountKubeConfig)) });
  }
  return current;
}

/** Replaces what deps() answers (undefined: back to the env's); for tests of routes and pages. */
export function setDepsForTest(next: Deps | undefined): void {
  current = next;
}
