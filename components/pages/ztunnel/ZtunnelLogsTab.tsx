'use client';

import { useQuery } from '@tanstack/react-query';
import { DNS_SUBDOMAIN } from '@/lib/graph/kube-names';
import { ztunnelLogsQueryOptions } from '@/lib/api-client/ztunnel';
import { Checkbox } from '@/components/ui/Checkbox';
import { Panel } from '@/components/ui/Panel';
import { Select } from '@/components/ui/Select';
import { EmptyState, Notice } from '@/components/ui/States';
import { AccessLogTable } from '../common/AccessLogTable';
import { QueryView } from '../common/QueryView';
import { Toolbar } from '../common/Toolbar';

export interface LogFilterState {
  namespace: string;
  workload: string;
  direction: string;
  errors: string;
}

/** Access logs from every ztunnel, filtered by namespace, workload, direction and errors (all in the URL). */
export function ZtunnelLogsTab({ filter, update }: { filter: LogFilterState; update: (patch: Partial<LogFilterState>) => void }) {
  const direction = filter.direction === 'inbound' || filter.direction === 'outbound' ? filter.direction : undefined;
  const namespace = DNS_SUBDOMAIN.test(filter.namespace) ? filter.namespace : undefined;
  const workload = DNS_SUBDOMAIN.test(filter.workload) ? filter.workload : undefined;
  const query = useQuery(ztunnelLogsQueryOptions({ namespace, workload, direction, errors: filter.errors === 'true' ? 'true' : undefined, limit: 500 }));
  return (
    <>
      <Toolbar>
        <label className="flex items-center gap-1.5 text-xs text-slate-600 dark:text-slate-400">
          Namespace
          <input aria-label="Namespace" value={filter.namespace} onChange={(e) => update({ namespace: e.target.value.trim() })} placeholder="any" className="h-8 w-36 rounded-md border border-slate-300 bg-white px-2 text-sm text-slate-900 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100" />
        </label>
        <label className="flex items-center gap-1.5 text-xs text-slate-600 dark:text-slate-400">
          Workload
          <input aria-label="Workload" value={filter.workload} onChange={(e) => update({ workload: e.target.value.trim() })} placeholder="any" className="h-8 w-44 rounded-md border border-slate-300 bg-white px-2 text-sm text-slate-900 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100" />
        </label>
        <Select label="Direction" value={direction ?? ''} onChange={(d) => update({ direction: d })} options={[{ value: '', label: 'Both' }, { value: 'inbound', label: 'Inbound' }, { value: 'outbound', label: 'Outbound' }]} />
        <Checkbox label="Errors only" checked={filter.errors === 'true'} onChange={(on) => update({ errors: on ? 'true' : '' })} />
      </Toolbar>
      {(filter.namespace && !namespace) || (filter.workload && !workload) ? <Notice className="mb-3">Namespace and workload must be Kubernetes names (lower case letters, digits, “-” and “.”).</Notice> : null}
      <QueryView query={query} what="access logs">
        {(logs) => (
          <>
            {logs.ztunnels.some((z) => !z.ok) && (
              <Notice className="mb-3">Some ztunnels did not give their logs: {logs.ztunnels.filter((z) => !z.ok).map((z) => `${z.pod} (${z.node ?? '?'}): ${z.message ?? 'no answer'}`).join('; ')}</Notice>
            )}
            {logs.lines.length === 0 ? (
              <EmptyState title="No access-log records match">ztunnel keeps recent lines only; widen the filters or wait for traffic.</EmptyState>
            ) : (
              <Panel>
                <AccessLogTable lines={logs.lines} caption="ztunnel access logs" />
                <p className="border-t border-slate-200 px-3 py-2 text-xs text-slate-500 dark:border-slate-800 dark:text-slate-400">
                  {logs.lines.length} records, newest first, from {logs.ztunnels.filter((z) => z.ok).length} ztunnels.
                </p>
              </Panel>
            )}
          </>
        )}
      </QueryView>
    </>
  );
}
