import 'server-only';
import { request as httpsRequest } from 'node:https';
import { request as httpRequest } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';

// A small fetch over node:http(s) that trusts an extra CA bundle (PROMETHEUS_CA_FILE). Node 20's global
// fetch cannot take a CA without undici's dispatcher; this covers what the Prometheus client uses:
// method, headers, string body, AbortSignal, gzip.

export type FetchLike = (url: string, init: { method: string; headers: Record<string, string>; body?: string; signal?: AbortSignal }) => Promise<Response>;

export function fetchWithCa(caFile: string): FetchLike {
  const ca = readFileSync(caFile);
  return (url, init) =>
    new Promise<Response>((resolve, reject) => {
      const target = new URL(url);
      const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
      const req = send(
        target,
        { method: init.method, headers: { ...init.headers, 'accept-encoding': 'gzip' }, ca, signal: init.signal },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', reject);
          res.on('end', () => {
            try {
              const raw = Buffer.concat(chunks);
              const body = res.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw;
              const headers = new Headers();
              for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string' && k !== 'content-encoding') headers.set(k, v);
              resolve(new Response(body, { status: res.statusCode ?? 502, headers }));
            } catch (err) {
              reject(err);
            }
          });
        },
      );
      req.on('error', reject);
      req.end(init.body);
    });
}
