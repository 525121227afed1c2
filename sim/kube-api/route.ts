// Request paths of the Kubernetes REST API, parsed into what they address.
import type { IncomingMessage } from 'node:http';
import type { ObjectStore } from '../store';
import { statusErrors } from './status';

export type KubeRoute =
  | { kind: 'version' }
  | { kind: 'health' }
  | { kind: 'coreVersions' }
  | { kind: 'groupList' }
  | { kind: 'group'; group: string }
  | { kind: 'resourceList'; group: string; version: string }
  | ResourceRoute;

export interface ResourceRoute {
  kind: 'resource';
  group: string;
  version: string;
  plural: string;
  namespace?: string;
  name?: string;
  subresource?: string;
  /** The legacy /api/v1/watch/... form. */
  watchPrefix: boolean;
  /** pods/{name}/proxy/<path>: the path sent on to the pod. */
  proxyPath?: string;
}

const health = new Set(['/healthz', '/livez', '/readyz']);

/** True for paths the API server owns; others go to the extra handler first. */
export function isKubePath(pathname: string): boolean {
  return /^\/(api|apis|version|openapi|healthz|livez|readyz)(\/|$)/.test(pathname);
}

function segmentsOf(pathname: string): string[] {
  try {
    return pathname.split('/').filter((s) => s !== '').map(decodeURIComponent);
  } catch {
    throw statusErrors.badRequest(`invalid path: ${pathname}`);
  }
}

export function parseRoute(pathname: string, store: ObjectStore): KubeRoute {
  if (pathname === '/version' || pathname === '/version/') return { kind: 'version' };
  if (health.has(pathname.replace(/\/$/, ''))) return { kind: 'health' };
  const segs = segmentsOf(pathname);
  let group: string;
  let version: string | undefined;
  let rest: string[];
  if (segs[0] === 'api') {
    if (segs.length === 1) return { kind: 'coreVersions' };
    group = '';
    version = segs[1];
    rest = segs.slice(2);
  } else if (segs[0] === 'apis') {
    if (segs.length === 1) return { kind: 'groupList' };
    group = segs[1] ?? '';
    if (segs.length === 2) return { kind: 'group', group };
    version = segs[2];
    rest = segs.slice(3);
  } else {
    throw statusErrors.noSuchPath();
  }
  if (!version) throw statusErrors.noSuchPath();
  if (rest.length === 0) return { kind: 'resourceList', group, version };
  const watchPrefix = rest[0] === 'watch';
  if (watchPrefix) rest = rest.slice(1);
  return { kind: 'resource', group, version, watchPrefix, ...resourcePart(rest, group, version, store) };
}

function resourcePart(rest: string[], group: string, version: string, store: ObjectStore): Pick<ResourceRoute, 'plural' | 'namespace' | 'name' | 'subresource' | 'proxyPath'> {
  const namespacedPlural = rest[0] === 'namespaces' && rest.length >= 3 ? rest[2] : undefined;
  const isNamespaced =
    namespacedPlural !== undefined &&
    store.types().some((t) => t.group === group && t.version === version && t.plural === namespacedPlural && t.namespaced);
  const parts = isNamespaced ? rest.slice(2) : rest;
  if (parts[2] === 'proxy' && parts.length > 3) {
    return { plural: parts[0] ?? '', ...(isNamespaced ? { namespace: rest[1] ?? '' } : {}), name: parts[1] ?? '', subresource: 'proxy', proxyPath: `/${parts.slice(3).join('/')}` };
  }
  if (parts.length > 3) throw statusErrors.noSuchPath();
  const [plural = '', name, subresource] = parts;
  return {
    plural,
    ...(isNamespaced ? { namespace: rest[1] ?? '' } : {}),
    ...(name !== undefined ? { name } : {}),
    ...(subresource !== undefined ? { subresource } : {}),
  };
}

export function requestUrl(req: IncomingMessage): URL {
  try {
    return new URL(req.url ?? '/', 'http://kube-apiserver.local');
  } catch {
    throw statusErrors.badRequest(`invalid request URI: ${req.url ?? ''}`);
  }
}
