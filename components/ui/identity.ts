// One identity format everywhere: the SPIFFE ID. Where space is short it loses its scheme and the
// default trust domain, the same way on every page; the full ID stays on hover and copy. Pure.

const SPIFFE = /^spiffe:\/\/([^/]+)\/(.+)$/;
const DEFAULT_TRUST_DOMAIN = 'cluster.local';

/**
 * spiffe://cluster.local/ns/bookinfo/sa/bookinfo-details -> ns/bookinfo/sa/bookinfo-details;
 * another trust domain is kept (spiffe://east.example/ns/a/sa/b -> east.example/ns/a/sa/b) so
 * identities from two meshes never read alike; anything else is shown as it is.
 */
export function shortIdentity(identity: string): string {
  const m = SPIFFE.exec(identity);
  if (!m) return identity;
  const [, trustDomain, path] = m;
  return trustDomain === DEFAULT_TRUST_DOMAIN ? (path ?? identity) : `${trustDomain}/${path}`;
}
