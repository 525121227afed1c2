// What a bearer token may be before it is used anywhere (a header, a cache key, a log): RFC 6750's
// b64token is visible ASCII; anything else (CR/LF, control characters, spaces, non-ASCII) would
// split headers or end up echoed in an error, so it is refused at the door.

const MAX_TOKEN_LENGTH = 16_384;

/** A problem with a token, in words for a 400; undefined when it is fine. */
export function bearerTokenProblem(token: string): string | undefined {
  if (token.length === 0) return 'required';
  if (token.length > MAX_TOKEN_LENGTH) return `must be at most ${MAX_TOKEN_LENGTH} characters`;
  if (!/^[\x21-\x7E]+$/.test(token)) return 'must be visible ASCII characters only (no spaces, line breaks or control characters)';
  return undefined;
}

/** Any "Bearer <credential>" inside free text (an error message) with the credential removed. */
export function withoutCredentials(text: string): string {
  return text.replace(/(bearer|basic)(\s+)[^\s"',;]+/gi, '$1$2[redacted]');
}
