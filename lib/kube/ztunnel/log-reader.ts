// ztunnel pods' logs through the pods/log API (tailLines, sinceSeconds), parsed and filtered.
import 'server-only';
import { CoreV1Api, type KubeConfig } from '@kubernetes/client-node';
import type { ZtunnelLogLine, ZtunnelLogs, ZtunnelLogStatus } from '../wire/ztunnel-logs';
import { parseZtunnelLogs, type LogFilter } from './logs';
import type { ZtunnelSource } from './merge';

export interface LogQuery extends LogFilter {
  tailLines: number;
  sinceSeconds?: number;
  limit: number;
}

/** `visible`: the user's view of a line (see parseZtunnelLogs). */
export async function readZtunnelLogs(
  kc: KubeConfig,
  sources: ZtunnelSource[],
  query: LogQuery,
  visible?: (line: ZtunnelLogLine) => ZtunnelLogLine | undefined,
): Promise<ZtunnelLogs> {
  const api = kc.makeApiClient(CoreV1Api);
  const fetched = await Promise.all(
    sources.map(async (s) => {
      try {
        const text = await api.readNamespacedPodLog({ name: s.pod, namespace: s.namespace, tailLines: query.tailLines, sinceSeconds: query.sinceSeconds });
        return { source: s, text: String(text) };
      } catch (err) {
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
