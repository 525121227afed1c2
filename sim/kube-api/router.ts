// The API server's request entry points: plain HTTP requests and WebSocket upgrades.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { MeshHooks } from '../contracts';
import type { ObjectStore } from '../store';
import { authenticate, requireAllowed } from './auth';
import { apiGroup, apiGroupList, apiResourceList, coreVersions, versionInfo } from './discovery';
import { parsePorts, rejectUpgrade, type PortForwardServer } from './portforward';
import { SPDY_PORT_FORWARD_PROTOCOL } from './portforward-spdy';
import { getObject } from './reads';
import { handleResource, resolveServed } from './resource-handler';
import { isKubePath, parseRoute, requestUrl } from './route';
import { KubeStatusError, sendJson, sendStatus, statusErrors } from './status';
import type { WatchOptions, WatchRegistry } from './watch';

export type ExtraHandler = (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;

export interface ApiServerDeps {
  store: ObjectStore;
  hooks: MeshHooks;
  watches: WatchRegistry;
  watchOptions: WatchOptions;
  portForward: PortForwardServer;
  extraHandler?: ExtraHandler;
}

function asStatusError(err: unknown): KubeStatusError {
  if (err instanceof KubeStatusError) return err;
  return statusErrors.internal(err instanceof Error ? err.message : String(err));
}

async function route(deps: ApiServerDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = requestUrl(req);
  if (!isKubePath(url.pathname) && deps.extraHandler && (await deps.extraHandler(req, res))) return;
  const publicInfo = url.pathname === '/version' || /^\/(healthz|livez|readyz)\/?$/.test(url.pathname);
  if (publicInfo && !req.headers.authorization) {
    answerPublic(res, url.pathname.startsWith('/version') ? 'version' : 'health');
    return;
  }
  const user = authenticate(req, deps.hooks);
  if (user instanceof KubeStatusError) throw user;
  if (!isKubePath(url.pathname)) throw statusErrors.noSuchPath();
  const kubeRoute = parseRoute(url.pathname, deps.store);
  const method = req.method ?? 'GET';
  if (kubeRoute.kind !== 'resource' && method !== 'GET' && method !== 'HEAD') throw statusErrors.methodNotAllowed();
  switch (kubeRoute.kind) {
    case 'version':
    case 'health':
      answerPublic(res, kubeRoute.kind);
      return;
    case 'coreVersions':
      sendJson(res, 200, coreVersions(req.headers.host ?? '127.0.0.1'));
      return;
    case 'groupList':
      sendJson(res, 200, apiGroupList(deps.store));
      return;
    case 'group':
      sendJson(res, 200, apiGroup(deps.store, kubeRoute.group));
      return;
    case 'resourceList':
      sendJson(res, 200, apiResourceList(deps.store, kubeRoute.group, kubeRoute.version));
      return;
    case 'resource':
      await handleResource({ ...deps, user, route: kubeRoute, params: url.searchParams, req, res });
      return;
  }
}

function answerPublic(res: ServerResponse, kind: 'version' | 'health'): void {
  if (kind === 'version') {
    sendJson(res, 200, versionInfo);
    return;
  }
  res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': 2 });
  res.end('ok');
}

export async function handleRequest(deps: ApiServerDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    await route(deps, req, res);
  } catch (err) {
    const status = asStatusError(err);
    if (!res.headersSent) sendStatus(res, status);
    else res.destroy(status);
  }
}

/** Upgrades: only pods/portforward, over WebSocket (client-node) or SPDY/3.1 (kubectl); exec and attach are not simulated. */
export function handleUpgrade(deps: ApiServerDeps, req: IncomingMessage, socket: Duplex, head: Buffer): void {
  try {
    const url = requestUrl(req);
    const user = authenticate(req, deps.hooks);
    if (user instanceof KubeStatusError) throw user;
    const kubeRoute = parseRoute(url.pathname, deps.store);
    if (kubeRoute.kind !== 'resource' || kubeRoute.group !== '' || kubeRoute.plural !== 'pods' || kubeRoute.subresource !== 'portforward' || !kubeRoute.name) {
      throw statusErrors.badRequest('unable to upgrade connection: only pods/portforward is served over WebSocket by this simulator');
    }
    const served = resolveServed(deps.store, kubeRoute);
    requireAllowed(user, { verb: 'create', group: '', resource: 'pods', subresource: 'portforward', namespace: kubeRoute.namespace ?? '', name: kubeRoute.name });
    const pod = getObject(deps.store, served, kubeRoute.namespace, kubeRoute.name);
    if ((req.headers.upgrade ?? '').toLowerCase() === 'spdy/3.1') {
      const offered = (req.headers['x-stream-protocol-version'] ?? '').toString().split(',').map((p) => p.trim());
      if (!offered.includes(SPDY_PORT_FORWARD_PROTOCOL)) throw statusErrors.badRequest(`unable to upgrade: no supported stream protocol in ${offered.join(', ') || '(none)'}`);
      deps.portForward.acceptSpdy(socket, head, pod);
      return;
    }
    deps.portForward.accept(req, socket, head, { pod, ports: parsePorts(url.searchParams) });
  } catch (err) {
    rejectUpgrade(socket, asStatusError(err));
  }
}
