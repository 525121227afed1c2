// pods/{pod}/portforward over WebSocket, as the kubelet streams it: protocol v4.channel.k8s.io,
// per port a data channel (2i) and an error channel (2i+1), the first frame on each carrying the
// port as 2 bytes little-endian. Behind a data channel sits one HTTP/1.1 exchange answered by
// MeshHooks.portForward; nothing listening gives the kubelet's "failed to connect" error.
import { createHash } from 'node:crypto';
import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ForwardedRequest, ForwardedResponse, MeshHooks } from '../contracts';
import type { KubeObject } from '../store';
import { serveSpdyPortForward } from './portforward-spdy';
import { KubeStatusError, statusErrors } from './status';

const supportedProtocols = ['v4.channel.k8s.io'];

export interface PortForwardTarget {
  pod: KubeObject;
  ports: number[];
}

export function parsePorts(params: URLSearchParams): number[] {
  const raw = params.getAll('ports').flatMap((p) => p.split(',')).map((p) => p.trim()).filter((p) => p !== '');
  if (raw.length === 0) throw statusErrors.badRequest('query parameter "port" is required');
  return raw.map((p) => {
    const port = Number(p);
    if (!/^\d+$/.test(p) || port < 1 || port > 65535) throw statusErrors.badRequest(`invalid port "${p}": port must be > 0 and < 65536`);
    return port;
  });
}

