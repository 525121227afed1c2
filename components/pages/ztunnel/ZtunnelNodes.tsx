'use client';

import { useQuery } from '@tanstack/react-query';
import { overviewQueryOptions } from '@/lib/api-client/overview';
import { ztunnelPodsQueryOptions, ztunnelTableQueryOptions } from '@/lib/api-client/ztunnel';
import { DEFAULT_WINDOW_SECONDS } from '@/lib/posture/query';
import { formatBytesPerSec, formatRate } from '@/components/graph/format';
import { Badge } from '@/components/ui/Badge';
import { Panel } from '@/components/ui/Panel';
import { Notice } from '@/components/ui/States';
import { Table, Td, Th } from '@/components/ui/Table';
import { cx } from '@/components/ui/cx';
import { errorAdvice } from '../common/error-advice';
import { formatWindow } from '../common/format';
import { QueryView, errorCode } from '../common/QueryView';

/** One row per node: its ztunnel pod, readiness, version, restarts, config_dump answer and traffic. */
export function ZtunnelNodes({ node }: { node: string }) {
  const pods = useQuery(ztunnelPodsQueryOptions());
  const dumps = useQuery(ztunnelTableQueryOptions('policies'));
  const overview = useQuery(overviewQueryOptions({ duration: DEFAULT_WINDOW_SECONDS }));
  return (
    <QueryView query={pods} what="ztunnel pods">
      {({ ztunnels }) => {
        const traffic = new Map((overview.data?.nodes ?? []).map((n) => [n.node, n]));
        const status = new Map((dumps.data?.ztunnels ?? []).map((z) => [z.pod, z]));
        const nodes = [...new Set([...ztunnels.map((z) => z.node ?? ''), ...traffic.keys()])].filter(Boolean).sort();
        const trafficProblem = overview.data && !overview.data.trafficStatus.ok ? overview.data.trafficStatus : undefined;
        return (
          <>
            {trafficProblem && <Notice className="mb-3">{errorAdvice(trafficProblem.code).title}: throughput is missing. {trafficProblem.message}</Notice>}
            {overview.isError && !overview.data && <Notice className="mb-3">{errorAdvice(errorCode(overview.error)).title}: throughput is missing.</Notice>}
            <Panel>
              <Table caption="ztunnel per node">
                <thead>
                  <tr>
                    <Th>Node</Th>
                    <Th>ztunnel pod</Th>
                    <Th>Ready</Th>
                    <Th>Version</Th>
                    <Th className="text-right">Restarts</Th>
                    <Th>config_dump</Th>
                    <Th className="text-right">Captured pods</Th>
                    <Th className="text-right" title="Connections opened per second through this ztunnel">Connections</Th>
                    <Th className="text-right">In</Th>
                    <Th className="text-right">Out</Th>
                  </tr>
                </thead>
                <tbody>
                  {nodes.map((n) => {
                    const z = ztunnels.find((p) => p.node === n);
                    const t = traffic.get(n);
                    const dump = z ? status.get(z.pod) : undefined;
                    return (
                      <tr key={n} data-testid={`ztunnel-node-${n}`} className={cx(n === node && 'bg-indigo-50/70 dark:bg-indigo-950/40', z && !z.ready && 'bg-red-50/60 dark:bg-red-950/20')}>
                        <Td className="font-medium whitespace-nowrap">{n}</Td>
                        <Td className="font-mono text-xs">{z ? z.pod || <span className="text-slate-500">hidden (no access to its namespace)</span> : <span className="text-red-700 dark:text-red-300">no ztunnel on this node</span>}</Td>
                        <Td>{z ? z.ready ? <Badge tone="good">Ready</Badge> : <Badge tone="bad">Not ready</Badge> : <Badge tone="bad">Missing</Badge>}</Td>
                        <Td className="font-mono text-xs">{z?.version ?? '—'}</Td>
                        <Td className={cx('text-right tabular-nums', (z?.restarts ?? 0) > 0 && 'text-amber-700 dark:text-amber-300')}>{z?.restarts ?? '—'}</Td>
                        <Td className="text-xs">
                          {!z ? '—' : !dump ? <span className="text-slate-500">{dumps.isPending ? 'asking…' : 'not asked'}</span> : dump.ok ? <Badge tone="good">answered</Badge> : <span className="text-red-700 dark:text-red-300" title={dump.message}>did not answer</span>}
                        </Td>
                        <Td className="text-right tabular-nums">{t?.capturedPods ?? 0}</Td>
                        <Td className="text-right tabular-nums">{t ? formatRate(t.connectionsPerSec, '/s') : '—'}</Td>
                        <Td className="text-right tabular-nums">{t ? formatBytesPerSec(t.inboundBps) : '—'}</Td>
                        <Td className="text-right tabular-nums">{t ? formatBytesPerSec(t.outboundBps) : '—'}</Td>
                      </tr>
                    );
                  })}
                </tbody>
              </Table>
              <p className="border-t border-slate-200 px-3 py-2 text-xs text-slate-500 dark:border-slate-800 dark:text-slate-400">
                Throughput and connections over the last {formatWindow(DEFAULT_WINDOW_SECONDS)}
                {(overview.data?.nodes ?? []).some((n) => n.basis === 'measured')
                  ? ': from each ztunnel pod’s own metrics (in: as the destination’s ztunnel, out: as the source’s).'
                  : ', estimated from the traffic graph: each edge counts on the nodes of its client’s and server’s captured pods.'}
              </p>
            </Panel>
          </>
        );
      }}
    </QueryView>
  );
}
