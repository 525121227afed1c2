// pods/{name[:port]}/proxy/<path>: the API server relays a GET to the pod's port, as
// `kubectl get --raw /api/v1/namespaces/ztunnel/pods/<ztunnel>:15020/proxy/metrics` uses it.
// The pod side is the same MeshHooks.portForward answer a port-forward reaches.
import type { ServedType } from './catalog';
import { getObject } from './reads';
import type { ResourceRequest } from './resource-handler';
import { statusErrors } from './status';

type Json = Record<string, unknown>;

/** "name", "name:port" or "scheme:name:port" as the proxy path names a pod. */
function parseTarget(text: string): { name: string; port?: number } {
  const parts = text.split(':');
  const [name, port] = parts.length === 3 ? [parts[1] ?? '', parts[2]] : [parts[0] ?? '', parts[1]];
  if (port === undefined || port === '') return { name };
  if (!/^\d+$/.test(port) || Number(port) < 1 || Number(port) > 65535) throw statusErrors.badRequest(`invalid port "${port}" in proxy target ${text}`);
  return { name, port: Number(port) };
}

export function proxyToPod(r: ResourceRequest, served: ServedType, target: string): void {
  const { name, port: named } = parseTarget(target);
  const pod = getObject(r.store, served, r.route.namespace, name);
  const containers = ((pod.spec as Json | undefined)?.containers ?? []) as Json[];
  const firstPort = ((containers[0]?.ports ?? []) as Json[])[0]?.containerPort;
  const port = named ?? (typeof firstPort === 'number' ? firstPort : 80);
  const handler = r.hooks.portForward(pod.metadata.namespace ?? '', name, port);
  const podIp = String(((pod.status as Json | undefined)?.podIP as string | undefined) ?? '');
  if (!handler) throw statusErrors.serviceUnavailable(`error trying to reach service: dial tcp ${podIp}:${port}: connect: connection refused`);
  const query = r.params.toString();
  const response = handler({ method: 'GET', path: `${r.route.proxyPath ?? '/'}${query ? `?${query}` : ''}`, headers: {} });
  r.res.writeHead(response.status, { ...response.headers, 'Content-Length': Buffer.byteLength(response.body) });
  r.res.end(response.body);
}
