// The URL the browser used, as a Route, Ingress or nginx in front of us reports it. Absolute URLs
// (login redirects, the OAuth redirect_uri) are built from this, never from the pod's own address.

export interface PublicOrigin {
  proto: 'http' | 'https';
  /** host[:port] as the browser sent it. */
  host: string;
  /** proto://host */
  origin: string;
}

export interface ForwardedOptions {
  /** Read X-Forwarded-* / Forwarded (true behind a Route, Ingress or proxy that sets them). */
  trustForwarded: boolean;
  /** PUBLIC_URL: fixes the origin whatever the headers say. */
  publicUrl?: string;
}

const hostSyntax = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(:\d{1,5})?$/;

function first(value: string | null): string | undefined {
  const head = value?.split(',')[0]?.trim();
  return head ? head : undefined;
}

/** proto and host from an RFC 7239 Forwarded header (first hop). */
function parseForwarded(value: string | null): { proto?: string; host?: string } {
  const hop = first(value);
  if (!hop) return {};
  const out: { proto?: string; host?: string } = {};
  for (const pair of hop.split(';')) {
    const eq = pair.indexOf('=');
    if (eq < 0) continue;
    const key = pair.slice(0, eq).trim().toLowerCase();
    const val = pair.slice(eq + 1).trim().replace(/^"|"$/g, '');
    if (key === 'proto') out.proto = val;
    if (key === 'host') out.host = val;
  }
  return out;
}

function withPort(host: string, port: string | undefined, proto: 'http' | 'https'): string {
  if (!port || /:\d+$/.test(host) || host.endsWith(']')) return host;
  const standard = proto === 'https' ? '443' : '80';
  return port === standard ? host : `${host}:${port}`;
}

export function publicOrigin(headers: Headers, requestUrl: string, options: ForwardedOptions): PublicOrigin {
  if (options.publicUrl) {
    const url = new URL(options.publicUrl);
    return { proto: url.protocol === 'https:' ? 'https' : 'http', host: url.host, origin: url.origin };
  }
  const own = new URL(requestUrl);
  let proto: 'http' | 'https' = own.protocol === 'https:' ? 'https' : 'http';
  let host = headers.get('host') ?? own.host;
  if (options.trustForwarded) {
    const forwarded = parseForwarded(headers.get('forwarded'));
    const fProto = (first(headers.get('x-forwarded-proto')) ?? forwarded.proto)?.toLowerCase();
    if (fProto === 'https' || fProto === 'http') proto = fProto;
    const fHost = first(headers.get('x-forwarded-host')) ?? forwarded.host;
    if (fHost && hostSyntax.test(fHost)) host = withPort(fHost, first(headers.get('x-forwarded-port')), proto);
  }
  if (!hostSyntax.test(host)) host = own.host;
  return { proto, host, origin: `${proto}://${host}` };
}

/** The browser's address: the first X-Forwarded-For hop when trusted. */
export function clientAddress(headers: Headers, trustForwarded: boolean): string | undefined {
  return trustForwarded ? first(headers.get('x-forwarded-for')) : undefined;
}

/**
 * A same-site path to return to after login, relative to BASE_PATH. Anything that could leave the
 * site (//host, /\host, schemes) or loop back to the login page becomes '/'.
 */
export function safeReturnPath(raw: string | null | undefined): string {
  if (!raw || !raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return '/';
  // Control characters (header splitting, browsers' tab/newline stripping) never belong in a path.
  if ([...raw].some((ch) => ch.charCodeAt(0) < 0x20)) return '/';
  const path = raw.split(/[?#]/)[0] ?? '/';
  if (path === '/login' || path.startsWith('/api/auth/')) return '/';
  return raw;
}
