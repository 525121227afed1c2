import 'server-only';
import { ApiException, AuthenticationV1Api, AuthorizationV1Api, CoreV1Api, CustomObjectsApi, KubeConfig } from '@kubernetes/client-node';
import { AppError } from '@/lib/errors';

// Kubernetes calls made AS THE USER (their bearer token), so the cluster's RBAC decides what they
// see. TokenReview is the one call made as the dashboard's service account.

export interface Identity {
  name: string;
  groups: string[];
}

/** Same API server and trust as `base`, authenticated by `token`. */
export function kubeConfigForToken(base: KubeConfig, token: string): KubeConfig {
  const cluster = base.getCurrentCluster();
  if (!cluster) throw new AppError('internal', 'No Kubernetes cluster configured');
  const kc = new KubeConfig();
  kc.loadFromClusterAndUser(cluster, { name: 'ambient-lens-user', token });
  return kc;
}

function statusOf(err: unknown): number | undefined {
  return err instanceof ApiException ? err.code : undefined;
}

function asAppError(err: unknown, what: string): AppError {
  if (err instanceof AppError) return err;
  const status = statusOf(err);
  if (status === 401) return new AppError('unauthenticated', 'The cluster rejected the token (expired or invalid)');
  if (status === 403) return new AppError('forbidden', `${what}: forbidden`);
  if (status !== undefined) return new AppError('kubernetes_error', `${what}: the API server answered ${status}`);
  return new AppError('kubernetes_unreachable', `${what}: ${err instanceof Error ? err.message : String(err)}`);
}

/**
 * Who the token belongs to: SelfSubjectReview (Kubernetes 1.28+), else OpenShift's users/~, else a
 * TokenReview made by the service account (`serviceAccount`, needs tokenreviews create).
 */
export async function identify(userKc: KubeConfig, token: string, serviceAccount?: KubeConfig): Promise<Identity> {
  try {
    const review = await userKc.makeApiClient(AuthenticationV1Api).createSelfSubjectReview({
      body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' },
    });
    const info = review.status?.userInfo;
    if (!info?.username) throw new AppError('unauthenticated', 'The cluster did not name the token\'s user');
    return { name: info.username, groups: info.groups ?? [] };
  } catch (err) {
    if (statusOf(err) !== 404) throw asAppError(err, 'SelfSubjectReview');
  }
  try {
    const user = (await userKc.makeApiClient(CustomObjectsApi).getClusterCustomObject({
      group: 'user.openshift.io', version: 'v1', plural: 'users', name: '~',
    })) as { metadata?: { name?: string }; groups?: string[] };
    if (user.metadata?.name) return { name: user.metadata.name, groups: user.groups ?? [] };
  } catch (err) {
    if (statusOf(err) !== 404) throw asAppError(err, 'OpenShift users/~');
  }
  if (!serviceAccount) throw new AppError('kubernetes_error', 'The cluster offers neither SelfSubjectReview nor OpenShift users/~');
  return reviewToken(serviceAccount, token);
}

export async function reviewToken(serviceAccount: KubeConfig, token: string): Promise<Identity> {
  try {
    const review = await serviceAccount.makeApiClient(AuthenticationV1Api).createTokenReview({
      body: { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', spec: { token } },
    });
    const user = review.status?.user;
    if (!review.status?.authenticated || !user?.username) throw new AppError('unauthenticated', 'The cluster rejected the token (expired or invalid)');
    return { name: user.username, groups: user.groups ?? [] };
  } catch (err) {
    throw asAppError(err, 'TokenReview');
  }
}

/** SelfSubjectAccessReview: may the user list pods in `namespace` ('' = in every namespace)? */
export async function canListPods(userKc: KubeConfig, namespace: string): Promise<boolean> {
  try {
    const review = await userKc.makeApiClient(AuthorizationV1Api).createSelfSubjectAccessReview({
      body: {
        apiVersion: 'authorization.k8s.io/v1',
        kind: 'SelfSubjectAccessReview',
        spec: { resourceAttributes: { verb: 'list', resource: 'pods', ...(namespace ? { namespace } : {}) } },
      },
    });
    return review.status?.allowed === true;
  } catch (err) {
    throw asAppError(err, 'SelfSubjectAccessReview');
  }
}

/**
 * The namespaces the user may list themselves: the namespaces list when allowed, else OpenShift
 * projects (which lists only the user's own). undefined when neither is allowed or offered.
 */
export async function listOwnNamespaces(userKc: KubeConfig): Promise<string[] | undefined> {
  try {
    const list = await userKc.makeApiClient(CoreV1Api).listNamespace();
    return list.items.flatMap((ns) => (ns.metadata?.name ? [ns.metadata.name] : []));
  } catch (err) {
    if (statusOf(err) !== 403) throw asAppError(err, 'list namespaces');
  }
  try {
    const projects = (await userKc.makeApiClient(CustomObjectsApi).listClusterCustomObject({
      group: 'project.openshift.io', version: 'v1', plural: 'projects',
    })) as { items?: Array<{ metadata?: { name?: string } }> };
    return (projects.items ?? []).flatMap((p) => (p.metadata?.name ? [p.metadata.name] : []));
  } catch (err) {
    const status = statusOf(err);
    if (status === 404 || status === 403) return undefined;
    throw asAppError(err, 'list projects');
  }
}

/** Every namespace, as the service account sees it (candidates for per-namespace checks). */
export async function listAllNamespaces(serviceAccount: KubeConfig): Promise<string[]> {
  try {
    const list = await serviceAccount.makeApiClient(CoreV1Api).listNamespace();
    return list.items.flatMap((ns) => (ns.metadata?.name ? [ns.metadata.name] : []));
  } catch (err) {
    throw asAppError(err, 'list namespaces (service account)');
  }
}
