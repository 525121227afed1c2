import { NextResponse, type NextRequest } from 'next/server';
import { SESSION_COOKIE } from '@/lib/auth/cookies';
import { NONCE_HEADER, newNonce, securityHeaders } from '@/lib/auth/csp';
import { publicOrigin } from '@/lib/auth/forwarded';
import { deriveKey, openSession } from '@/lib/auth/session';
import { AppError } from '@/lib/errors';
import { env } from '@/lib/server/env';
import { hasValidEncoding } from '@/lib/server/url-path';

// Runs before every request (Next 16 "proxy", formerly middleware; Node.js runtime):
//  - a fresh CSP nonce per request; Next reads it from the request's CSP header and puts it on
//    its own scripts, the layout on its inline theme script, the graph page on its early fetch;
//  - security headers on every response;
//  - pages need a session under AUTH_STRATEGY token/openshift: without one, off to /login;
//  - a path with malformed percent-encoding: 400 JSON for the API, the app's 404 page otherwise.
// API routes answer 401 themselves (lib/server/auth.ts requestUser), so fetch callers get JSON.

const PUBLIC_PATHS = new Set(['/login', '/healthz', '/readyz', '/metrics', '/favicon.ico', '/icon.svg']);
const PUBLIC_PREFIXES = ['/api/', '/_next/'];

let sessionKey: Buffer | undefined;

function hasSession(request: NextRequest, strategy: 'token' | 'openshift', secret: string): boolean {
  sessionKey ??= deriveKey(secret, 'session');
  return openSession(request.cookies.get(SESSION_COOKIE)?.value, sessionKey, strategy) !== undefined;
}

export function proxy(request: NextRequest): NextResponse {
  const settings = env();
  const origin = publicOrigin(request.headers, request.url, {
    trustForwarded: settings.TRUST_FORWARDED_HEADERS,
    ...(settings.PUBLIC_URL ? { publicUrl: settings.PUBLIC_URL } : {}),
  });
  const nonce = newNonce();
  const headers = securityHeaders({ nonce, dev: settings.NODE_ENV === 'development', https: origin.proto === 'https' });
  const path = request.nextUrl.pathname;

  if (!hasValidEncoding(path)) {
    // Answered here, with the security headers: the router would throw a bare 500 on it.
    const response = path.startsWith('/api/')
      ? NextResponse.json(new AppError('bad_request', 'path: malformed percent-encoding', 'path').toBody(), { status: 400 })
      : NextResponse.rewrite(new URL(`${request.nextUrl.basePath}/_not-found`, request.url), { status: 404 });
    for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
    return response;
  }

  const strategy = settings.AUTH_STRATEGY;
  if ((strategy === 'token' || strategy === 'openshift') && settings.SESSION_SECRET && request.method === 'GET') {
    const isPublic = PUBLIC_PATHS.has(path) || PUBLIC_PREFIXES.some((p) => path.startsWith(p));
    if (!isPublic && !hasSession(request, strategy, settings.SESSION_SECRET)) {
      const next = `${path}${request.nextUrl.search}`;
      const login = new URL(`${request.nextUrl.basePath}/login`, origin.origin);
      if (next !== '/') login.searchParams.set('next', next);
      const response = NextResponse.redirect(login, 307);
      for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
      return response;
    }
  }

  const forwarded = new Headers(request.headers);
  forwarded.set(NONCE_HEADER, nonce);
  forwarded.set('content-security-policy', headers['Content-Security-Policy'] ?? '');
  const response = NextResponse.next({ request: { headers: forwarded } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Every path, static assets included, so every response carries the security headers.
  matcher: ['/:path*'],
};
