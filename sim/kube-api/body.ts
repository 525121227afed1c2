// Request bodies: size-limited like kube-apiserver (3 MiB) and parsed as JSON with the
// server's BadRequest wording on failure.
import type { IncomingMessage } from 'node:http';
import type { KubeObject } from '../store';
import { statusErrors } from './status';

const limitBytes = 3 * 1024 * 1024;

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buf.length;
    if (size > limitBytes) throw statusErrors.tooLarge();
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function parseJson(text: string): unknown {
  if (text.trim() === '') throw statusErrors.badRequest('the body of the request was empty');
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw statusErrors.badRequest(`error decoding request body: ${err instanceof Error ? err.message : String(err)}`);
  }
}

export async function readJson(req: IncomingMessage): Promise<unknown> {
  return parseJson(await readBody(req));
}

/** A body that must be a Kubernetes object with metadata. */
export function asKubeObject(body: unknown): KubeObject {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw statusErrors.badRequest("Object 'Kind' is missing in request body: expected a JSON object");
  }
  const obj = body as Record<string, unknown>;
  const metadata = obj.metadata ?? {};
  if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) {
    throw statusErrors.badRequest('json: cannot unmarshal metadata: expected an object');
  }
  return { ...obj, metadata: { ...(metadata as Record<string, unknown>) } } as KubeObject;
}
