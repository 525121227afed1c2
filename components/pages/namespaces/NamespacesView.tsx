'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { namespacesQueryOptions, type NamespaceRow } from '@/lib/api-client/namespaces';
import { graphHref, workloadsHref } from '@/lib/posture/links';
import { gapWords, protectedText, waypointText } from '@/lib/posture/pod-counts';
import type { ProtectionGap } from '@/lib/posture/protection';
import { Badge } from '@/components/ui/Badge';
import { Panel } from '@/components/ui/Panel';
import { SearchInput } from '@/components/ui/SearchInput';
import { Select } from '@/components/ui/Select';
import { SortableTh } from '@/components/ui/SortableTh';
import { EmptyState } from '@/components/ui/States';
import { Table, Td, Th } from '@/components/ui/Table';
import { namespaceStateWords } from '../common/enrollment';
import { PageHeader } from '../common/PageHeader';
import { QueryView } from '../common/QueryView';
import { CountLine, Toolbar } from '../common/Toolbar';
import { parseSort, sortParam, searchState, useUrlState } from '../common/use-url-state';
import { enrollmentFilterLabels, enrollmentFilters, filterNamespaces, namespaceSortKeys, type EnrollmentFilter, type NamespaceSortKey } from './filter';
import { Breakable } from '@/components/ui/Breakable';

const defaults = { q: '', filter: 'all', sort: 'name' } as const;
const viewUrl = searchState(defaults);

export function NamespacesView() {
  const query = useQuery(namespacesQueryOptions());
  const [state, update] = useUrlState(viewUrl);
  const filter = (enrollmentFilters as readonly string[]).includes(state.filter) ? (state.filter as EnrollmentFilter) : 'all';
  const sort = parseSort<NamespaceSortKey>(state.sort, namespaceSortKeys, 'name');
  const sortBy = (key: NamespaceSortKey) => update({ sort: sortParam(key, sort.key === key && sort.direction === 'asc' ? 'desc' : 'asc') });

  return (
    <div className="p-6">
      <PageHeader
        title="Namespaces"
        description="Every namespace you may see, with its ambient enrollment: labelled, pods actually redirected to ztunnel, pods still pending, and whether istiod discovers it."
        query={query}
      />
      <Toolbar>
        <SearchInput label="Search namespaces" value={state.q} onChange={(q) => update({ q })} placeholder="Search by name or waypoint" className="w-72" />
        <Select label="Show" value={filter} onChange={(f) => update({ filter: f })} options={enrollmentFilters.map((f) => ({ value: f, label: enrollmentFilterLabels[f] }))} />
      </Toolbar>
      <QueryView query={query} what="namespaces">
        {({ namespaces }) => {
          const rows = filterNamespaces(namespaces, { q: state.q, filter, sort: sort.key, direction: sort.direction });
          if (namespaces.length === 0) {
            return <EmptyState title="No namespaces to show">Your account may not see any namespace. Ask a cluster admin for read access to the namespaces you work in.</EmptyState>;
          }
          return (
            <Panel>
              <Table caption="Namespaces and their ambient enrollment">
                <thead>
                  <tr>
                    <SortableTh active={sort.key === 'name'} direction={sort.direction} onSort={() => sortBy('name')}>Namespace</SortableTh>
                    <SortableTh active={sort.key === 'enrollment'} direction={sort.direction} onSort={() => sortBy('enrollment')}>Enrollment</SortableTh>
                    <Th>Pods in the mesh</Th>
                    <Th>Waypoint</Th>
                    <Th>Discovery</Th>
                    <SortableTh active={sort.key === 'pods'} direction={sort.direction} onSort={() => sortBy('pods')} align="right">Pods ready</SortableTh>
                    <SortableTh active={sort.key === 'workloads'} direction={sort.direction} onSort={() => sortBy('workloads')} align="right">Workloads</SortableTh>
                    <Th><span className="sr-only">Links</span></Th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((n) => <NamespaceTableRow key={n.name} n={n} />)}
                  {rows.length === 0 && (
                    <tr>
                      <Td colSpan={8} className="py-8 text-center text-slate-500">
                        No namespace matches these filters.{' '}
                        <button type="button" className="text-indigo-600 underline dark:text-indigo-400" onClick={() => update({ q: '', filter: 'all' })}>
                          Clear filters
                        </button>
                      </Td>
                    </tr>
                  )}
                </tbody>
              </Table>
              <div className="border-t border-slate-200 px-3 py-2 dark:border-slate-800">
                <CountLine shown={rows.length} total={namespaces.length} noun="namespaces" />
              </div>
            </Panel>
          );
        }}
      </QueryView>
    </div>
  );
}

