// The simulated cluster's Kubernetes API server: the real REST protocol over TLS (a CA made at
// start) on an ObjectStore, with MeshHooks answering logs, port-forward and authentication.
// The same port also answers plain HTTP, for the simulator's own endpoints only (/sim/*: what
// Prometheus scrapes): the first byte of a connection says which (22 opens a TLS handshake).
// A Kubernetes path over plain HTTP gets the 400 a real API server gives.
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer, type Server } from 'node:https';
import { createServer as createNetServer, type AddressInfo, type Socket } from 'node:net';
import type { MeshHooks } from '../contracts';
import type { ObjectStore } from '../store';
import { PortForwardServer } from './portforward';
import { handleRequest, handleUpgrade } from './router';
import { isKubePath } from './route';
import { createServingChain } from './serving-cert';
import { WatchRegistry, type WatchOptions } from './watch';

export { standardResourceTypes } from './resources';
export { kubeconfigYaml, writeKubeconfig, type ClusterEndpoint, type KubeconfigOptions } from './kubeconfig';

export interface KubeApiServerOptions {
  store: ObjectStore;
  hooks: MeshHooks;
  /** Consulted first for non-Kubernetes paths (the mesh mounts /sim/* there); true when handled. */
  extraHandler?: (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;
  /** Watch timing; defaults are a real server's (bookmark each minute, 30 min lifetime). */
  watch?: Partial<WatchOptions>;
}

export interface KubeApiServer {
  /** The TLS server answering the Kubernetes API ('request' and 'upgrade' events). */
  server: Server;
  /** PEM of the CA that signed the serving certificate (the kubeconfig's certificate-authority-data). */
  caPem: string;
  /** Listens and resolves to the API's base URL, e.g. https://127.0.0.1:40123. Port 0 picks a free one. */
  listen(port: number, host?: string): Promise<string>;
  /** The same port over plain HTTP (simulator endpoints only); set once listening. */
  httpUrl(): string;
  close(): Promise<void>;
  /** Ends every open watch stream, as an API server restart would. */
  dropWatches(): void;
  openWatchCount(): number;
  openPortForwardCount(): number;
}

export function createKubeApiServer(options: KubeApiServerOptions): KubeApiServer {
  const watches = new WatchRegistry();
  const portForward = new PortForwardServer(options.hooks);
  const deps = {
    store: options.store,
    hooks: options.hooks,
    watches,
    portForward,
    watchOptions: { bookmarkIntervalMs: 60_000, defaultTimeoutSeconds: 1800, ...options.watch },
    ...(options.extraHandler ? { extraHandler: options.extraHandler } : {}),
  };
  const chain = createServingChain();
  const server = createHttpsServer({ key: chain.keyPem, cert: chain.certPem }, (req, res) => void handleRequest(deps, req, res));
  server.on('upgrade', (req: IncomingMessage, socket, head: Buffer) => handleUpgrade(deps, req, socket, head));
  const plain = createHttpServer((req, res) => void answerPlain(req, res, options.extraHandler));
  const sockets = new Set<Socket>();
  const front = createNetServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.once('data', (first: Buffer) => {
      socket.pause();
      socket.unshift(first);
      (first[0] === 0x16 ? server : plain).emit('connection', socket);
      process.nextTick(() => socket.resume());
    });
  });
  let origin = '';

  return {
    server,
    caPem: chain.caPem,
    listen: (port, host = '127.0.0.1') =>
      new Promise((resolve, reject) => {
        front.once('error', reject);
        front.listen(port, host, () => {
          front.off('error', reject);
          const address = front.address() as AddressInfo;
          origin = `${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
          resolve(`https://${origin}`);
        });
      }),
    httpUrl: () => `http://${origin}`,
    close: () =>
      new Promise((resolve, reject) => {
        watches.dropAll();
        portForward.closeAll();
        front.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
        plain.closeAllConnections();
        for (const socket of sockets) socket.destroy();
      }),
    dropWatches: () => watches.dropAll(),
    openWatchCount: () => watches.count(),
    openPortForwardCount: () => portForward.openSessionCount(),
  };
}

/** Plain HTTP: the simulator's endpoints; the Kubernetes API answers only over TLS, as a real one does. */
async function answerPlain(req: IncomingMessage, res: ServerResponse, extraHandler: KubeApiServerOptions['extraHandler']): Promise<void> {
  const path = (req.url ?? '/').split('?')[0] ?? '/';
  try {
    if (!isKubePath(path) && extraHandler && (await extraHandler(req, res))) return;
  } catch (err) {
    if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
    res.end(err instanceof Error ? err.message : String(err));
    return;
  }
  res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end('Client sent an HTTP request to an HTTPS server.\n');
}
