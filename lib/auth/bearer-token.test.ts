import { describe, expect, it } from 'vitest';
import { bearerTokenProblem, withoutCredentials } from './bearer-token';

describe('bearer tokens', () => {
  it('accepts visible ASCII only', () => {
    expect(bearerTokenProblem('eyJhbGciOi.abc-_~+/=')).toBeUndefined();
    for (const bad of ['', 'a b', 'a\r\nb', 'a\u0000', 'tökén', 'a'.repeat(16_385)]) expect(bearerTokenProblem(bad)).toBeDefined();
  });

  it('removes credentials from free text', () => {
    expect(withoutCredentials('Invalid header value "Bearer SECRET-TOKEN-abc123\r\nX: 1"')).toBe('Invalid header value "Bearer [redacted]\r\nX: 1"');
    expect(withoutCredentials('authorization: basic dXNlcjpwYXNz')).toBe('authorization: basic [redacted]');
    expect(withoutCredentials('no credentials here')).toBe('no credentials here');
  });
});
