'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { dataplaneQueryOptions } from '@/lib/api-client/security';
import type { DataplaneRow } from '@/lib/posture/dataplane';
import { workloadHref, ztunnelHref } from '@/lib/posture/links';
import { Button } from '@/components/ui/Button';
import { Badge } from '@/components/ui/Badge';
import { Checkbox } from '@/components/ui/Checkbox';
import { Panel } from '@/components/ui/Panel';
import { SearchInput } from '@/components/ui/SearchInput';
import { Select } from '@/components/ui/Select';
import { SortableTh } from '@/components/ui/SortableTh';
import { EmptyState, Notice } from '@/components/ui/States';
import { Table, Td, Th } from '@/components/ui/Table';
import { podStateWords } from '../common/enrollment';
import { PageHeader } from '../common/PageHeader';
import { QueryView } from '../common/QueryView';
import { CountLine, Toolbar } from '../common/Toolbar';
import { parseSort, sortParam, searchState, useUrlState } from '../common/use-url-state';
import { dataplaneSortKeys, filterDataplane, protocolFilterLabels, protocolFilters, type DataplaneSortKey, type ProtocolFilter } from './filter';
import { Identity } from '@/components/ui/Identity';

const defaults = { q: '', namespace: '', protocol: 'all', mismatch: 'false', sort: 'namespace' } as const;
const viewUrl = searchState(defaults);

export function WorkloadsView() {
  const query = useQuery(dataplaneQueryOptions());
  const [state, update] = useUrlState(viewUrl);
  const protocol = (protocolFilters as readonly string[]).includes(state.protocol) ? (state.protocol as ProtocolFilter) : 'all';
  const sort = parseSort<DataplaneSortKey>(state.sort, dataplaneSortKeys, 'namespace');
  const sortBy = (key: DataplaneSortKey) => update({ sort: sortParam(key, sort.key === key && sort.direction === 'asc' ? 'desc' : 'asc') });
  const th = (key: DataplaneSortKey, label: string) => (
    <SortableTh active={sort.key === key} direction={sort.direction} onSort={() => sortBy(key)}>{label}</SortableTh>
  );

  return (
    <div className="p-6">
      <PageHeader
        title="Workloads"
        description="Every pod as ztunnel sees it (istioctl ztunnel-config workloads, merged from every node) beside what the Kubernetes API says. Rows where the two disagree are marked."
        query={query}
      />
      <QueryView query={query} what="workloads">
        {(data) => {
          const namespaces = [...new Set(data.rows.map((r) => r.namespace))].sort();
          // A namespace from the URL that no pod lives in is kept in the drop-down, so it agrees with the URL.
          const unknownNamespace = state.namespace && !namespaces.includes(state.namespace) ? state.namespace : undefined;
          const rows = filterDataplane(data.rows, { q: state.q, namespace: state.namespace, protocol, mismatchOnly: state.mismatch === 'true', sort: sort.key, direction: sort.direction });
          return (
            <>
              {!data.ztunnelAnswered && (
                <Notice className="mb-3">No ztunnel answered its config_dump, so the ztunnel columns are empty and nothing is marked missing. {data.unansweredZtunnels.map((z) => `${z.node ?? z.pod}: ${z.message ?? 'no answer'}`).join('; ')}</Notice>
              )}
              {data.ztunnelAnswered && data.unansweredZtunnels.length > 0 && (
                <Notice className="mb-3">
                  {data.unansweredZtunnels.length === 1 ? 'One ztunnel' : `${data.unansweredZtunnels.length} ztunnels`} did not answer; the others are merged.{' '}
                  {data.unansweredZtunnels.map((z) => `${z.pod} on ${z.node ?? '?'}: ${z.message ?? 'no answer'}`).join('; ')}
                </Notice>
              )}
              <Toolbar>
                <SearchInput label="Search pods" value={state.q} onChange={(q) => update({ q })} placeholder="Pod, workload, address, node…" className="w-72" />
                <Select label="Namespace" value={state.namespace} onChange={(namespace) => update({ namespace })} options={[{ value: '', label: 'All' }, ...namespaces.map((n) => ({ value: n, label: n })), ...(unknownNamespace ? [{ value: unknownNamespace, label: `${unknownNamespace} (no pods)` }] : [])]} />
                <Select label="Protocol" value={protocol} onChange={(p) => update({ protocol: p })} options={protocolFilters.map((p) => ({ value: p, label: protocolFilterLabels[p] }))} />
                <Checkbox label={<>Only mismatches <Badge tone={data.mismatches > 0 ? 'warn' : 'neutral'}>{data.mismatches}</Badge></>} checked={state.mismatch === 'true'} onChange={(on) => update({ mismatch: on ? 'true' : 'false' })} />
              </Toolbar>
              {unknownNamespace ? (
                <EmptyState
                  title={`No namespace ${unknownNamespace} with pods`}
                  actions={<>{namespaces.slice(0, 8).map((n) => <Button key={n} onClick={() => update({ namespace: n })}>{n}</Button>)}<Button variant="primary" onClick={() => update({ namespace: '' })}>All namespaces</Button></>}
                >
                  <span data-testid="unknown-namespace">No pod you may see runs in a namespace named {unknownNamespace}: it does not exist, is empty, or is hidden from you. Namespaces with pods: {namespaces.join(', ')}.</span>
                </EmptyState>
              ) : data.rows.length === 0 ? (
                <EmptyState title="No pods to show">Neither the Kubernetes API nor any ztunnel reports a pod in the namespaces you may see.</EmptyState>
              ) : (
                <Panel>
                  <Table caption="Pods as ztunnel and Kubernetes see them">
                    <thead>
                      <tr>
                        {th('namespace', 'Namespace')}
                        {th('pod', 'Pod name')}
                        <Th>Address</Th>
                        {th('node', 'Node')}
                        <Th>Waypoint</Th>
                        {th('protocol', 'Protocol')}
                        {th('enrollment', 'Kubernetes says')}
                        <Th>Identity</Th>
                      </tr>
                    </thead>
                    <tbody>
                      {rows.map((r) => <DataplaneTableRow key={`${r.namespace}/${r.pod}`} r={r} />)}
                      {rows.length === 0 && (
                        <tr>
                          <Td colSpan={8} className="py-8 text-center text-slate-500">
                            No pod matches these filters.{' '}
                            <button type="button" className="text-indigo-600 underline dark:text-indigo-400" onClick={() => update({ q: '', namespace: '', protocol: 'all', mismatch: 'false' })}>Clear filters</button>
                          </Td>
                        </tr>
                      )}
                    </tbody>
                  </Table>
                  <div className="border-t border-slate-200 px-3 py-2 dark:border-slate-800">
                    <CountLine shown={rows.length} total={data.rows.length} noun="pods" />
                  </div>
                </Panel>
              )}
            </>
          );
        }}
      </QueryView>
    </div>
  );
}

