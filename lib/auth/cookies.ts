// Cookie names and flags. HttpOnly always, Secure when the browser reached us over https (as the
// Route/Ingress says in X-Forwarded-Proto), SameSite=Lax so the OAuth redirect back still carries them.

export const SESSION_COOKIE = 'ambient_lens_session';
export const OAUTH_STATE_COOKIE = 'ambient_lens_oauth';

export interface CookieFlags {
  secure: boolean;
  /** BASE_PATH or '/'. */
  path: string;
  maxAgeSeconds: number;
}

const cookieValue = /^[A-Za-z0-9._~-]*$/;

export function serializeCookie(name: string, value: string, flags: CookieFlags): string {
  if (!cookieValue.test(value)) throw new Error(`cookie ${name}: value must be base64url`);
  const parts = [`${name}=${value}`, `Path=${flags.path || '/'}`, `Max-Age=${Math.max(0, Math.floor(flags.maxAgeSeconds))}`, 'HttpOnly', 'SameSite=Lax'];
  if (flags.secure) parts.push('Secure');
  return parts.join('; ');
}

export function expireCookie(name: string, flags: Omit<CookieFlags, 'maxAgeSeconds'>): string {
  return serializeCookie(name, '', { ...flags, maxAgeSeconds: 0 });
}

/** One cookie's value from a Cookie request header. */
export function readCookie(header: string | null | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
