// The simulated cluster's Kubernetes API server: the real REST protocol over an ObjectStore,
// with MeshHooks answering logs, port-forward and authentication.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MeshHooks } from '../contracts';
import type { ObjectStore } from '../store';
import { PortForwardServer } from './portforward';
import { handleRequest, handleUpgrade } from './router';
import { WatchRegistry, type WatchOptions } from './watch';

export { standardResourceTypes } from './resources';
export { kubeconfigYaml, writeKubeconfig, type KubeconfigOptions } from './kubeconfig';

export interface KubeApiServerOptions {
  store: ObjectStore;
  hooks: MeshHooks;
  /** Consulted first for non-Kubernetes paths (the mesh mounts /sim/* there); true when handled. */
  extraHandler?: (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;
  /** Watch timing; defaults are a real server's (bookmark each minute, 30 min lifetime). */
  watch?: Partial<WatchOptions>;
}

export interface KubeApiServer {
  server: Server;
  /** Listens and resolves to the base URL, e.g. http://127.0.0.1:40123. Port 0 picks a free one. */
  listen(port: number, host?: string): Promise<string>;
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
  const server = createServer((req, res) => void handleRequest(deps, req, res));
  server.on('upgrade', (req: IncomingMessage, socket, head: Buffer) => handleUpgrade(deps, req, socket, head));

  return {
    server,
    listen: (port, host = '127.0.0.1') =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          const address = server.address() as AddressInfo;
          resolve(`http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`);
        });
      }),
    close: () =>
      new Promise((resolve, reject) => {
        watches.dropAll();
        portForward.closeAll();
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
    dropWatches: () => watches.dropAll(),
    openWatchCount: () => watches.count(),
    openPortForwardCount: () => portForward.openSessionCount(),
  };
}