function DataplaneTableRow({ r }: { r: DataplaneRow }) {
  const workload = r.kube?.workload ?? r.ztunnel?.workload;
  const bad = r.mismatches.length > 0;
  const words = r.kube ? podStateWords[r.kube.enrollment] : undefined;
  const node = r.ztunnel?.node ?? r.kube?.node;
  return (
    <>
      <tr data-testid={`pod-${r.namespace}-${r.pod}`} className={bad ? 'bg-amber-50/60 dark:bg-amber-950/20' : 'hover:bg-slate-50 dark:hover:bg-slate-800/40'}>
        <Td className={bad ? 'border-b-0' : undefined}>{r.namespace}</Td>
        <Td className={bad ? 'border-b-0' : undefined}>
          <div className="font-mono text-xs">{r.pod}</div>
          {workload && r.kube && (
            <Link href={workloadHref(r.namespace, workload)} className="text-xs text-indigo-600 hover:underline dark:text-indigo-400">{workload}</Link>
          )}
        </Td>
        <Td className={`font-mono text-xs ${bad ? 'border-b-0' : ''}`}>{r.ztunnel?.addresses.join(', ') || r.kube?.ip || '—'}</Td>
        <Td className={`text-xs ${bad ? 'border-b-0' : ''}`}>
          {node ? <Link href={ztunnelHref({ node })} className="hover:underline">{node}</Link> : '—'}
        </Td>
        <Td className={`font-mono text-xs ${bad ? 'border-b-0' : ''}`}>{r.ztunnel ? (r.ztunnel.waypoint ?? 'None') : '—'}</Td>
        <Td className={bad ? 'border-b-0' : undefined}>
          {r.ztunnel ? <Badge tone={r.ztunnel.protocol === 'HBONE' ? 'good' : 'neutral'}>{r.ztunnel.protocol}</Badge> : <span className="text-xs text-slate-500">not in ztunnel</span>}
        </Td>
        <Td className={bad ? 'border-b-0' : undefined}>
          {words ? <Badge tone={r.kube?.unprotected ? 'warn' : words.tone} title={r.kube?.reason}>{words.label}</Badge> : <span className="text-xs text-slate-500">unknown to Kubernetes</span>}
        </Td>
        <Td className={`text-xs ${bad ? 'border-b-0' : ''}`}><Identity value={r.kube?.identity ?? r.ztunnel?.identity} /></Td>
      </tr>
      {bad && (
        <tr className="bg-amber-50/60 dark:bg-amber-950/20">
          <Td colSpan={8} className="pt-0 text-xs text-amber-800 dark:text-amber-200">
            <span aria-hidden>⚠ </span>
            <span className="font-medium">Mismatch:</span> {r.mismatches.join(' · ')}
          </Td>
        </tr>
      )}
    </>
  );
}
