'use client';

import { useQuery } from '@tanstack/react-query';
import { overviewQueryOptions } from '@/lib/api-client/overview';
import { DEFAULT_WINDOW_SECONDS } from '@/lib/posture/query';
import { SearchInput } from '@/components/ui/SearchInput';
import { Select } from '@/components/ui/Select';
import { EmptyState, Notice } from '@/components/ui/States';
import { errorAdvice } from '../common/error-advice';
import { PageHeader } from '../common/PageHeader';
import { QueryView } from '../common/QueryView';
import { CountLine, Toolbar } from '../common/Toolbar';
import { searchState, useUrlState } from '../common/use-url-state';
import { parseWindow, WindowSelect } from '../common/WindowSelect';
import { cardFilterLabels, cardFilters, cardSortLabels, cardSorts, filterCards, type CardFilter, type CardSort } from './filter';
import { Headline } from './Headline';
import { NamespaceCardView } from './NamespaceCardView';

const defaults = { q: '', filter: 'all', sort: 'name', duration: String(DEFAULT_WINDOW_SECONDS) } as const;
const viewUrl = searchState(defaults);

export function OverviewView() {
  const [state, update] = useUrlState(viewUrl);
  const duration = parseWindow(state.duration, DEFAULT_WINDOW_SECONDS);
  const query = useQuery(overviewQueryOptions({ duration }));
  const filter = (cardFilters as readonly string[]).includes(state.filter) ? (state.filter as CardFilter) : 'all';
  const sort = (cardSorts as readonly string[]).includes(state.sort) ? (state.sort as CardSort) : 'name';

  return (
    <div className="p-6">
      <PageHeader title="Overview" description="The ambient mesh at a glance: how much traffic is mTLS, which pods ztunnel protects, and the health of ztunnel and the control plane." query={query}>
        <WindowSelect value={duration} onChange={(d) => update({ duration: String(d) })} />
      </PageHeader>
      <QueryView query={query} what="the overview" loadingRows={8}>
        {(overview) => {
          const cards = filterCards(overview.namespaces, { q: state.q, filter, sort });
          const traffic = overview.trafficStatus;
          return (
            <>
              {!traffic.ok && (
                <Notice className="mb-4">
                  <span className="font-medium">{errorAdvice(traffic.code).title}:</span> traffic figures (mTLS share, throughput, plaintext and denied connections) are missing. {traffic.message}
                </Notice>
              )}
              {traffic.ok && traffic.warnings.map((w) => <Notice key={w} className="mb-4">{w}</Notice>)}
              {!overview.controlPlaneStatus.ok && <Notice className="mb-4">Control plane state could not be read: {overview.controlPlaneStatus.message}</Notice>}
              <Headline overview={overview} />
              <Toolbar>
                <h2 className="mr-2 text-sm font-semibold">Namespaces</h2>
                <SearchInput label="Search namespaces" value={state.q} onChange={(q) => update({ q })} className="w-64" />
                <Select label="Show" value={filter} onChange={(f) => update({ filter: f })} options={cardFilters.map((f) => ({ value: f, label: cardFilterLabels[f] }))} />
                <Select label="Sort by" value={sort} onChange={(s) => update({ sort: s })} options={cardSorts.map((s) => ({ value: s, label: cardSortLabels[s] }))} />
                <span className="ml-auto">
                  <CountLine shown={cards.length} total={overview.namespaces.length} noun="namespaces" />
                </span>
              </Toolbar>
              {overview.namespaces.length === 0 ? (
                <EmptyState title="No namespaces to show">Your account may not see any namespace. Ask a cluster admin for read access to the namespaces you work in.</EmptyState>
              ) : cards.length === 0 ? (
                <EmptyState title="No namespace matches these filters" actions={<button type="button" className="text-sm text-indigo-600 underline dark:text-indigo-400" onClick={() => update({ q: '', filter: 'all' })}>Clear filters</button>} />
              ) : (
                <div className="grid grid-cols-1 gap-3 md:grid-cols-2 xl:grid-cols-3 2xl:grid-cols-4">
                  {cards.map((c) => <NamespaceCardView key={c.name} card={c} duration={duration} />)}
                </div>
              )}
            </>
          );
        }}
      </QueryView>
    </div>
  );
}
