// GET pods/{pod}/log: validates the options and the container like the kubelet path does,
// then answers with the text MeshHooks.podLogs gives.
import type { ServerResponse } from 'node:http';
import type { MeshHooks, PodLogOptions } from '../contracts';
import type { KubeObject } from '../store';
import { statusErrors } from './status';

function intParam(params: URLSearchParams, name: string, min: number): number | undefined {
  const raw = params.get(name);
  if (raw === null || raw === '') return undefined;
  if (!/^-?\d+$/.test(raw) || Number(raw) < min) {
    throw statusErrors.unprocessable(`PodLogOptions "" is invalid: ${name}: Invalid value: ${raw}: must be greater than or equal to ${min}`);
  }
  return Number(raw);
}

function boolParam(params: URLSearchParams, name: string): boolean {
  const raw = params.get(name);
  if (raw === null || raw === '' || raw === 'false' || raw === '0') return false;
  if (raw === 'true' || raw === '1') return true;
  throw statusErrors.badRequest(`${name}: Invalid value: "${raw}": must be a boolean`);
}

function containerNames(pod: KubeObject): string[] {
  const spec = (pod.spec ?? {}) as Record<string, unknown>;
  const names = (list: unknown): string[] =>
    Array.isArray(list) ? list.map((c) => (c as { name?: unknown }).name).filter((n): n is string => typeof n === 'string') : [];
  return [...names(spec.containers), ...names(spec.initContainers), ...names(spec.ephemeralContainers)];
}

/** Parses the query and resolves which container's log is asked for. */
export function podLogOptions(pod: KubeObject, params: URLSearchParams): PodLogOptions {
  const sinceSeconds = intParam(params, 'sinceSeconds', 1);
  const sinceTime = params.get('sinceTime') || undefined;
  if (sinceSeconds !== undefined && sinceTime !== undefined) {
    throw statusErrors.unprocessable('PodLogOptions "" is invalid: []: Forbidden: at most one of `sinceTime` or `sinceSeconds` may be specified');
  }
  if (sinceTime !== undefined && Number.isNaN(Date.parse(sinceTime))) {
    throw statusErrors.badRequest(`sinceTime: Invalid value: "${sinceTime}": parsing time "${sinceTime}" as "2006-01-02T15:04:05Z07:00": cannot parse`);
  }
  const tailLines = intParam(params, 'tailLines', 0);
  const timestamps = boolParam(params, 'timestamps');
  boolParam(params, 'follow');
  const all = containerNames(pod);
  const podName = pod.metadata.name;
  let container = params.get('container') || undefined;
  if (container === undefined) {
    const main = containerNames({ ...pod, spec: { containers: (pod.spec as { containers?: unknown } | undefined)?.containers } });
    if (main.length !== 1) throw statusErrors.badRequest(`a container name must be specified for pod ${podName}, choose one of: [${main.join(' ')}]`);
    container = main[0];
  } else if (!all.includes(container)) {
    throw statusErrors.badRequest(`container ${container} is not valid for pod ${podName}`);
  }
  if (boolParam(params, 'previous')) {
    throw statusErrors.badRequest(`previous terminated container "${container}" in pod "${podName}" not found`);
  }
  return {
    ...(container !== undefined ? { container } : {}),
    ...(tailLines !== undefined ? { tailLines } : {}),
    ...(sinceSeconds !== undefined ? { sinceSeconds } : {}),
    ...(sinceTime !== undefined ? { sinceTime } : {}),
    timestamps,
  };
}

export function servePodLog(res: ServerResponse, hooks: MeshHooks, pod: KubeObject, params: URLSearchParams): void {
  const options = podLogOptions(pod, params);
  const namespace = pod.metadata.namespace ?? '';
  const text = hooks.podLogs(namespace, pod.metadata.name, options);
  if (text === undefined) throw statusErrors.notFound({ group: '', plural: 'pods' }, pod.metadata.name);
  const limit = intParam(params, 'limitBytes', 1);
  const body = limit !== undefined ? Buffer.from(text, 'utf8').subarray(0, limit) : Buffer.from(text, 'utf8');
  res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': body.length, 'Cache-Control': 'no-cache, private' });
  res.end(body);
}
