import { describe, expect, it } from 'vitest';
import { clientAddress, publicOrigin, safeReturnPath } from './forwarded';

const trusted = { trustForwarded: true };
const h = (init: Record<string, string>) => new Headers(init);

describe('public origin behind a Route / reverse proxy', () => {
  it('takes proto and host from X-Forwarded-*', () => {
    const o = publicOrigin(h({ host: '10.0.0.5:3000', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'lens.apps.example.com' }), 'http://10.0.0.5:3000/x', trusted);
    expect(o).toEqual({ proto: 'https', host: 'lens.apps.example.com', origin: 'https://lens.apps.example.com' });
  });

  it('uses the first hop of a list and adds a non-default X-Forwarded-Port', () => {
    const o = publicOrigin(
      h({ host: 'pod', 'x-forwarded-proto': 'https,http', 'x-forwarded-host': 'lens.test, inner', 'x-forwarded-port': '8443' }),
      'http://pod/',
      trusted,
    );
    expect(o.origin).toBe('https://lens.test:8443');
    const std = publicOrigin(h({ host: 'pod', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'lens.test', 'x-forwarded-port': '443' }), 'http://pod/', trusted);
    expect(std.origin).toBe('https://lens.test');
  });

  it('understands RFC 7239 Forwarded', () => {
    const o = publicOrigin(h({ host: 'pod', forwarded: 'for=1.2.3.4;host="lens.test";proto=https' }), 'http://pod/', trusted);
    expect(o.origin).toBe('https://lens.test');
  });

  it('ignores forwarded headers when not trusted, and malformed hosts always', () => {
    expect(publicOrigin(h({ host: 'pod:3000', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'evil.test' }), 'http://pod:3000/', { trustForwarded: false }).origin).toBe('http://pod:3000');
    expect(publicOrigin(h({ host: 'pod', 'x-forwarded-host': 'evil.test/path?x' }), 'http://pod/', trusted).origin).toBe('http://pod');
  });

  it('lets PUBLIC_URL win', () => {
    expect(publicOrigin(h({ host: 'pod', 'x-forwarded-host': 'other' }), 'http://pod/', { trustForwarded: true, publicUrl: 'https://lens.example.com/base' }).origin).toBe('https://lens.example.com');
  });

  it('reports the client address from X-Forwarded-For only when trusted', () => {
    expect(clientAddress(h({ 'x-forwarded-for': '203.0.113.9, 10.0.0.1' }), true)).toBe('203.0.113.9');
    expect(clientAddress(h({ 'x-forwarded-for': '203.0.113.9' }), false)).toBeUndefined();
  });
});

describe('return path after login', () => {
  it.each([
    ['/graph?namespaces=bookinfo', '/graph?namespaces=bookinfo'],
    ['//evil.test/x', '/'],
    ['/\\evil.test', '/'],
    ['https://evil.test', '/'],
    ['javascript:alert(1)', '/'],
    ['/login?next=/x', '/'],
    ['/api/auth/logout', '/'],
    [null, '/'],
  ])('%s -> %s', (raw, expected) => {
    expect(safeReturnPath(raw)).toBe(expected);
  });
});
