// pods/{pod}/portforward as kubectl speaks it: `Upgrade: SPDY/3.1` with
// X-Stream-Protocol-Version portforward.k8s.io. For each local connection kubectl opens two
// streams sharing a requestid, an error stream and a data stream, each naming the port. As in the
// WebSocket flavour (portforward.ts), one HTTP/1.1 exchange is answered by MeshHooks.portForward;
// nothing listening writes the kubelet's "connection refused" on the error stream.
import type { Duplex } from 'node:stream';
import type { ForwardedResponse, MeshHooks } from '../contracts';
import type { KubeObject } from '../store';
import { parseHttpRequest, refusedMessage, serializeHttpResponse } from './portforward';
import { SpdySession, type SpdyStream } from './spdy';

export const SPDY_PORT_FORWARD_PROTOCOL = 'portforward.k8s.io';

interface StreamPair {
  error?: SpdyStream;
  data?: SpdyStream;
}

function forward(pair: Required<StreamPair>, port: number, pod: KubeObject, hooks: MeshHooks): void {
  const { error, data } = pair;
  const done = (): void => {
    data.end();
    error.end();
  };
  const handler = Number.isInteger(port) && port > 0 && port < 65536 ? hooks.portForward(pod.metadata.namespace ?? '', pod.metadata.name, port) : undefined;
  if (!handler) {
    error.write(Buffer.from(refusedMessage(pod, port), 'utf8'));
    done();
    return;
  }
  let received = Buffer.alloc(0);
  let answered = false;
  data.onData((chunk) => {
    if (answered) return;
    received = Buffer.concat([received, chunk]);
    const request = parseHttpRequest(received);
    if (request === undefined) return;
    answered = true;
    let response: ForwardedResponse;
    if (request === 'malformed') response = { status: 400, headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: '400 Bad Request' };
    else {
      try {
        response = handler(request);
      } catch (err) {
        error.write(Buffer.from(`error forwarding port ${port} to pod ${pod.metadata.name}: ${err instanceof Error ? err.message : String(err)}`, 'utf8'));
        done();
        return;
      }
    }
    data.write(serializeHttpResponse(response));
    done();
  });
}

export function serveSpdyPortForward(socket: Duplex, head: Buffer, pod: KubeObject, hooks: MeshHooks): void {
  socket.write(
    'HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\n' +
      `X-Stream-Protocol-Version: ${SPDY_PORT_FORWARD_PROTOCOL}\r\nDate: ${new Date().toUTCString()}\r\n\r\n`,
  );
  const pairs = new Map<string, StreamPair>();
  const session = new SpdySession(socket, (stream) => {
    const requestId = stream.headers.requestid ?? '';
    const type = stream.headers.streamtype;
    if (type !== 'error' && type !== 'data') return;
    const pair = pairs.get(requestId) ?? {};
    pair[type] = stream;
    pairs.set(requestId, pair);
    if (pair.error && pair.data) {
      pairs.delete(requestId);
      forward({ error: pair.error, data: pair.data }, Number(stream.headers.port), pod, hooks);
    }
  });
  if (head.length > 0) session.receive(head);
}
