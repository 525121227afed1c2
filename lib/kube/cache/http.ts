// One GET against the API server with the KubeConfig's credentials and TLS settings
// (client-node's applyToHTTPSOptions), for list calls whose raw JSON the cache keeps as sent.
import 'server-only';
import http from 'node:http';
import https from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';

/** A non-2xx answer (or no answer: status 0) from the API server. */
export class KubeHttpError extends Error {
  override name = 'KubeHttpError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function statusMessage(status: number, body: string): string {
  try {
    const parsed = JSON.parse(body) as { message?: unknown };
    if (typeof parsed.message === 'string') return parsed.message;
  } catch {
    // not a Status object: fall through to the HTTP status line
  }
  return `HTTP ${status}`;
}

export async function getJson(kc: KubeConfig, path: string, timeoutMs = 30_000): Promise<unknown> {
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new KubeHttpError(0, 'The kubeconfig has no current cluster');
  const url = new URL(cluster.server.replace(/\/$/, '') + path);
  const options: https.RequestOptions = { method: 'GET', headers: { accept: 'application/json' }, timeout: timeoutMs };
  await kc.applyToHTTPSOptions(options);
  const request = url.protocol === 'https:' ? https.request : http.request;
  return new Promise((resolve, reject) => {
    const req = request(url, options, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', (err) => reject(new KubeHttpError(0, err.message)));
      res.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const status = res.statusCode ?? 0;
        if (status < 200 || status > 299) return reject(new KubeHttpError(status, statusMessage(status, body)));
        try {
          resolve(JSON.parse(body));
        } catch {
          reject(new KubeHttpError(status, `The API server answered ${path} with something that is not JSON`));
        }
      });
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', (err) => reject(new KubeHttpError(0, `Kubernetes API not reachable: ${err.message}`)));
    req.end();
  });
}
