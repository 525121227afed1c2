import { createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

// A local HTTP server playing a Prometheus that fails in one chosen way, for the fault tests.
// It counts the sockets still open, so a test can see that a closed request let go of them.

export type PrometheusFault =
  /** Accepts the request and never answers. */
  | 'hang'
  /** A proxy's 503 page (HTML), as a router in front of a Prometheus that is down. */
  | 'proxy-503'
  /** Prometheus' own error JSON with HTTP 500. */
  | 'error-500'
  /** 200 with a body that is not Prometheus' JSON. */
  | 'malformed';

export interface FaultyPrometheus {
  url: string;
  /** Sockets open now. */
  openSockets(): number;
  /** Requests received. */
  requests(): number;
  close(): Promise<void>;
}

export async function startFaultyPrometheus(fault: PrometheusFault): Promise<FaultyPrometheus> {
  const sockets = new Set<Socket>();
  let requests = 0;
  const server: Server = createServer((req, res) => {
    requests += 1;
    req.resume();
    switch (fault) {
      case 'hang':
        return;
      case 'proxy-503':
        res.writeHead(503, { 'content-type': 'text/html' }).end('<html><body><h1>503 Service Unavailable</h1></body></html>');
        return;
      case 'error-500':
        res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'error', errorType: 'internal', error: 'tsdb closed' }));
        return;
      case 'malformed':
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"success","data":');
        return;
    }
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    openSockets: () => sockets.size,
    requests: () => requests,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A loopback port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
