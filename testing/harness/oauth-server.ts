import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// A small OpenShift-like OAuth server for tests: /oauth/authorize shows who may log in (one button
// per user), /oauth/token exchanges a one-time code for that user's bearer token. discovery() is
// the document the API server serves at /.well-known/oauth-authorization-server.

export interface OAuthServerOptions {
  clientId: string;
  clientSecret: string;
  /** user name -> the bearer token the cluster knows them by */
  users: Record<string, string>;
}

export interface TestOAuthServer {
  url: string;
  discovery(): { issuer: string; authorization_endpoint: string; token_endpoint: string };
  /** Serves the discovery document (use as the simulated API server's extraHandler). */
  wellKnownHandler: (req: IncomingMessage, res: ServerResponse) => boolean;
  /** How many codes were exchanged (each works once). */
  exchanges(): number;
  close(): Promise<void>;
}

const html = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export async function startOAuthServer(options: OAuthServerOptions, port = 0): Promise<TestOAuthServer> {
  const codes = new Map<string, { user: string; redirectUri: string }>();
  let exchanged = 0;
  let base = '';

  const readBody = (req: IncomingMessage) =>
    new Promise<string>((resolve) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => resolve(body));
    });

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', base);
    if (url.pathname === '/.well-known/oauth-authorization-server') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(discovery()));
      return;
    }
    if (url.pathname === '/oauth/authorize' || url.pathname === '/oauth/approve') {
      const q = url.searchParams;
      if (q.get('client_id') !== options.clientId || q.get('response_type') !== 'code' || !q.get('redirect_uri')) {
        res.writeHead(400, { 'content-type': 'text/plain' }).end('invalid_request');
        return;
      }
      const user = q.get('user');
      if (url.pathname === '/oauth/approve' && user && options.users[user]) {
        const code = randomBytes(16).toString('hex');
        codes.set(code, { user, redirectUri: q.get('redirect_uri') ?? '' });
        const back = new URL(q.get('redirect_uri') ?? '');
        back.searchParams.set('code', code);
        back.searchParams.set('state', q.get('state') ?? '');
        res.writeHead(302, { location: back.toString() }).end();
        return;
      }
      const buttons = Object.keys(options.users)
        .map((name) => {
          const approve = new URLSearchParams(q);
          approve.set('user', name);
          return `<li><a href="/oauth/approve?${html(approve.toString())}">Log in as ${html(name)}</a></li>`;
        })
        .join('');
      res.writeHead(200, { 'content-type': 'text/html' }).end(`<!doctype html><title>Test OAuth</title><h1>Test OAuth server</h1><ul>${buttons}</ul>`);
      return;
    }
    if (url.pathname === '/oauth/token' && req.method === 'POST') {
      const form = new URLSearchParams(await readBody(req));
      const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      const [id, secret] = basic ? Buffer.from(basic, 'base64').toString('utf8').split(':').map(decodeURIComponent) : [];
      if (id !== options.clientId || secret !== options.clientSecret) {
        res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'unauthorized_client' }));
        return;
      }
      const grant = codes.get(form.get('code') ?? '');
      codes.delete(form.get('code') ?? '');
      if (form.get('grant_type') !== 'authorization_code' || !grant || grant.redirectUri !== form.get('redirect_uri')) {
        res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'invalid_grant' }));
        return;
      }
      exchanged += 1;
      const token = options.users[grant.user] ?? '';
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ access_token: token, token_type: 'Bearer', expires_in: 86400, scope: 'user:full' }));
      return;
    }
    res.writeHead(404).end();
  });
  const discovery = () => ({ issuer: base, authorization_endpoint: `${base}/oauth/authorize`, token_endpoint: `${base}/oauth/token` });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    discovery,
    wellKnownHandler: (req, res) => {
      if (!req.url?.startsWith('/.well-known/oauth-authorization-server')) return false;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(discovery()));
      return true;
    },
    exchanges: () => exchanged,
    close: () => new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
