// Test-only client: one HTTP GET through client-node's PortForward (the production helper
// lives in lib/kube). Writes the request into the tunnel, reads until the server closes it.
import { PassThrough } from 'node:stream';
import { PortForward, type KubeConfig } from '@kubernetes/client-node';

export interface TunnelledResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** The error channel carried a message (e.g. nothing listens on the port). */
export class PortForwardError extends Error {
  override name = 'PortForwardError';
}

export function parseHttpResponse(raw: Buffer): TunnelledResponse {
  const end = raw.indexOf('\r\n\r\n');
  if (end < 0) throw new Error(`incomplete HTTP response (${raw.length} bytes)`);
  const [statusLine = '', ...lines] = raw.subarray(0, end).toString('latin1').split('\r\n');
  const m = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine);
  if (!m) throw new Error(`bad HTTP status line: ${statusLine}`);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const length = Number(headers['content-length'] ?? raw.length - end - 4);
  const body = raw.subarray(end + 4, end + 4 + length);
  if (body.length !== length) throw new Error(`truncated body: ${body.length} of ${length} bytes`);
  return { status: Number(m[1]), headers, body: body.toString('utf8') };
}

export async function fetchThroughPortForward(
  kubeConfig: KubeConfig,
  namespace: string,
  pod: string,
  port: number,
  path: string,
  timeoutMs = 5000,
): Promise<TunnelledResponse> {
  const output = new PassThrough();
  const errors = new PassThrough();
  const input = new PassThrough();
  const received: Buffer[] = [];
  const errorText: Buffer[] = [];
  output.on('data', (c: Buffer) => received.push(c));
  errors.on('data', (c: Buffer) => errorText.push(c));
  // A refused upgrade rejects with a WebSocket ErrorEvent ("Unexpected server response: 404").
  const socket = await new PortForward(kubeConfig, true).portForward(namespace, pod, [port], output, errors, input).catch((event: unknown) => {
    const message = typeof event === 'object' && event !== null && 'message' in event ? String(event.message) : String(event);
    throw new Error(`port-forward upgrade failed: ${message}`);
  });
  if (typeof socket === 'function') throw new Error('unexpected restartable port-forward');
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.terminate();
      reject(new Error(`port-forward to ${namespace}/${pod}:${port} timed out after ${timeoutMs} ms`));
    }, timeoutMs);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve();
    });
    input.write(`GET ${path} HTTP/1.1\r\nHost: localhost:${port}\r\nUser-Agent: ambient-lens-test\r\nAccept: */*\r\n\r\n`);
  });
  const message = Buffer.concat(errorText).toString('utf8');
  if (message) throw new PortForwardError(message);
  return parseHttpResponse(Buffer.concat(received));
}
