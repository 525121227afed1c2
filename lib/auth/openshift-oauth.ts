import 'server-only';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '@/lib/errors';
import { requestJson, type TlsTrust } from './http-json';

// OpenShift OAuth authorization-code login. The OAuth server is discovered from the API server's
// /.well-known/oauth-authorization-server; the browser goes to authorization_endpoint, the server
// exchanges the code at token_endpoint (or OPENSHIFT_OAUTH_TOKEN_URL, the in-cluster Service).

export const oauthMetadataSchema = z.object({
  issuer: z.url(),
  authorization_endpoint: z.url(),
  token_endpoint: z.url(),
});
export type OAuthMetadata = z.infer<typeof oauthMetadataSchema>;

/** OpenShift scope that lets the token act as the user everywhere the user may act. */
export const OPENSHIFT_SCOPE = 'user:full';

export async function discoverOAuthServer(apiServer: string, trust: TlsTrust): Promise<OAuthMetadata> {
  const url = new URL('/.well-known/oauth-authorization-server', apiServer).toString();
  let response;
  try {
    response = await requestJson(url, { method: 'GET' }, trust);
  } catch (err) {
    throw new AppError('kubernetes_unreachable', `OAuth discovery at ${url} failed: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (response.status !== 200) {
    throw new AppError('kubernetes_error', `OAuth discovery at ${url} answered ${response.status}: is this an OpenShift cluster?`);
  }
  const parsed = oauthMetadataSchema.safeParse(response.body);
  if (!parsed.success) throw new AppError('kubernetes_error', `OAuth discovery at ${url} returned an unexpected document`);
  return parsed.data;
}

export function newOAuthStateValue(): string {
  return randomBytes(24).toString('base64url');
}

export function authorizationUrl(metadata: OAuthMetadata, params: { clientId: string; redirectUri: string; state: string }): string {
  const url = new URL(metadata.authorization_endpoint);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', params.clientId);
  url.searchParams.set('redirect_uri', params.redirectUri);
  url.searchParams.set('scope', OPENSHIFT_SCOPE);
  url.searchParams.set('state', params.state);
  return url.toString();
}

const tokenResponseSchema = z.object({ access_token: z.string().min(1), token_type: z.string().optional(), expires_in: z.number().optional() });

/** Exchanges an authorization code for the user's access token (client_secret_basic). */
export async function exchangeCode(
  tokenUrl: string,
  params: { code: string; redirectUri: string; clientId: string; clientSecret: string },
  trust: TlsTrust,
): Promise<{ accessToken: string; expiresInSeconds?: number }> {
  const basic = Buffer.from(`${encodeURIComponent(params.clientId)}:${encodeURIComponent(params.clientSecret)}`).toString('base64');
  const body = new URLSearchParams({ grant_type: 'authorization_code', code: params.code, redirect_uri: params.redirectUri }).toString();
  let response;
  try {
    response = await requestJson(
      tokenUrl,
      { method: 'POST', headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' }, body },
      trust,
    );
  } catch (err) {
    throw new AppError('kubernetes_unreachable', `OAuth token endpoint ${tokenUrl} failed: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (response.status === 400 || response.status === 401) {
    throw new AppError('unauthenticated', 'The OAuth server refused the login (expired code or wrong client secret)');
  }
  const parsed = tokenResponseSchema.safeParse(response.body);
  if (response.status !== 200 || !parsed.success) {
    throw new AppError('kubernetes_error', `OAuth token endpoint ${tokenUrl} answered ${response.status}`);
  }
  return { accessToken: parsed.data.access_token, ...(parsed.data.expires_in ? { expiresInSeconds: parsed.data.expires_in } : {}) };
}
