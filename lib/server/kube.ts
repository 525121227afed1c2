import 'server-only';
import type { KubeConfig } from '@kubernetes/client-node';
import { z } from 'zod';
import type { InventorySource } from '@/lib/graph/inventory';
import { AppError, badRequest } from '@/lib/errors';
import { KubeLayer } from '@/lib/kube/layer';
import type { Env } from './env';
import { withGraphVersion } from './inventory-version';

// The Kubernetes layer as the composition root (deps.ts) builds it, and the request parsing the
// Kubernetes routes share.

export type KubeEnv = Pick<Env, 'KUBECONFIG' | 'ISTIO_NAMESPACE' | 'ZTUNNEL_NAMESPACE'>;

/** A new layer on the dashboard's own credentials; its cache starts on first use. Throws 503 when no cluster is configured. */
export function createKubeLayer(e: KubeEnv, serviceAccountKubeConfig: () => KubeConfig): KubeLayer {
  let kc: KubeConfig;
  try {
    kc = serviceAccountKubeConfig();
  } catch (err) {
    const where = e.KUBECONFIG ? `the kubeconfig at KUBECONFIG=${e.KUBECONFIG}` : 'the in-cluster service account';
    throw new AppError('kubernetes_unreachable', `Cannot load ${where}: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (!kc.getCurrentCluster()) throw new AppError('kubernetes_unreachable', 'The kubeconfig names no current cluster');
  return new KubeLayer(kc, { istioNamespace: e.ISTIO_NAMESPACE ?? 'istio-system', ztunnelNamespace: e.ZTUNNEL_NAMESPACE });
}

/** The whole cluster's inventory for the graph; a layer that cannot be built is a failed inventory, not a thrown call. */
export function kubeInventory(kube: () => KubeLayer): InventorySource {
  // One source per layer: it keeps the inventory of the cache's current generation.
  let memo: { layer: KubeLayer; source: InventorySource } | undefined;
  const source = () => {
    const layer = kube();
    if (memo?.layer !== layer) memo = { layer, source: layer.inventorySource() };
    return memo.source;
  };
  return withGraphVersion({ inventory: () => source().inventory() }, async () => (await kube().snapshot()).generation);
}

/** The query's parameters, each given at most once (a repeated one is ambiguous: 400 naming it). */
export function singleParams(request: Request): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [name, value] of new URL(request.url).searchParams) {
    if (Object.hasOwn(params, name)) throw badRequest(name, 'given more than once');
    params[name] = value;
  }
  return params;
}

/** Query parameters through a zod schema; the first problem becomes a 400 naming the parameter. */
/** A 400 naming the first parameter that is not one of `names` (before any value is judged). */
export function rejectUnknownParams(params: Record<string, string>, names: readonly string[]): void {
  const unknown = Object.keys(params).find((name) => !names.includes(name));
  if (unknown !== undefined) throw badRequest(unknown, 'not a parameter of this route');
}

export function parseQuery<S extends z.ZodType>(request: Request, schema: S): z.infer<S> {
  const params = singleParams(request);
  const result = schema.safeParse(params);
  if (!result.success) {
    // An unknown parameter is named first, whatever else is wrong.
    const issue = result.error.issues.find((i) => i.code === 'unrecognized_keys') ?? result.error.issues[0];
    // An unknown parameter is named by the issue's keys, not its path.
    const name = issue?.code === 'unrecognized_keys' ? issue.keys[0] : issue?.path[0];
    throw badRequest(String(name ?? 'query'), issue?.code === 'unrecognized_keys' ? 'not a parameter of this route' : (issue?.message ?? 'invalid'));
  }
  return result.data;
}

/** The schema of a route that takes no parameters: any parameter is a 400 naming it. */
export const NoParams = z.object({}).strict();
