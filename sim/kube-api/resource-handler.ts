// Requests on /api/v1/... and /apis/<group>/<version>/... resources: verb mapping, RBAC,
// then the read, write, watch, log or review handler.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MeshHooks, SimUser } from '../contracts';
import type { KubeObject, ObjectStore } from '../store';
import { requireAllowed, type ResourceAttributes } from './auth';
import { readJson } from './body';
import { servedType, type ServedType } from './catalog';
import { isReviewEndpoint } from './discovery';
import { servePodLog } from './logs';
import { proxyToPod } from './pod-proxy';
import { patchMediaType } from './patch';
import { getObject, listObjects } from './reads';
import { createReview } from './reviews';
import { hasSubresource, supportsVerb } from './resources';
import type { ResourceRoute } from './route';
import { sendJson, statusErrors } from './status';
import { toTable, wantsTable } from './table';
import { serveWatch, type WatchOptions, type WatchRegistry } from './watch';
import { createObject, deleteCollection, deleteObject, patchObject, replaceObject, type WriteTarget } from './writes';

export interface ResourceRequest {
  store: ObjectStore;
  hooks: MeshHooks;
  user: SimUser;
  route: ResourceRoute;
  params: URLSearchParams;
  req: IncomingMessage;
  res: ServerResponse;
  watches: WatchRegistry;
  watchOptions: WatchOptions;
}

/** The registered type a route addresses, checked for scope; 404 otherwise. */
export function resolveServed(store: ObjectStore, route: ResourceRoute): ServedType {
  const served = servedType(store, route.group, route.version, route.plural);
  if (!served) throw statusErrors.noSuchPath();
  if (served.type.namespaced && route.namespace === undefined && route.name !== undefined) throw statusErrors.noSuchPath();
  if (route.subresource !== undefined && !hasSubresource(served.type, route.subresource)) throw statusErrors.noSuchPath();
  return served;
}

function dryRunOf(params: URLSearchParams): boolean {
  const values = params.getAll('dryRun');
  for (const v of values) if (v !== 'All') throw statusErrors.badRequest(`dryRun: Unsupported value: "${v}": supported values: "All"`);
  return values.length > 0;
}

const isWatch = (r: ResourceRequest): boolean => r.route.watchPrefix || ['true', '1'].includes(r.params.get('watch') ?? '');

export async function handleResource(r: ResourceRequest): Promise<void> {
  const { route, req, res, store, params } = r;
  const method = req.method ?? 'GET';
  if (isReviewEndpoint(route.group, route.version, route.plural) && route.name === undefined && route.namespace === undefined) {
    if (method !== 'POST') throw statusErrors.methodNotAllowed();
    sendJson(res, 201, createReview(route.plural, await readJson(req), r.user, r.hooks));
    return;
  }
  const served = resolveServed(store, route);
  const attrs = (verb: string): ResourceAttributes => ({
    verb,
    group: route.group,
    resource: route.plural,
    ...(route.subresource ? { subresource: route.subresource } : {}),
    ...(route.namespace !== undefined ? { namespace: route.namespace } : {}),
    ...(route.name !== undefined ? { name: route.name } : {}),
  });
  const allow = (verb: string): void => requireAllowed(r.user, attrs(verb));
  const target = (): WriteTarget => ({ store, served, namespace: route.namespace, dryRun: dryRunOf(params) });
  const name = route.name;
  const sub = route.subresource;

  if (sub === 'proxy') {
    if (method !== 'GET') throw statusErrors.methodNotAllowed();
    allow('get');
    proxyToPod(r, served, name ?? '');
    return;
  }
  if (sub === 'portforward') {
    allow('create');
    throw statusErrors.badRequest('Upgrade request required');
  }
  switch (method) {
    case 'GET': {
      if (name === undefined || isWatch(r)) {
        const watch = isWatch(r);
        allow(watch ? 'watch' : 'list');
        if (name !== undefined) params.set('fieldSelector', [params.get('fieldSelector'), `metadata.name=${name}`].filter(Boolean).join(','));
        if (watch) {
          serveWatch({ store, served, namespace: route.namespace, params, res, registry: r.watches, options: r.watchOptions });
          return;
        }
        const list = listObjects(store, served, route.namespace, params);
        sendJson(res, 200, wantsTable(req.headers.accept) ? toTable(served, list.items as KubeObject[], list.metadata, params) : list);
        return;
      }
      allow('get');
      const obj = getObject(store, served, route.namespace, name);
      if (sub === 'log') servePodLog(res, r.hooks, obj, params);
      else if (sub === undefined && wantsTable(req.headers.accept)) sendJson(res, 200, toTable(served, [obj], { resourceVersion: obj.metadata.resourceVersion ?? '' }, params));
      else sendJson(res, 200, obj);
      return;
    }
    case 'POST':
      if (name !== undefined) throw statusErrors.methodNotAllowed();
      allow('create');
      sendJson(res, 201, createObject(target(), await readJson(req)));
      return;
    case 'PUT':
      if (name === undefined || (sub !== undefined && sub !== 'status')) throw statusErrors.methodNotAllowed();
      allow('update');
      sendJson(res, 200, replaceObject(target(), name, sub, await readJson(req)));
      return;
    case 'PATCH': {
      if (name === undefined || (sub !== undefined && sub !== 'status')) throw statusErrors.methodNotAllowed();
      allow('patch');
      const mediaType = patchMediaType(req.headers['content-type']);
      const result = patchObject(target(), name, sub, mediaType, await readJson(req));
      sendJson(res, result.created ? 201 : 200, result.object);
      return;
    }
    case 'DELETE':
      if (sub !== undefined) throw statusErrors.methodNotAllowed();
      if (name === undefined) {
        if (!supportsVerb(served.type, 'deletecollection')) throw statusErrors.methodNotAllowed();
        allow('deletecollection');
        sendJson(res, 200, deleteCollection(target(), params));
        return;
      }
      allow('delete');
      sendJson(res, 200, deleteObject(target(), name));
      return;
    default:
      throw statusErrors.methodNotAllowed();
  }
}
