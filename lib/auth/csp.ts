// Security headers for every response. Scripts: only Next's own (nonce + 'strict-dynamic'), so the
// nonce comes fresh per request from proxy.ts. Styles allow 'unsafe-inline': React style props and
// cytoscape set inline styles, and a nonce cannot cover style attributes.

/** The request header proxy.ts hands the nonce to pages on (lib/server/nonce.ts reads it). */
export const NONCE_HEADER = 'x-nonce';

export interface CspOptions {
  nonce: string;
  /** next dev needs eval (React's debugging) and its HMR websocket. */
  dev: boolean;
  /** Only over https: upgrade-insecure-requests would break plain-http access. */
  https: boolean;
}

export function contentSecurityPolicy({ nonce, dev, https }: CspOptions): string {
  const directives: Array<[string, string[]]> = [
    ['default-src', ["'self'"]],
    ['script-src', ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(dev ? ["'unsafe-eval'"] : [])]],
    ['style-src', ["'self'", "'unsafe-inline'"]],
    ['img-src', ["'self'", 'data:', 'blob:']],
    ['font-src', ["'self'", 'data:']],
    ['connect-src', ["'self'", ...(dev ? ['ws:', 'wss:'] : [])]],
    ['worker-src', ["'self'", 'blob:']],
    ['object-src', ["'none'"]],
    ['base-uri', ["'self'"]],
    ['form-action', ["'self'"]],
    ['frame-ancestors', ["'none'"]],
  ];
  const text = directives.map(([name, values]) => `${name} ${values.join(' ')}`);
  if (https) text.push('upgrade-insecure-requests');
  return text.join('; ');
}

export function securityHeaders(options: CspOptions): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(options),
    'X-Content-Type-Options': 'nosniff',
    // same-origin, not no-referrer: with no-referrer browsers send "Origin: null" on same-site form posts.
    'Referrer-Policy': 'same-origin',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
    ...(options.https ? { 'Strict-Transport-Security': 'max-age=31536000' } : {}),
  };
}

/** 128 random bits, base64: unguessable per request. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
