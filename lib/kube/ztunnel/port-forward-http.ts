// HTTP GET through a Kubernetes port-forward (client-node's PortForward over WebSocket): how
// ztunnel's admin port 15000, bound to localhost in the pod, can be read at all.
import 'server-only';
import { PassThrough, Writable } from 'node:stream';
import { PortForward, type KubeConfig } from '@kubernetes/client-node';
import { KubeLayerError } from '../errors';
import { parseHttpResponse, type HttpResponse } from './http-response';

function collector(onData: (chunk: Buffer) => void): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, callback) {
      onData(Buffer.from(chunk));
      callback();
    },
  });
}

export async function httpGetViaPortForward(
  kc: KubeConfig,
  target: { namespace: string; pod: string; port: number; path: string },
  timeoutMs: number,
): Promise<HttpResponse> {
  const where = `${target.namespace}/${target.pod}:${target.port}`;
  const input = new PassThrough();
  const received: Buffer[] = [];
  let errorText = '';
  let finish: ((err: Error | undefined, res?: HttpResponse) => void) | undefined;
  const tryParse = (ended: boolean) => {
    try {
      const res = parseHttpResponse(Buffer.concat(received), ended);
      if (res) finish?.(undefined, res);
    } catch (err) {
      finish?.(new Error(errorText.trim() || (err instanceof Error ? err.message : String(err))));
    }
  };
  const output = collector((chunk) => {
    received.push(chunk);
    tryParse(false);
  });
  const errors = collector((chunk) => {
    errorText += chunk.toString('utf8');
  });

  let socket: { close(): void; on(event: 'close', cb: () => void): void } | undefined;
  const response = new Promise<HttpResponse>((resolve, reject) => {
    const timer = setTimeout(() => finish?.(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    finish = (err, res) => {
      finish = undefined;
      clearTimeout(timer);
      if (err || !res) reject(err ?? new Error('no response'));
      else resolve(res);
    };
  });
  // Rejections are read through `await response` below; this keeps an early failure from going unhandled.
  response.catch(() => undefined);
  try {
    const ws = await new PortForward(kc).portForward(target.namespace, target.pod, [target.port], output, errors, input);
    if (typeof ws === 'function') throw new Error('unexpected restartable port-forward');
    socket = ws;
    ws.on('close', () => setImmediate(() => tryParse(true)));
    input.write(`GET ${target.path} HTTP/1.1\r\nHost: localhost:${target.port}\r\nUser-Agent: ambient-lens\r\nAccept: application/json\r\nConnection: close\r\n\r\n`);
    return await response;
  } catch (err) {
    finish?.(new Error('aborted'));
    const message = err instanceof Error ? err.message : String(err);
    throw new KubeLayerError('ztunnel_unreachable', `Port-forward to ${where} failed: ${message}`);
  } finally {
    input.end();
    socket?.close();
  }
}
