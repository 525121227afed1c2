import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, newNonce, securityHeaders } from './csp';

const directives = (csp: string) => new Map(csp.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)] as const));

describe('Content-Security-Policy', () => {
  it('allows only nonce-bearing scripts in production, no eval, no framing', () => {
    const d = directives(contentSecurityPolicy({ nonce: 'abc123', dev: false, https: true }));
    expect(d.get('script-src')).toEqual(["'self'", "'nonce-abc123'", "'strict-dynamic'"]);
    expect(d.get('script-src')).not.toContain("'unsafe-inline'");
    expect(d.get('frame-ancestors')).toEqual(["'none'"]);
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(d.has('upgrade-insecure-requests')).toBe(true);
  });

  it('adds eval and websockets only in development, and no upgrade over http', () => {
    const d = directives(contentSecurityPolicy({ nonce: 'n', dev: true, https: false }));
    expect(d.get('script-src')).toContain("'unsafe-eval'");
    expect(d.get('connect-src')).toContain('ws:');
    expect(d.has('upgrade-insecure-requests')).toBe(false);
  });

  it('sends the other security headers, HSTS only over https', () => {
    const headers = securityHeaders({ nonce: 'n', dev: false, https: false });
    expect(headers['X-Content-Type-Options']).toBe('nosniff');
    expect(headers['Referrer-Policy']).toBe('same-origin');
    expect(headers['Strict-Transport-Security']).toBeUndefined();
    expect(securityHeaders({ nonce: 'n', dev: false, https: true })['Strict-Transport-Security']).toMatch(/max-age=\d+/);
  });

  it('makes unguessable, distinct nonces', () => {
    const nonces = new Set(Array.from({ length: 200 }, newNonce));
    expect(nonces.size).toBe(200);
    for (const n of nonces) expect(Buffer.from(n, 'base64')).toHaveLength(16);
  });
});
