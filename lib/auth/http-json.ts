import 'server-only';
import http from 'node:http';
import https from 'node:https';

// A minimal JSON-over-HTTP(S) call with its own trust settings: the OAuth discovery document sits on
// the API server (cluster CA), the token endpoint on the OAuth server (service CA or router CA).

export interface TlsTrust {
  /** PEM CA bundle; undefined: Node's default trust (plus NODE_EXTRA_CA_CERTS). */
  ca?: string | Buffer;
  insecureSkipVerify?: boolean;
}

export interface JsonResponse {
  status: number;
  body: unknown;
}

export function requestJson(
  url: string,
  init: { method: 'GET' | 'POST'; headers?: Record<string, string>; body?: string; timeoutMs?: number },
  trust: TlsTrust = {},
): Promise<JsonResponse> {
  const target = new URL(url);
  const client = target.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(
      target,
      {
        method: init.method,
        headers: { accept: 'application/json', ...init.headers },
        timeout: init.timeoutMs ?? 10_000,
        ...(target.protocol === 'https:' ? { ca: trust.ca, rejectUnauthorized: !trust.insecureSkipVerify } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: unknown = text;
          try {
            body = text ? (JSON.parse(text) as unknown) : undefined;
          } catch {
            // Not JSON (an HTML error page): keep the text for the caller's message.
          }
          resolve({ status: res.statusCode ?? 0, body });
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`timed out after ${init.timeoutMs ?? 10_000} ms`)));
    req.on('error', reject);
    if (init.body) req.write(init.body);
    req.end();
  });
}
