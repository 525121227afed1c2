import 'server-only';
import type { KubeConfig } from '@kubernetes/client-node';
import type { z } from 'zod';
import type { InventorySource } from '@/lib/graph/inventory';
import { KubeLayerError } from '@/lib/kube/errors';
import { KubeLayer } from '@/lib/kube/layer';
import { accessibleNamespaces, requestUser, serviceAccountKubeConfig } from './auth';
import { env } from './env';
import { AppError, badRequest } from './errors';

// Composition root of the Kubernetes layer: one KubeConfig and one warm cache per process.
// Kept on globalThis so Next's dev reloads do not start a second set of watches.

const key = Symbol.for('ambient-lens.kube-layer');
type Holder = { [key]?: KubeLayer };

function kubeConfig(): KubeConfig {
  const path = env().KUBECONFIG;
  let kc: KubeConfig;
  try {
    kc = serviceAccountKubeConfig();
  } catch (err) {
    const where = path ? `the kubeconfig at KUBECONFIG=${path}` : 'the in-cluster service account';
    throw new AppError('kubernetes_unreachable', `Cannot load ${where}: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (!kc.getCurrentCluster()) throw new AppError('kubernetes_unreachable', 'The kubeconfig names no current cluster');
  return kc;
}

/** The process-wide Kubernetes layer, created (and its cache started) on first use. */
export function kubeLayer(): KubeLayer {
  const holder = globalThis as Holder;
  holder[key] ??= new KubeLayer(kubeConfig(), {
    istioNamespace: env().ISTIO_NAMESPACE ?? 'istio-system',
    ztunnelNamespace: env().ZTUNNEL_NAMESPACE,
  });
  return holder[key];
}

/** KubeLayerError -> AppError (lib/kube cannot import lib/server); anything else passes through. */
export function toKubeAppError(err: unknown): unknown {
  if (err instanceof KubeLayerError) return new AppError(err.code, err.message);
  return err;
}

/** Runs a Kubernetes-layer call, turning its errors into AppErrors for route(). */
export async function withKube<T>(fn: (layer: KubeLayer) => Promise<T>): Promise<T> {
  try {
    return await fn(kubeLayer());
  } catch (err) {
    throw toKubeAppError(err);
  }
}

/** The cluster inventory the graph route reads (optionally limited to the user's namespaces). */
export function inventorySource(accessibleNamespaces?: ReadonlySet<string>): InventorySource {
  return { inventory: () => withKube((layer) => layer.inventorySource(accessibleNamespaces).inventory()) };
}

/** The requesting user's namespaces for the lib filters: undefined means every namespace. */
export async function requestAccess(request: Request): Promise<ReadonlySet<string> | undefined> {
  const access = await accessibleNamespaces(await requestUser(request));
  return access === 'all' ? undefined : access;
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
