'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { ztunnelLogsQueryOptions } from '@/lib/api-client/ztunnel';
import { ztunnelHref } from '@/lib/posture/links';
import { Panel } from '@/components/ui/Panel';
import { Notice } from '@/components/ui/States';
import { AccessLogTable } from '../common/AccessLogTable';
import { QueryView } from '../common/QueryView';

/** ztunnel access logs for this workload's pods (either side), from the ztunnels on their nodes. */
export function WorkloadLogs({ namespace, name }: { namespace: string; name: string }) {
  const query = useQuery(ztunnelLogsQueryOptions({ namespace, workload: name, limit: 100 }));
  return (
    <Panel
      title="ztunnel access logs"
      actions={<Link href={ztunnelHref({ tab: 'logs', namespace, workload: name })} className="text-xs text-indigo-600 hover:underline dark:text-indigo-400">All logs with filters</Link>}
    >
      <QueryView query={query} what="access logs" loadingRows={4}>
        {(logs) => (
          <>
            {logs.ztunnels.some((z) => !z.ok) && (
              <Notice className="m-3">
                Some ztunnels did not give their logs: {logs.ztunnels.filter((z) => !z.ok).map((z) => `${z.pod} (${z.node ?? '?'}): ${z.message ?? 'no answer'}`).join('; ')}
              </Notice>
            )}
            {logs.lines.length === 0 ? (
              <p className="px-4 py-4 text-sm text-slate-500">No access-log record mentions this workload in the last lines the ztunnels kept.</p>
            ) : (
              <AccessLogTable lines={logs.lines} caption={`ztunnel access logs for ${namespace}/${name}`} />
            )}
          </>
        )}
      </QueryView>
    </Panel>
  );
}