/** Writes a Status response on a socket that is not (yet) a WebSocket, and closes it. */
export function rejectUpgrade(socket: Duplex, error: KubeStatusError): void {
  const body = JSON.stringify(error.toStatus());
  socket.end(
    `HTTP/1.1 ${error.code} ${STATUS_CODES[error.code] ?? 'Error'}\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

function frame(channel: number, payload: Buffer): Buffer {
  return Buffer.concat([Buffer.from([channel]), payload]);
}

export function refusedMessage(pod: KubeObject, port: number): string {
  const sandbox = createHash('sha256').update(`sandbox/${pod.metadata.uid ?? pod.metadata.name}`).digest('hex');
  const netns = createHash('sha256').update(`netns/${sandbox}`).digest('hex');
  const uuid = `${netns.slice(0, 8)}-${netns.slice(8, 12)}-${netns.slice(12, 16)}-${netns.slice(16, 20)}-${netns.slice(20, 32)}`;
  return (
    `error forwarding port ${port} to pod ${sandbox}, uid : failed to execute portforward in network namespace "/var/run/netns/cni-${uuid}": ` +
    `failed to connect to localhost:${port} inside namespace "${sandbox}", IPv4: dial tcp4 127.0.0.1:${port}: connect: connection refused ` +
    `IPv6 dial tcp6 [::1]:${port}: connect: connection refused `
  );
}

/** Parses one HTTP/1.1 request from the bytes so far; undefined until it is complete. */
export function parseHttpRequest(bytes: Buffer): ForwardedRequest | 'malformed' | undefined {
  const end = bytes.indexOf('\r\n\r\n');
  if (end < 0) return bytes.length > 64 * 1024 ? 'malformed' : undefined;
  const [requestLine = '', ...headerLines] = bytes.subarray(0, end).toString('latin1').split('\r\n');
  const m = /^([A-Z]+) (\S+) HTTP\/1\.[01]$/.exec(requestLine);
  if (!m) return 'malformed';
  const headers: Record<string, string> = {};
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    if (colon <= 0) return 'malformed';
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const length = Number(headers['content-length'] ?? '0');
  if (!Number.isInteger(length) || length < 0) return 'malformed';
  if (bytes.length < end + 4 + length) return undefined;
  return { method: m[1] ?? 'GET', path: m[2] ?? '/', headers };
}

export function serializeHttpResponse(response: ForwardedResponse): Buffer {
  const body = Buffer.from(response.body, 'utf8');
  const headers = Object.entries(response.headers).filter(([k]) => !['content-length', 'connection', 'transfer-encoding'].includes(k.toLowerCase()));
  const head = [
    `HTTP/1.1 ${response.status} ${STATUS_CODES[response.status] ?? 'Unknown'}`,
    ...headers.map(([k, v]) => `${k}: ${v}`),
    `Content-Length: ${body.length}`,
    'Connection: close',
    '',
    '',
  ].join('\r\n');
  return Buffer.concat([Buffer.from(head, 'latin1'), body]);
}

/** One forwarded port inside a session. */
interface ForwardedPort {
  port: number;
  handler: ((req: ForwardedRequest) => ForwardedResponse) | undefined;
  received: Buffer;
  done: boolean;
}

function runSession(ws: WebSocket, hooks: MeshHooks, target: PortForwardTarget): void {
  const namespace = target.pod.metadata.namespace ?? '';
  const podName = target.pod.metadata.name;
  const ports: ForwardedPort[] = target.ports.map((port) => ({ port, handler: hooks.portForward(namespace, podName, port), received: Buffer.alloc(0), done: false }));
  const finish = (p: ForwardedPort): void => {
    p.done = true;
    if (ports.every((x) => x.done)) ws.close(1000);
  };
  ports.forEach((p, i) => {
    const portBytes = Buffer.alloc(2);
    portBytes.writeUInt16LE(p.port);
    ws.send(frame(2 * i, portBytes));
    ws.send(frame(2 * i + 1, portBytes));
  });
  ports.forEach((p, i) => {
    if (p.handler) return;
    ws.send(frame(2 * i + 1, Buffer.from(refusedMessage(target.pod, p.port), 'utf8')));
    finish(p);
  });
  ws.on('message', (data: Buffer, isBinary: boolean) => {
    const buf = isBinary ? data : Buffer.from(data.toString(), 'utf8');
    const channel = buf[0];
    if (channel === undefined || channel % 2 !== 0) return;
    const p = ports[channel / 2];
    if (!p || p.done || !p.handler) return;
    p.received = Buffer.concat([p.received, buf.subarray(1)]);
    const request = parseHttpRequest(p.received);
    if (request === undefined) return;
    let response: ForwardedResponse;
    if (request === 'malformed') {
      response = { status: 400, headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: '400 Bad Request' };
    } else {
      try {
        response = p.handler(request);
      } catch (err) {
        const message = `error forwarding port ${p.port} to pod ${podName}: ${err instanceof Error ? err.message : String(err)}`;
        ws.send(frame(channel + 1, Buffer.from(message, 'utf8')));
        finish(p);
        return;
      }
    }
    ws.send(frame(channel, serializeHttpResponse(response)));
    finish(p);
  });
}

/** The WebSocket side of port-forward; the router authenticates and resolves the pod first. */
export class PortForwardServer {
  private readonly wss = new WebSocketServer({
    noServer: true,
    handleProtocols: (offered: Set<string>) => [...offered].find((p) => supportedProtocols.includes(p)) ?? false,
  });
  private readonly sessions = new Set<WebSocket>();
  private readonly spdySessions = new Set<Duplex>();

  constructor(private readonly hooks: MeshHooks) {}

  accept(req: IncomingMessage, socket: Duplex, head: Buffer, target: PortForwardTarget): void {
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      this.sessions.add(ws);
      ws.on('close', () => this.sessions.delete(ws));
      ws.on('error', () => ws.terminate());
      runSession(ws, this.hooks, target);
    });
  }

  /** kubectl's flavour: `Upgrade: SPDY/3.1`, ports named in each stream's headers. */
  acceptSpdy(socket: Duplex, head: Buffer, pod: KubeObject): void {
    this.spdySessions.add(socket);
    socket.on('close', () => this.spdySessions.delete(socket));
    serveSpdyPortForward(socket, head, pod, this.hooks);
  }

  openSessionCount(): number {
    return this.sessions.size + this.spdySessions.size;
  }

  closeAll(): void {
    for (const socket of this.spdySessions) socket.destroy();
    for (const ws of this.sessions) ws.terminate();
    this.wss.close();
  }
}
