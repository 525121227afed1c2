import 'server-only';
import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { KubeConfig } from '@kubernetes/client-node';
import { headers as requestHeaders } from 'next/headers';
import { OAUTH_STATE_COOKIE, SESSION_COOKIE, expireCookie, readCookie, serializeCookie, type CookieFlags } from '@/lib/auth/cookies';
import { bearerTokenProblem } from '@/lib/auth/bearer-token';
import { clientAddress, publicOrigin, type PublicOrigin } from '@/lib/auth/forwarded';
import type { TlsTrust } from '@/lib/auth/http-json';
import { identify, kubeConfigForToken, type Identity } from '@/lib/auth/kube-user';
import { resolveNamespaceAccess, TtlCache, type NamespaceAccess } from '@/lib/auth/namespace-access';
import { deriveKey, openSession } from '@/lib/auth/session';
import { ANONYMOUS_USER, makeUser, type User } from '@/lib/auth/user';
import { ReviewGuard } from '@/lib/auth/review-guard';
import { AppError, badRequest } from '@/lib/errors';
import type { Access } from '@/lib/kube/views';
import type { Env } from './env';

// What routes and pages use to know who is asking and what they may see. Strategy: AUTH_STRATEGY.
// Built once per process by the composition root (deps.ts) from the validated env.

export type { User } from '@/lib/auth/user';
export type { NamespaceAccess } from '@/lib/auth/namespace-access';

export type AuthEnv = Pick<
  Env,
  'KUBECONFIG' | 'SESSION_SECRET' | 'SESSION_TTL_SECONDS' | 'AUTH_STRATEGY' | 'BASE_PATH' | 'PUBLIC_URL' | 'TRUST_FORWARDED_HEADERS' | 'NAMESPACE_ACCESS_TTL_SECONDS'
  | 'AUTH_HEADER_SECRET'
>;

export type Auth = ReturnType<typeof createAuth>;

const digest = (token: string) => createHash('sha256').update(token).digest('base64url');

/** The header the authenticating proxy proves itself with (AUTH_HEADER_SECRET). */
export const PROXY_SECRET_HEADER = 'x-ambient-lens-proxy-secret';

/** The bearer token a trusted proxy (oauth-proxy) passes: X-Forwarded-Access-Token or Authorization; 400 when malformed. */
function proxiedToken(headers: Headers): string | undefined {
  const forwarded = headers.get('x-forwarded-access-token')?.trim();
  const token = forwarded || /^Bearer\s+(.+?)\s*$/i.exec(headers.get('authorization') ?? '')?.[1];
  if (token === undefined) return undefined;
  const problem = bearerTokenProblem(token);
  if (problem) throw badRequest(forwarded ? 'x-forwarded-access-token' : 'authorization', `the token ${problem}`);
  return token;
}

function sameSecret(given: string | null, expected: string): boolean {
  const a = createHash('sha256').update(given ?? '').digest();
  const b = createHash('sha256').update(expected).digest();
  return given !== null && timingSafeEqual(a, b);
}

/** Failed token reviews: remembered 30 s; a client causing 10 within a minute waits. */
const REVIEW_GUARD = { failedTtlMs: 30_000, maxFailuresPerClient: 10, windowMs: 60_000 };

/** A review failure that says the token is bad (not that the cluster is down): worth remembering. */
const tokenRejected = (err: unknown): boolean => err instanceof AppError && (err.code === 'unauthenticated' || err.code === 'forbidden');

