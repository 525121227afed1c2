// ztunnel pods' logs through the pods/log API (tailLines, sinceSeconds), parsed and filtered.
import 'server-only';
import { CoreV1Api, Observable, type ConfigurationOptions, type KubeConfig } from '@kubernetes/client-node';
import type { ZtunnelLogLine, ZtunnelLogs, ZtunnelLogStatus } from '../wire/ztunnel-logs';
import { parseZtunnelLogs, type LogFilter } from './logs';
import type { ZtunnelSource } from './merge';

export interface LogQuery extends LogFilter {
  tailLines: number;
  sinceSeconds?: number;
  limit: number;
}

/** Request options that cancel the call when `signal` aborts (the browser went away). */
export function abortable(signal: AbortSignal | undefined): ConfigurationOptions | undefined {
  if (!signal) return undefined;
  return {
    middleware: [
      {
        pre: (context) => {
          context.setSignal(signal);
          return new Observable(Promise.resolve(context));
        },
        post: (response) => new Observable(Promise.resolve(response)),
      },
    ],
    middlewareMergeStrategy: 'append',
  };
}

/** `visible`: the user's view of a line (see parseZtunnelLogs). */
export async function readZtunnelLogs(
  kc: KubeConfig,
  sources: ZtunnelSource[],
  query: LogQuery,
  visible?: (line: ZtunnelLogLine) => ZtunnelLogLine | undefined,
  signal?: AbortSignal,
): Promise<ZtunnelLogs> {
  const api = kc.makeApiClient(CoreV1Api);
  const options = abortable(signal);
  const fetched = await Promise.all(
    sources.map(async (s) => {
      try {
        const text = await api.readNamespacedPodLog({ name: s.pod, namespace: s.namespace, tailLines: query.tailLines, sinceSeconds: query.sinceSeconds }, options);
        return { source: s, text: String(text) };
      } catch (err) {
        if (signal?.aborted) throw err;
        return { source: s, error: err instanceof Error ? err.message : String(err) };
      }
    }),
  );
  const ok = fetched.flatMap((f) => (f.text !== undefined ? [{ pod: f.source.pod, node: f.source.node, text: f.text }] : []));
  return {
    ztunnels: fetched.map((f): ZtunnelLogStatus => ({
      ...f.source,
      ok: f.text !== undefined,
      message: f.error,
      lines: f.text ? f.text.split('\n').filter((l) => l.trim() !== '').length : 0,
    })),
    lines: parseZtunnelLogs(ok, query, query.limit, visible),
  };
}