function NamespaceTableRow({ n }: { n: NamespaceRow }) {
  const words = namespaceStateWords[n.enrollment.state];
  const c = n.podCounts;
  return (
    <tr data-testid={`namespace-${n.name}`} className="hover:bg-slate-50 dark:hover:bg-slate-800/40">
      <Td>
        <div className="font-medium">{n.name}</div>
        {n.ambient && <div className="font-mono text-[11px] text-slate-500 dark:text-slate-400"><Breakable text="istio.io/dataplane-mode=ambient" /></div>}
      </Td>
      <Td>
        <Badge tone={words.tone} title={n.enrollment.reason}>{words.label}</Badge>
        {(n.enrollment.state === 'partial' || n.enrollment.state === 'pending' || n.enrollment.unprotected > 0) && (
          <div className="mt-0.5 max-w-64 text-xs text-slate-500 dark:text-slate-400">{n.enrollment.reason}</div>
        )}
      </Td>
      <Td className="text-xs">
        <ul className="space-y-0.5" data-testid="pod-counts">
          {c.application > 0 && <li className={c.notProtected > 0 ? 'text-slate-700 dark:text-slate-300' : 'text-green-700 dark:text-green-400'} data-testid="protected-pods">{protectedText(c)} protected</li>}
          {(Object.keys(gapWords) as ProtectionGap[]).filter((g) => (c.byGap[g] ?? 0) > 0).map((g) => (
            <li key={g} data-testid={`gap-${g}`} className={g === 'not-redirected' || g === 'ztunnel-not-ready' ? 'font-medium text-amber-700 dark:text-amber-300' : 'text-slate-600 dark:text-slate-400'}>{c.byGap[g]} {gapWords[g]}</li>
          ))}
          {c.proxies > 0 && <li className="text-indigo-700 dark:text-indigo-300">{c.proxies} waypoint/gateway pod{c.proxies === 1 ? '' : 's'}</li>}
          {c.meshInfrastructure > 0 && <li className="text-slate-500 dark:text-slate-400">{c.meshInfrastructure} mesh pod{c.meshInfrastructure === 1 ? '' : 's'} (istiod, ztunnel, istio-cni)</li>}
          {n.pods.total === 0 && <li className="text-slate-400">—</li>}
        </ul>
      </Td>
      <Td className="text-xs" data-testid="waypoints">
        {n.waypoints.length === 0 ? <span className="text-slate-400">—</span> : (
          <ul className="space-y-0.5">{n.waypoints.map((w) => <li key={w.waypoint} className="font-mono"><Breakable text={waypointText(w)} /></li>)}</ul>
        )}
      </Td>
      <Td>
        {n.discovered ? (
          <Badge tone="good" title="Inside meshConfig.discoverySelectors: istiod configures it">Discovered</Badge>
        ) : (
          <Badge tone={n.ambient ? 'bad' : 'warn'} title="Outside meshConfig.discoverySelectors: istiod ignores it, ztunnel gets no workloads from it">
            Outside selectors
          </Badge>
        )}
      </Td>
      <Td className="text-right tabular-nums">
        <span className={n.pods.ready < n.pods.total ? 'text-amber-700 dark:text-amber-300' : undefined}>{n.pods.ready}</span>/{n.pods.total}
      </Td>
      <Td className="text-right tabular-nums">{n.workloads}</Td>
      {/* Stacked, not side by side: the row is tall anyway and the table fits at 1280 px. */}
      <Td className="text-right text-xs">
        <div className="flex flex-col items-end gap-0.5">
          <Link href={graphHref([n.name])} className="text-indigo-600 hover:underline dark:text-indigo-400">Graph</Link>
          <Link href={workloadsHref({ namespace: n.name })} className="text-indigo-600 hover:underline dark:text-indigo-400">Workloads</Link>
        </div>
      </Td>
    </tr>
  );
}
