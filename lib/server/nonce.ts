import { headers } from 'next/headers';
import { NONCE_HEADER } from '@/lib/auth/csp';

/** This request's CSP nonce (proxy.ts), for a page's inline scripts; reading it renders the page per request. */
export async function requestNonce(): Promise<string | undefined> {
  return (await headers()).get(NONCE_HEADER) ?? undefined;
}
