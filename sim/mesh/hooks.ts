// MeshHooks for the simulated API server: pod logs (ztunnel access logs), port-forwards to
// ztunnel's admin port (/config_dump) and metrics ports (ztunnel, waypoint, sidecar), and token
// authentication.

import type { ForwardedRequest, ForwardedResponse, MeshHooks, PodLogOptions } from '../contracts';
import type { SimMesh } from './mesh';
import { keys } from './resource-types';
import { podReady } from './view';
import { hasSidecar } from './injection';
import { accessLog, logTimestamp } from '../ztunnel/access-log';
import { buildConfigDump, type CertOptions } from '../ztunnel/config-dump';
import { MeshCa } from '../ztunnel/certs';
import { authenticator, userLookup, type SimUserEntry } from './users';

const DEFAULT_WINDOW = 600;
const MAX_LINES = 10_000;

function json(status: number, body: unknown): ForwardedResponse {
  return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body, null, 2) };
}

export function createMeshHooks(mesh: SimMesh, users: SimUserEntry[]): MeshHooks & { certs: CertOptions } {
  const start = mesh.now();
  const certs: CertOptions = {
    ca: new MeshCa(mesh.scenario.seed, mesh.scenario.trustDomain, mesh.timeline.origin - 30 * 86400),
    nearExpiry: new Set(mesh.scenario.nearExpiryIdentities ?? []),
    stuckExpiry: Math.floor(start) + 7200, // 2 h: "expiring" (under a quarter of its 24 h life) for as long as any test run or demo session lasts
  };

  const podLogs = (namespace: string, name: string, options: PodLogOptions): string | undefined => {
    const pod = mesh.store.get(keys.pods, namespace, name);
    if (!pod) return undefined;
    const now = mesh.now();
    const since = options.sinceTime ? Date.parse(options.sinceTime) / 1000 : options.sinceSeconds !== undefined ? now - options.sinceSeconds : now - DEFAULT_WINDOW;
    const limit = Math.min(options.tailLines ?? MAX_LINES, MAX_LINES);
    let lines: { at: number; text: string }[];
    if (pod.metadata.labels?.['app'] === 'ztunnel') {
      const legs = mesh.legsAt(now);
      lines = accessLog(legs, name, mesh.timeline.origin, Math.max(since, mesh.timeline.origin), now, limit);
    } else {
      const created = Date.parse(pod.metadata.creationTimestamp ?? '') / 1000 || mesh.timeline.origin;
      lines = [
        { at: created + 1, text: `${logTimestamp(created + 1)}\tinfo\tstarting ${pod.metadata.name}` },
        { at: created + 2, text: `${logTimestamp(created + 2)}\tinfo\tlistening` },
        { at: created + 3, text: `${logTimestamp(created + 3)}\tinfo\tready` },
      ].filter((l) => l.at >= since).slice(-limit);
    }
    return lines.map((l) => (options.timestamps ? `${new Date(l.at * 1000).toISOString()} ${l.text}` : l.text)).join('\n') + (lines.length ? '\n' : '');
  };

  const portForward = (namespace: string, name: string, port: number) => {
    const pod = mesh.store.get(keys.pods, namespace, name);
    if (!pod || !podReady(pod)) return undefined;
    const isZtunnel = pod.metadata.labels?.['app'] === 'ztunnel';
    if (isZtunnel && port === 15000) {
      return (req: ForwardedRequest): ForwardedResponse => {
        const path = req.path.split('?')[0];
        if (req.method !== 'GET') return json(405, { error: 'method not allowed' });
        if (path !== '/config_dump') return { status: 404, headers: { 'content-type': 'text/plain' }, body: 'Invalid admin path\n' };
        const view = mesh.view();
        const node = String((pod.spec as { nodeName?: string }).nodeName ?? '');
        const ztunnel = view.ztunnels.get(node);
        if (!ztunnel) return json(503, { error: 'ztunnel not found' });
        return json(200, buildConfigDump(view, ztunnel, mesh.now(), certs));
      };
    }
    // 15020: the agent's merged endpoint (ztunnel, waypoint, sidecar); 15090: a sidecar's Envoy itself.
    if (port === 15020 || (port === 15090 && hasSidecar(pod))) {
      return (req: ForwardedRequest): ForwardedResponse => {
        const text = mesh.metricsText(namespace, name);
        if (text === undefined || !/^\/(metrics|stats\/prometheus)/.test(req.path)) return { status: 404, headers: { 'content-type': 'text/plain' }, body: 'not found\n' };
        return { status: 200, headers: { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' }, body: text };
      };
    }
    return undefined;
  };

  return { podLogs, portForward, authenticate: authenticator(users), userNamed: userLookup(users), certs };
}
