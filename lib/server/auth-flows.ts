import 'server-only';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { OAUTH_STATE_COOKIE, readCookie } from '@/lib/auth/cookies';
import { bearerTokenProblem, withoutCredentials } from '@/lib/auth/bearer-token';
import { clientAddress, safeReturnPath } from '@/lib/auth/forwarded';
import { authorizationUrl, discoverOAuthServer, exchangeCode, newOAuthStateValue, type OAuthMetadata } from '@/lib/auth/openshift-oauth';
import { newSession, openOAuthState, seal } from '@/lib/auth/session';
import { makeUser, summarize } from '@/lib/auth/user';
import { AppError, badRequest } from '@/lib/errors';
import type { Auth } from './auth';
import type { Env } from './env';
import type { Logger } from './logger';

// Login, OAuth callback and logout. Tokens travel in POST bodies and sealed cookies only, never in
// URLs or logs; every failure a browser sees is a redirect to /login?error=<code>.

export type LoginErrorCode = 'invalid_token' | 'cluster_unreachable' | 'oauth_state' | 'oauth_denied' | 'oauth_failed';

function redirect(location: string, cookies: string[] = []): Response {
  const headers = new Headers({ location, 'cache-control': 'no-store' });
  for (const c of cookies) headers.append('set-cookie', c);
  return new Response(null, { status: 303, headers });
}

function errorCode(err: unknown): LoginErrorCode {
  if (err instanceof AppError && (err.code === 'unauthenticated' || err.code === 'forbidden')) return 'invalid_token';
  return 'cluster_unreachable';
}

