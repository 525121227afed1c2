import 'server-only';
import type { KubeConfig } from '@kubernetes/client-node';
import type { z } from 'zod';
import type { InventorySource } from '@/lib/graph/inventory';
import { AppError, badRequest } from '@/lib/errors';
import { KubeLayer } from '@/lib/kube/layer';
import type { Env } from './env';

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
  return {
    inventory: async () => kube().inventorySource().inventory(),
    // The informer cache's generation: it moves on every watched change (enrollment labels,
    // waypoints, workloads), so a cached graph never outlives the inventory it was built on.
    version: async () => (await kube().snapshot()).generation,
  };
}

/** Query parameters through a zod schema; the first problem becomes a 400 naming the parameter. */
export function parseQuery<S extends z.ZodType>(request: Request, schema: S): z.infer<S> {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const result = schema.safeParse(params);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw badRequest(String(issue?.path[0] ?? 'query'), issue?.message ?? 'invalid');
  }
  return result.data;
}
