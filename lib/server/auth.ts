import 'server-only';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { KubeConfig } from '@kubernetes/client-node';
import { headers as requestHeaders } from 'next/headers';
import { OAUTH_STATE_COOKIE, SESSION_COOKIE, expireCookie, readCookie, serializeCookie, type CookieFlags } from '@/lib/auth/cookies';
import { publicOrigin, type PublicOrigin } from '@/lib/auth/forwarded';
import type { TlsTrust } from '@/lib/auth/http-json';
import { identify, kubeConfigForToken, type Identity } from '@/lib/auth/kube-user';
import { resolveNamespaceAccess, TtlCache, type NamespaceAccess } from '@/lib/auth/namespace-access';
import { deriveKey, openSession } from '@/lib/auth/session';
import { ANONYMOUS_USER, makeUser, type User } from '@/lib/auth/user';
import { env } from './env';
import { AppError } from './errors';

// What routes and pages use to know who is asking and what they may see. Strategy: AUTH_STRATEGY.

export type { User } from '@/lib/auth/user';
export type { NamespaceAccess } from '@/lib/auth/namespace-access';

let serviceAccount: KubeConfig | undefined;

/** The dashboard's own credentials: KUBECONFIG when set, else the pod's service account. */
export function serviceAccountKubeConfig(): KubeConfig {
  if (!serviceAccount) {
    const kc = new KubeConfig();
    const file = env().KUBECONFIG;
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
export function apiServerTrust(): TlsTrust {
  const cluster = serviceAccountKubeConfig().getCurrentCluster();
  if (!cluster) return {};
  if (cluster.skipTLSVerify) return { insecureSkipVerify: true };
  if (cluster.caData) return { ca: Buffer.from(cluster.caData, 'base64') };
  if (cluster.caFile) return { ca: readFileSync(cluster.caFile) };
  return {};
}

const digest = (token: string) => createHash('sha256').update(token).digest('base64url');

let keys: { session: Buffer; oauthState: Buffer } | undefined;
export function authKeys(): { session: Buffer; oauthState: Buffer } {
  const secret = env().SESSION_SECRET;
  if (!secret) throw new AppError('internal', 'SESSION_SECRET is not set');
  keys ??= { session: deriveKey(secret, 'session'), oauthState: deriveKey(secret, 'oauth-state') };
  return keys;
}

export function requestOrigin(request: Request): PublicOrigin {
  const e = env();
  return publicOrigin(request.headers, request.url, { trustForwarded: e.TRUST_FORWARDED_HEADERS, ...(e.PUBLIC_URL ? { publicUrl: e.PUBLIC_URL } : {}) });
}

/** Absolute URL of an app path (BASE_PATH is prepended) as the browser sees it. */
export function publicUrl(request: Request, path: string): string {
  return `${requestOrigin(request).origin}${env().BASE_PATH}${path}`;
}

export function cookieFlags(request: Request, maxAgeSeconds: number): CookieFlags {
  return { secure: requestOrigin(request).proto === 'https', path: env().BASE_PATH || '/', maxAgeSeconds };
}

export function sessionCookie(request: Request, sealed: string): string {
  return serializeCookie(SESSION_COOKIE, sealed, cookieFlags(request, env().SESSION_TTL_SECONDS));
}
export function clearSessionCookie(request: Request): string {
  return expireCookie(SESSION_COOKIE, cookieFlags(request, 0));
}
export function oauthStateCookie(request: Request, sealed: string): string {
  return serializeCookie(OAUTH_STATE_COOKIE, sealed, cookieFlags(request, 600));
}
export function clearOAuthStateCookie(request: Request): string {
  return expireCookie(OAUTH_STATE_COOKIE, cookieFlags(request, 0));
}

/** The bearer token a trusted proxy (oauth-proxy) passes: X-Forwarded-Access-Token or Authorization. */
function proxiedToken(headers: Headers): string | undefined {
  const forwarded = headers.get('x-forwarded-access-token')?.trim();
  if (forwarded) return forwarded;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(headers.get('authorization') ?? '');
  return m?.[1];
}

const identities = new TtlCache<Identity>(30_000);

/** Identity of a token (cached briefly by its digest; the token itself is never a key or logged). */
export function identifyToken(token: string): Promise<Identity> {
  return identities.get(digest(token), () => {
    const sa = serviceAccountKubeConfig();
    return identify(kubeConfigForToken(sa, token), token, sa);
  });
}

/** The user behind a request's headers; throws AppError 'unauthenticated' (401). */
export async function userFromHeaders(headers: Headers): Promise<User> {
  const e = env();
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
      const token = proxiedToken(headers);
      if (!token) throw new AppError('unauthenticated', 'The authenticating proxy passed no token (Authorization or X-Forwarded-Access-Token)');
      return makeUser(await identifyToken(token), 'header', token);
    }
  }
}

export function requestUser(request: Request): Promise<User> {
  return userFromHeaders(request.headers);
}

/** For Server Components: the user, or undefined when nobody is logged in. */
export async function pageUser(): Promise<User | undefined> {
  try {
    return await userFromHeaders(new Headers(await requestHeaders()));
  } catch (err) {
    if (err instanceof AppError && err.code === 'unauthenticated') return undefined;
    throw err;
  }
}

let namespaceAccessCache: TtlCache<NamespaceAccess> | undefined;

/**
 * The namespaces this user may see, decided by the cluster with the user's own token
 * (SelfSubjectAccessReview for list pods); 'all' for anonymous and cluster-wide readers.
 */
export function accessibleNamespaces(user: User): Promise<NamespaceAccess> {
  if (user.strategy === 'anonymous' || !user.token) return Promise.resolve('all');
  const token = user.token;
  namespaceAccessCache ??= new TtlCache<NamespaceAccess>(env().NAMESPACE_ACCESS_TTL_SECONDS * 1000);
  return namespaceAccessCache.get(digest(token), () => {
    const sa = serviceAccountKubeConfig();
    return resolveNamespaceAccess(kubeConfigForToken(sa, token), sa);
  });
}

/** Throws 403 unless every namespace asked for is one the user may see. */
export async function requireNamespaces(user: User, namespaces: readonly string[]): Promise<void> {
  const access = await accessibleNamespaces(user);
  if (access === 'all') return;
  const denied = namespaces.filter((ns) => !access.has(ns));
  if (denied.length > 0) throw new AppError('forbidden', `No access to namespace${denied.length > 1 ? 's' : ''} ${denied.join(', ')}`, 'namespaces');
}
