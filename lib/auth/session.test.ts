import { describe, expect, it } from 'vitest';
import { deriveKey, newSession, openOAuthState, openSession, seal, unseal } from './session';

const secret = 'a-test-secret-that-is-long-enough-0123456789';
const key = deriveKey(secret, 'session');

describe('sealed sessions (AES-256-GCM)', () => {
  const session = newSession({ name: 'alice', groups: ['dev'] }, 'token', 'tok-alice', 3600, 1_000);

  it('round-trips a session and hides the token from the cookie text', () => {
    const sealed = seal(session, key);
    expect(sealed).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain('tok-alice');
    expect(Buffer.from(sealed, 'base64url').toString('latin1')).not.toContain('alice');
    expect(openSession(sealed, key, 'token', 2_000)).toEqual(session);
  });

  it('uses a fresh IV each time', () => {
    expect(seal(session, key)).not.toBe(seal(session, key));
  });

  it('refuses a tampered cookie', () => {
    const raw = Buffer.from(seal(session, key), 'base64url');
    raw[raw.length - 1] = (raw[raw.length - 1] ?? 0) ^ 1;
    expect(openSession(raw.toString('base64url'), key, 'token', 2_000)).toBeUndefined();
  });

  it('refuses a cookie sealed under another secret or for another purpose', () => {
    const sealed = seal(session, key);
    expect(openSession(sealed, deriveKey(`${secret}x`, 'session'), 'token', 2_000)).toBeUndefined();
    expect(unseal(sealed, deriveKey(secret, 'oauth-state'))).toBeUndefined();
  });

  it('expires at expiresAt', () => {
    const sealed = seal(session, key);
    expect(openSession(sealed, key, 'token', 4_599)).toBeDefined();
    expect(openSession(sealed, key, 'token', 4_600)).toBeUndefined();
  });

  it('does not serve a session of another strategy', () => {
    expect(openSession(seal(session, key), key, 'openshift', 2_000)).toBeUndefined();
  });

  it('refuses garbage, truncation and a JSON payload of the wrong shape', () => {
    expect(openSession('not-a-cookie', key, 'token', 2_000)).toBeUndefined();
    expect(openSession(seal(session, key).slice(0, 20), key, 'token', 2_000)).toBeUndefined();
    expect(openSession(seal({ name: 'x' }, key), key, 'token', 2_000)).toBeUndefined();
    expect(openSession(undefined, key, 'token', 2_000)).toBeUndefined();
  });

  it('keeps OAuth state only until it expires', () => {
    const stateKey = deriveKey(secret, 'oauth-state');
    const sealed = seal({ state: 'abcdefghijklmnopqrstuvwx', next: '/graph', expiresAt: 100 }, stateKey);
    expect(openOAuthState(sealed, stateKey, 99)?.next).toBe('/graph');
    expect(openOAuthState(sealed, stateKey, 100)).toBeUndefined();
  });
});
