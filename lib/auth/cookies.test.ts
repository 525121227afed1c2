import { describe, expect, it } from 'vitest';
import { expireCookie, readCookie, serializeCookie } from './cookies';

describe('session cookie flags', () => {
  it('is HttpOnly and SameSite=Lax, Secure only over https', () => {
    const https = serializeCookie('s', 'abc', { secure: true, path: '/', maxAgeSeconds: 60 });
    expect(https.split('; ')).toEqual(['s=abc', 'Path=/', 'Max-Age=60', 'HttpOnly', 'SameSite=Lax', 'Secure']);
    const http = serializeCookie('s', 'abc', { secure: false, path: '/', maxAgeSeconds: 60 });
    expect(http).not.toContain('Secure');
    expect(http).toContain('HttpOnly');
  });

  it('is scoped to BASE_PATH', () => {
    expect(serializeCookie('s', 'abc', { secure: true, path: '/lens', maxAgeSeconds: 60 })).toContain('Path=/lens');
  });

  it('expires with Max-Age=0 and an empty value', () => {
    expect(expireCookie('s', { secure: true, path: '/' })).toMatch(/^s=; Path=\/; Max-Age=0; /);
  });

  it('refuses values that would break the header', () => {
    expect(() => serializeCookie('s', 'a;b', { secure: true, path: '/', maxAgeSeconds: 1 })).toThrow();
  });

  it('reads one cookie among several', () => {
    expect(readCookie('a=1; s=xyz; b=2', 's')).toBe('xyz');
    expect(readCookie('as=1', 's')).toBeUndefined();
    expect(readCookie(null, 's')).toBeUndefined();
  });
});
