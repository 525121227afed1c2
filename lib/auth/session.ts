import 'server-only';
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { z } from 'zod';

// Sessions live in the browser as AES-256-GCM sealed cookies, so any replica serves any user and the
// server keeps no state. The key is derived from SESSION_SECRET; a changed secret logs everyone out.

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A 32-byte AES key for one purpose (sessions, OAuth state), derived from the shared secret. */
export function deriveKey(secret: string, purpose: 'session' | 'oauth-state'): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'ambient-lens', `ambient-lens ${purpose} v${VERSION}`, 32));
}

/** Seals any JSON value: base64url(version | iv | tag | ciphertext). */
export function seal(payload: unknown, key: Buffer): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from([VERSION]));
  const body = Buffer.concat([cipher.update(JSON.stringify(payload), 'utf8'), cipher.final()]);
  return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]).toString('base64url');
}

/** The sealed value, or undefined when it is malformed, tampered with or sealed under another key. */
export function unseal(sealed: string, key: Buffer): unknown {
  const raw = Buffer.from(sealed, 'base64url');
  if (raw.length < 1 + IV_BYTES + TAG_BYTES + 1 || raw[0] !== VERSION) return undefined;
  const iv = raw.subarray(1, 1 + IV_BYTES);
  const tag = raw.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAAD(Buffer.from([VERSION]));
    decipher.setAuthTag(tag);
    const text = Buffer.concat([decipher.update(raw.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    return JSON.parse(text) as unknown;
  } catch {
    // A failed tag check is the expected outcome for a forged or stale cookie, not an error.
    return undefined;
  }
}

export const sessionSchema = z.object({
  strategy: z.enum(['token', 'openshift']),
  name: z.string().min(1),
  groups: z.array(z.string()),
  token: z.string().min(1),
  /** Unix seconds. */
  issuedAt: z.number().int(),
  expiresAt: z.number().int(),
});
export type Session = z.infer<typeof sessionSchema>;

export function newSession(
  identity: { name: string; groups: readonly string[] },
  strategy: Session['strategy'],
  token: string,
  ttlSeconds: number,
  nowSeconds = Math.floor(Date.now() / 1000),
): Session {
  return { strategy, name: identity.name, groups: [...identity.groups], token, issuedAt: nowSeconds, expiresAt: nowSeconds + ttlSeconds };
}

/** A live session from a cookie value, or undefined (missing, forged, expired, other strategy). */
export function openSession(
  sealed: string | undefined,
  key: Buffer,
  strategy: Session['strategy'],
  nowSeconds = Math.floor(Date.now() / 1000),
): Session | undefined {
  if (!sealed) return undefined;
  const parsed = sessionSchema.safeParse(unseal(sealed, key));
  if (!parsed.success) return undefined;
  const session = parsed.data;
  if (session.strategy !== strategy || session.expiresAt <= nowSeconds) return undefined;
  return session;
}

/** The OAuth round trip's state: the CSRF nonce and where to go afterwards. */
export const oauthStateSchema = z.object({
  state: z.string().min(16),
  next: z.string(),
  expiresAt: z.number().int(),
});
export type OAuthState = z.infer<typeof oauthStateSchema>;

export function openOAuthState(sealed: string | undefined, key: Buffer, nowSeconds = Math.floor(Date.now() / 1000)): OAuthState | undefined {
  if (!sealed) return undefined;
  const parsed = oauthStateSchema.safeParse(unseal(sealed, key));
  if (!parsed.success || parsed.data.expiresAt <= nowSeconds) return undefined;
  return parsed.data;
}
