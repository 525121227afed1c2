'use client';

import { useQuery } from '@tanstack/react-query';
import { DNS_LABEL } from '@/lib/graph/kube-names';
import { ztunnelPodsQueryOptions, ztunnelTableQueryOptions } from '@/lib/api-client/ztunnel';
import { certificateHealth } from '@/lib/posture/certificates';
import { SearchInput } from '@/components/ui/SearchInput';
import { Tabs, type TabItem } from '@/components/ui/Tabs';
import { PageHeader } from '../common/PageHeader';
import { Toolbar } from '../common/Toolbar';
import { searchState, useUrlState } from '../common/use-url-state';
import { ZtunnelCertificates } from './ZtunnelCertificates';
import { ZtunnelLogsTab } from './ZtunnelLogsTab';
import { ZtunnelNodes } from './ZtunnelNodes';
import { ZtunnelPolicies, ZtunnelServices, ZtunnelWorkloads } from './ZtunnelTables';

const tabIds = ['nodes', 'workloads', 'services', 'policies', 'certificates', 'logs'] as const;
type TabId = (typeof tabIds)[number];
const defaults = { tab: 'nodes', q: '', namespace: '', workload: '', direction: '', errors: '', node: '' } as const;
const viewUrl = searchState(defaults);

export function ZtunnelView() {
  const [state, update] = useUrlState(viewUrl);
  const tab: TabId = (tabIds as readonly string[]).includes(state.tab) ? (state.tab as TabId) : 'nodes';
  const pods = useQuery(ztunnelPodsQueryOptions());
  const certs = useQuery(ztunnelTableQueryOptions('certificates'));
  const notReady = pods.data?.ztunnels.filter((z) => !z.ready).length ?? 0;
  const now = new Date();
  const certProblems = certs.data?.certificates.filter((c) => !c.root && certificateHealth(c, now) !== 'ok').length ?? 0;
  const items: TabItem<TabId>[] = [
    { id: 'nodes', label: 'Nodes', badge: pods.data ? (notReady > 0 ? `${notReady} not ready` : pods.data.ztunnels.length) : undefined, warn: notReady > 0 },
    { id: 'workloads', label: 'Workloads' },
    { id: 'services', label: 'Services' },
    { id: 'policies', label: 'Policies' },
    { id: 'certificates', label: 'Certificates', badge: certProblems > 0 ? certProblems : undefined, warn: certProblems > 0 },
    { id: 'logs', label: 'Access logs' },
  ];
  const searchable = tab === 'workloads' || tab === 'services' || tab === 'policies' || tab === 'certificates';
  return (
    <div className="p-6">
      <PageHeader
        title="ztunnel"
        description="The node proxies of the ambient mesh: one per node, each asked for its config (port-forward to its admin port) and its access logs. istioctl ztunnel-config asks one ztunnel; this merges them all."
        query={pods}
      />
      <Tabs label="ztunnel views" items={items} selected={tab} onSelect={(id) => update({ tab: id }, { history: 'push' })} className="mb-4" />
      {searchable && (
        <Toolbar>
          <SearchInput label={`Search ${tab}`} value={state.q} onChange={(q) => update({ q })} className="w-72" />
          {tab !== 'certificates' && (
            <label className="flex items-center gap-1.5 text-xs text-slate-600 dark:text-slate-400">
              Namespace
              <input aria-label="Namespace filter" value={state.namespace} onChange={(e) => update({ namespace: e.target.value.trim() })} placeholder="any" className="h-8 w-40 rounded-md border border-slate-300 bg-white px-2 text-sm text-slate-900 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100" />
            </label>
          )}
        </Toolbar>
      )}
      <div role="tabpanel" aria-label={items.find((i) => i.id === tab)?.label}>
        {tab === 'nodes' && <ZtunnelNodes node={state.node} />}
        {tab === 'workloads' && <ZtunnelWorkloads q={state.q} namespace={validNamespace(state.namespace)} />}
        {tab === 'services' && <ZtunnelServices q={state.q} namespace={validNamespace(state.namespace)} />}
        {tab === 'policies' && <ZtunnelPolicies q={state.q} namespace={validNamespace(state.namespace)} />}
        {tab === 'certificates' && <ZtunnelCertificates q={state.q} namespace="" />}
        {tab === 'logs' && <ZtunnelLogsTab filter={state} update={update} />}
      </div>
    </div>
  );
}

const validNamespace = (ns: string): string => (DNS_LABEL.test(ns) ? ns : '');
