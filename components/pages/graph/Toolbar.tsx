'use client';

import { useState } from 'react';
import type { GraphType } from '@/lib/graph/model';
import type { NamespaceRow } from '@/lib/api-client/namespaces';
import { Button } from '@/components/ui/Button';
import { Popover } from '@/components/ui/Popover';
import { Select } from '@/components/ui/Select';
import { layoutWords } from '@/components/graph/layouts';
import { durations, formatDuration, layoutNames, refreshIntervals, type GraphViewState, type LayoutName } from '@/components/graph/view-state';
import { formatClock } from '@/components/pages/common/format';
import { NamespacePicker } from './NamespacePicker';

const graphTypeWords: Record<GraphType, string> = { workload: 'Workload graph', app: 'App graph', versionedApp: 'Versioned app graph', service: 'Service graph' };

function toLocalInput(unix: number): string {
  const d = new Date(unix * 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function Replay({ queryTime, onChange }: { queryTime: number | null; onChange: (t: number | null) => void }) {
  const [draft, setDraft] = useState(() => toLocalInput(queryTime ?? Math.floor(Date.now() / 1000)));
  const label = queryTime === null ? 'Now' : new Date(queryTime * 1000).toLocaleString([], { dateStyle: 'short', timeStyle: 'short' });
  return (
    <Popover label="Replay instant" buttonContent={<span>{queryTime === null ? 'Now' : `At ${label}`}</span>}>
      <form
        className="flex flex-col gap-2 p-1"
        onSubmit={(e) => {
          e.preventDefault();
          const t = Math.floor(new Date(draft).getTime() / 1000);
          if (Number.isFinite(t)) onChange(Math.min(t, Math.floor(Date.now() / 1000)));
        }}
      >
        <label className="text-xs text-slate-600 dark:text-slate-400">
          Show the graph as it was at
          <input type="datetime-local" value={draft} max={toLocalInput(Math.floor(Date.now() / 1000))} onChange={(e) => setDraft(e.target.value)} className="mt-1 block h-8 w-full rounded-md border border-slate-300 bg-white px-2 text-sm dark:border-slate-700 dark:bg-slate-950" />
        </label>
        <div className="flex gap-2">
          <Button type="submit" variant="primary" size="sm">Replay</Button>
          <Button size="sm" onClick={() => onChange(null)} disabled={queryTime === null}>Back to now</Button>
        </div>
        <p className="text-xs text-slate-500">Rates are averaged over the time window ending at this instant. Refresh is paused while replaying.</p>
      </form>
    </Popover>
  );
}

export interface ToolbarProps {
  state: GraphViewState;
  update: (patch: Partial<GraphViewState>) => void;
  namespaces: NamespaceRow[];
  namespacesLoading: boolean;
  namespacesError?: string;
  updatedAt: number | null;
  fetching: boolean;
  onRefresh: () => void;
  /** The Traffic menu (protocols, telemetry). */
  traffic?: React.ReactNode;
  display: React.ReactNode;
  exportMenu: React.ReactNode;
}

export function Toolbar({ state, update, namespaces, namespacesLoading, namespacesError, updatedAt, fetching, onRefresh, traffic, display, exportMenu }: ToolbarProps) {
  return (
    <div role="toolbar" aria-label="Graph options" className="flex flex-wrap items-center gap-2 border-b border-slate-200 bg-white px-4 py-2 dark:border-slate-800 dark:bg-slate-900">
      <NamespacePicker namespaces={namespaces} selected={state.namespaces} loading={namespacesLoading} error={namespacesError} onChange={(ns) => update({ namespaces: ns, selected: null })} />
      <Select label="Graph type" hideLabel value={state.graphType} options={(Object.keys(graphTypeWords) as GraphType[]).map((t) => ({ value: t, label: graphTypeWords[t] }))} onChange={(graphType) => update({ graphType, selected: null, collapse: { namespaces: [], apps: [] } })} />
      <Select label="Time window" hideLabel value={String(state.duration)} options={durations.map((d) => ({ value: String(d), label: `Last ${formatDuration(d)}` }))} onChange={(d) => update({ duration: Number(d) })} />
      <Replay key={state.queryTime ?? 'now'} queryTime={state.queryTime} onChange={(queryTime) => update({ queryTime })} />
      <Select
        label="Refresh"
        hideLabel
        value={String(state.refresh)}
        disabled={state.queryTime !== null}
        options={refreshIntervals.map((r) => ({ value: String(r), label: r === 0 ? 'Refresh off' : `Refresh ${formatDuration(r)}` }))}
        onChange={(r) => update({ refresh: Number(r) })}
      />
      <Button size="sm" variant="ghost" onClick={onRefresh} disabled={fetching || state.namespaces.length === 0} aria-label="Refresh now">
        <span aria-hidden className={fetching ? 'animate-spin' : undefined}>↻</span>
      </Button>
      <span className="text-xs text-slate-500 tabular-nums" aria-live="polite" data-testid="last-updated">
        {updatedAt ? `Updated ${formatClock(updatedAt)}` : fetching ? 'Loading…' : ''}
      </span>
      <div className="ml-auto flex items-center gap-2">
        <Select label="Layout" hideLabel value={state.layout} options={layoutNames.map((l) => ({ value: l, label: layoutWords[l as LayoutName] }))} onChange={(layout) => update({ layout })} />
        {traffic}
        {display}
        {exportMenu}
      </div>
    </div>
  );
}