export function createAuth(e: AuthEnv, guardOptions: Partial<ConstructorParameters<typeof ReviewGuard>[0]> = {}) {
  const guard = new ReviewGuard({ ...REVIEW_GUARD, ...guardOptions });
  let serviceAccount: KubeConfig | undefined;
  let keys: { session: Buffer; oauthState: Buffer } | undefined;
  const identities = new TtlCache<Identity>(30_000);
  const namespaceAccess = new TtlCache<NamespaceAccess>(e.NAMESPACE_ACCESS_TTL_SECONDS * 1000);

  /** The dashboard's own credentials: KUBECONFIG when set, else the pod's service account. */
  function serviceAccountKubeConfig(): KubeConfig {
    if (!serviceAccount) {
      const kc = new KubeConfig();
      const file = e.KUBECONFIG;
      if (file) kc.loadFromFile(file);
      else kc.loadFromCluster();
      // Outside a pod loadFromCluster yields "https://undefined:undefined": say what is missing instead.
      if (!file && (kc.getCurrentCluster()?.server ?? '').includes('undefined')) {
        throw new AppError('kubernetes_unreachable', 'No KUBECONFIG is set and this is not running in a pod');
      }
      serviceAccount = kc;
    }
    return serviceAccount;
  }

  /** TLS trust for calls to the API server outside client-node (OAuth discovery). */
  function apiServerTrust(): TlsTrust {
    const cluster = serviceAccountKubeConfig().getCurrentCluster();
    if (!cluster) return {};
    if (cluster.skipTLSVerify) return { insecureSkipVerify: true };
    if (cluster.caData) return { ca: Buffer.from(cluster.caData, 'base64') };
    if (cluster.caFile) return { ca: readFileSync(cluster.caFile) };
    return {};
  }

  function authKeys(): { session: Buffer; oauthState: Buffer } {
    const secret = e.SESSION_SECRET;
    if (!secret) throw new AppError('internal', 'SESSION_SECRET is not set');
    keys ??= { session: deriveKey(secret, 'session'), oauthState: deriveKey(secret, 'oauth-state') };
    return keys;
  }

  function requestOrigin(request: Request): PublicOrigin {
    return publicOrigin(request.headers, request.url, { trustForwarded: e.TRUST_FORWARDED_HEADERS, ...(e.PUBLIC_URL ? { publicUrl: e.PUBLIC_URL } : {}) });
  }

  /** Absolute URL of an app path (BASE_PATH is prepended) as the browser sees it. */
  const publicUrl = (request: Request, path: string): string => `${requestOrigin(request).origin}${e.BASE_PATH}${path}`;

  const cookieFlags = (request: Request, maxAgeSeconds: number): CookieFlags => ({
    secure: requestOrigin(request).proto === 'https',
    path: e.BASE_PATH || '/',
    maxAgeSeconds,
  });

  /**
   * Identity of a token (cached briefly by its digest; the token itself is never a key or logged).
   * A token the cluster refused is refused again from memory, and a client (by address, as far as
   * it is known) whose tokens keep failing gets a 429 before any review reaches the API server.
   */
  async function identifyToken(token: string, client = 'unknown'): Promise<Identity> {
    const problem = bearerTokenProblem(token);
    if (problem) throw badRequest('token', problem);
    const key = digest(token);
    const failed = guard.recentFailure(key);
    if (failed) throw failed;
    const verdict = guard.admit(client);
    if (!verdict.ok) throw new AppError('too_many_requests', `Too many rejected tokens from this client; try again in ${verdict.retryAfterSeconds} s`);
    try {
      return await identities.get(key, () => {
        const sa = serviceAccountKubeConfig();
        return identify(kubeConfigForToken(sa, token), token, sa);
      });
    } catch (err) {
      if (tokenRejected(err)) guard.recordFailure(key, client, err);
      throw err;
    }
  }

  const clientOf = (headers: Headers): string => clientAddress(headers, e.TRUST_FORWARDED_HEADERS) ?? 'unknown';

  /** The user behind a request's headers; throws AppError 'unauthenticated' (401). */
  async function userFromHeaders(headers: Headers): Promise<User> {
    switch (e.AUTH_STRATEGY) {
      case 'anonymous':
        return ANONYMOUS_USER;
      case 'token':
      case 'openshift': {
        const session = openSession(readCookie(headers.get('cookie'), SESSION_COOKIE), authKeys().session, e.AUTH_STRATEGY);
        if (!session) throw new AppError('unauthenticated', 'Log in to continue');
        return makeUser(session, session.strategy, session.token);
      }
      case 'header': {
        // The trust boundary: only the proxy knows the secret (or, without one, only the pod reaches a loopback listener).
        const secret = e.AUTH_HEADER_SECRET;
        if (secret && !sameSecret(headers.get(PROXY_SECRET_HEADER), secret)) {
          throw new AppError('unauthenticated', 'The request did not come through the authenticating proxy');
        }
        const token = proxiedToken(headers);
        if (!token) throw new AppError('unauthenticated', 'The authenticating proxy passed no token (Authorization or X-Forwarded-Access-Token)');
        return makeUser(await identifyToken(token, clientOf(headers)), 'header', token);
      }
    }
  }

  const requestUser = (request: Request): Promise<User> => userFromHeaders(request.headers);

  /**
   * The namespaces this user may see, decided by the cluster with the user's own token
   * (SelfSubjectAccessReview for list pods); 'all' for anonymous and cluster-wide readers.
   */
  function accessibleNamespaces(user: User): Promise<NamespaceAccess> {
    if (user.strategy === 'anonymous' || !user.token) return Promise.resolve('all');
    const token = user.token;
    return namespaceAccess.get(digest(token), () => {
      const sa = serviceAccountKubeConfig();
      return resolveNamespaceAccess(kubeConfigForToken(sa, token), sa);
    });
  }

  return {
    serviceAccountKubeConfig,
    apiServerTrust,
    authKeys,
    requestOrigin,
    publicUrl,
    cookieFlags,
    sessionCookie: (request: Request, sealed: string) => serializeCookie(SESSION_COOKIE, sealed, cookieFlags(request, e.SESSION_TTL_SECONDS)),
    clearSessionCookie: (request: Request) => expireCookie(SESSION_COOKIE, cookieFlags(request, 0)),
    oauthStateCookie: (request: Request, sealed: string) => serializeCookie(OAUTH_STATE_COOKIE, sealed, cookieFlags(request, 600)),
    clearOAuthStateCookie: (request: Request) => expireCookie(OAUTH_STATE_COOKIE, cookieFlags(request, 0)),
    identifyToken,
    userFromHeaders,
    requestUser,
    accessibleNamespaces,

    /** For Server Components: the user, or undefined when nobody is logged in. */
    async pageUser(): Promise<User | undefined> {
      try {
        return await userFromHeaders(new Headers(await requestHeaders()));
      } catch (err) {
        if (err instanceof AppError && err.code === 'unauthenticated') return undefined;
        throw err;
      }
    },

    /** The requesting user's namespaces for the lib filters: undefined means every namespace. */
    async requestAccess(request: Request): Promise<Access> {
      const access = await accessibleNamespaces(await requestUser(request));
      return access === 'all' ? undefined : access;
    },

    /**
     * The requesting user's namespaces (as requestAccess), after a 403 when the namespace a
     * query names (its `namespace` parameter) is one they may not see.
     */
    async requestAccessTo(request: Request, namespace: string | undefined): Promise<Access> {
      const access = await accessibleNamespaces(await requestUser(request));
      if (access === 'all') return undefined;
      if (namespace !== undefined && !access.has(namespace)) throw new AppError('forbidden', `No access to namespace ${namespace}`, 'namespace');
      return access;
    },

    /**
     * The graph routes' viewer: 403 unless every namespace asked for is one the user may see, then
     * the namespaces they may see (absent: every one) for the build's redaction.
     */
    async graphViewer(request: Request, namespaces: readonly string[]): Promise<{ accessibleNamespaces?: ReadonlySet<string> }> {
      const user = await requestUser(request);
      await this.requireNamespaces(user, namespaces);
      const access = await accessibleNamespaces(user);
      return access === 'all' ? {} : { accessibleNamespaces: access };
    },

    /** Throws 403 unless every namespace asked for is one the user may see. */
    async requireNamespaces(user: User, namespaces: readonly string[]): Promise<void> {
      const access = await accessibleNamespaces(user);
      if (access === 'all') return;
      const denied = namespaces.filter((ns) => !access.has(ns));
      if (denied.length > 0) throw new AppError('forbidden', `No access to namespace${denied.length > 1 ? 's' : ''} ${denied.join(', ')}`, 'namespaces');
    },
  };
}