const tokenLogin = z.object({
  token: z
    .string()
    .trim()
    .superRefine((token, ctx) => {
      const problem = bearerTokenProblem(token);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  next: z.string().max(2048).optional(),
});

/** Login bodies are small: a token and a return path. */
const MAX_LOGIN_BODY = 64 * 1024;

/**
 * The login body: a form post from /login or JSON { token }. Anything else (no or another content
 * type, multipart, malformed JSON, an oversized body) is a 400 naming what is wrong.
 */
async function loginBody(request: Request): Promise<{ isForm: boolean; raw: unknown }> {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const isForm = type === 'application/x-www-form-urlencoded';
  if (!isForm && type !== 'application/json') {
    throw badRequest('content-type', 'must be application/x-www-form-urlencoded or application/json');
  }
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > MAX_LOGIN_BODY) throw badRequest('body', `must be at most ${MAX_LOGIN_BODY} bytes`);
  const text = await request.text();
  if (text.length > MAX_LOGIN_BODY) throw badRequest('body', `must be at most ${MAX_LOGIN_BODY} bytes`);
  if (isForm) return { isForm, raw: Object.fromEntries(new URLSearchParams(text)) };
  try {
    return { isForm, raw: JSON.parse(text) as unknown };
  } catch {
    throw badRequest('body', 'must be a JSON object such as {"token": "..."}');
  }
}

export type AuthFlowsEnv = Pick<
  Env,
  'AUTH_STRATEGY' | 'SESSION_TTL_SECONDS' | 'TRUST_FORWARDED_HEADERS' | 'OPENSHIFT_OAUTH_ISSUER' | 'OPENSHIFT_OAUTH_CA_FILE' | 'OPENSHIFT_OAUTH_CLIENT_ID' | 'OPENSHIFT_OAUTH_CLIENT_SECRET' | 'OPENSHIFT_OAUTH_TOKEN_URL'
>;

export type AuthFlows = ReturnType<typeof createAuthFlows>;

export function createAuthFlows({ env: e, auth, logger }: { env: AuthFlowsEnv; auth: Auth; logger: Logger }) {
  const { apiServerTrust, authKeys, clearOAuthStateCookie, clearSessionCookie, identifyToken, oauthStateCookie, publicUrl, requestOrigin, serviceAccountKubeConfig, sessionCookie } = auth;

  function loginPage(request: Request, error: LoginErrorCode | undefined, next: string): string {
    const params = new URLSearchParams();
    if (error) params.set('error', error);
    if (next !== '/') params.set('next', next);
    const query = params.toString();
    return publicUrl(request, `/login${query ? `?${query}` : ''}`);
  }

  /** Cross-site form posts are refused: a browser's Origin must be ours. */
  function assertSameOrigin(request: Request): void {
    const origin = request.headers.get('origin');
    if (origin && origin !== requestOrigin(request).origin) throw new AppError('forbidden', 'Cross-origin request refused');
  }

  /** POST /api/auth/login (AUTH_STRATEGY=token): a form post from /login or JSON { token }. */
  async function loginWithToken(request: Request): Promise<Response> {
    assertSameOrigin(request);
    const { isForm, raw } = await loginBody(request);
    const parsed = tokenLogin.safeParse(raw);
    if (!parsed.success) {
      if (isForm) return redirect(loginPage(request, 'invalid_token', '/'));
      const issue = parsed.error.issues[0];
      throw badRequest(String(issue?.path[0] ?? 'body'), issue?.message ?? 'invalid');
    }
    const next = safeReturnPath(parsed.data.next);
    let identity;
    try {
      identity = await identifyToken(parsed.data.token, clientAddress(request.headers, e.TRUST_FORWARDED_HEADERS));
    } catch (err) {
      logger.info('token login refused', { reason: withoutCredentials(err instanceof Error ? err.message : String(err)) });
      if (isForm) return redirect(loginPage(request, errorCode(err), next));
      throw err instanceof AppError ? err : new AppError('kubernetes_unreachable', 'The cluster did not answer');
    }
    const session = newSession(identity, 'token', parsed.data.token, e.SESSION_TTL_SECONDS);
    const cookie = sessionCookie(request, seal(session, authKeys().session));
    logger.info('login', { user: identity.name, strategy: 'token' });
    if (isForm) return redirect(publicUrl(request, next), [cookie]);
    const response = Response.json({ user: summarize(makeUser(identity, 'token')) });
    response.headers.append('set-cookie', cookie);
    return response;
  }

  let metadata: { value: Promise<OAuthMetadata>; expires: number } | undefined;

  function oauthMetadata(): Promise<OAuthMetadata> {
    const now = Date.now();
    if (!metadata || metadata.expires <= now) {
      const issuer = e.OPENSHIFT_OAUTH_ISSUER;
      const value = issuer ? discoverOAuthServer(issuer, oauthTrust()) : discoverOAuthServer(serviceAccountKubeConfig().getCurrentCluster()?.server ?? '', apiServerTrust());
      metadata = { value, expires: now + 5 * 60_000 };
      value.catch(() => {
        if (metadata?.value === value) metadata = undefined;
      });
    }
    return metadata.value;
  }

  function oauthTrust() {
    const caFile = e.OPENSHIFT_OAUTH_CA_FILE;
    return caFile ? { ca: readFileSync(caFile) } : {};
  }

  function oauthClient(): { clientId: string; clientSecret: string } {
    const { OPENSHIFT_OAUTH_CLIENT_ID: clientId, OPENSHIFT_OAUTH_CLIENT_SECRET: clientSecret } = e;
    if (!clientId || !clientSecret) throw new AppError('internal', 'OPENSHIFT_OAUTH_CLIENT_ID and OPENSHIFT_OAUTH_CLIENT_SECRET are required');
    return { clientId, clientSecret };
  }

  const callbackUrl = (request: Request) => publicUrl(request, '/api/auth/callback');

  /** GET /api/auth/login (AUTH_STRATEGY=openshift): off to the cluster's OAuth server. */
  async function beginOpenShiftLogin(request: Request): Promise<Response> {
    const next = safeReturnPath(new URL(request.url).searchParams.get('next'));
    let meta;
    try {
      meta = await oauthMetadata();
    } catch (err) {
      logger.warn('OAuth discovery failed', { error: err instanceof Error ? err.message : String(err) });
      return redirect(loginPage(request, 'cluster_unreachable', next));
    }
    const state = newOAuthStateValue();
    const sealed = seal({ state, next, expiresAt: Math.floor(Date.now() / 1000) + 600 }, authKeys().oauthState);
    const target = authorizationUrl(meta, { clientId: oauthClient().clientId, redirectUri: callbackUrl(request), state });
    return redirect(target, [oauthStateCookie(request, sealed)]);
  }

  /** GET /api/auth/callback?code&state: exchange the code, open the session. */
  async function finishOpenShiftLogin(request: Request): Promise<Response> {
    const params = new URL(request.url).searchParams;
    const saved = openOAuthState(readCookie(request.headers.get('cookie'), OAUTH_STATE_COOKIE), authKeys().oauthState);
    const next = saved?.next ?? '/';
    const clear = clearOAuthStateCookie(request);
    if (params.get('error')) return redirect(loginPage(request, 'oauth_denied', next), [clear]);
    const code = params.get('code');
    if (!saved || !code || params.get('state') !== saved.state) return redirect(loginPage(request, 'oauth_state', next), [clear]);
    try {
      const meta = await oauthMetadata();
      const { clientId, clientSecret } = oauthClient();
      const { accessToken, expiresInSeconds } = await exchangeCode(
        e.OPENSHIFT_OAUTH_TOKEN_URL ?? meta.token_endpoint,
        { code, redirectUri: callbackUrl(request), clientId, clientSecret },
        oauthTrust(),
      );
      const identity = await identifyToken(accessToken);
      const ttl = Math.min(e.SESSION_TTL_SECONDS, expiresInSeconds ?? Number.POSITIVE_INFINITY);
      const cookie = sessionCookie(request, seal(newSession(identity, 'openshift', accessToken, ttl), authKeys().session));
      logger.info('login', { user: identity.name, strategy: 'openshift' });
      return redirect(publicUrl(request, next), [clear, cookie]);
    } catch (err) {
      logger.warn('OAuth login failed', { error: err instanceof Error ? err.message : String(err) });
      return redirect(loginPage(request, 'oauth_failed', next), [clear]);
    }
  }

  /** POST /api/auth/logout: forget the session (the cookie is the only copy). */
  function logout(request: Request): Response {
    assertSameOrigin(request);
    const strategy = e.AUTH_STRATEGY;
    const target = strategy === 'token' || strategy === 'openshift' ? '/login' : '/';
    return redirect(publicUrl(request, target), [clearSessionCookie(request)]);
  }

  return { loginWithToken, beginOpenShiftLogin, finishOpenShiftLogin, logout };
}
