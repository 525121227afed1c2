'use client';

import { useMemo, useState } from 'react';
import type { NamespaceRow } from '@/lib/api-client/namespaces';
import { Badge } from '@/components/ui/Badge';
import { Popover } from '@/components/ui/Popover';

export function namespaceButtonText(selected: string[]): string {
  if (selected.length === 0) return 'Select namespaces';
  if (selected.length <= 2) return selected.join(', ');
  return `${selected.length} namespaces`;
}

/** Multi-select with search and select-all, listing only namespaces the user may see. */
export function NamespacePicker({ namespaces, selected, onChange, loading, error }: { namespaces: NamespaceRow[]; selected: string[]; onChange: (next: string[]) => void; loading: boolean; error?: string }) {
  const [filter, setFilter] = useState('');
  const shown = useMemo(() => namespaces.filter((n) => n.name.toLowerCase().includes(filter.trim().toLowerCase())), [namespaces, filter]);
  const chosen = new Set(selected);
  const toggle = (name: string) => onChange(chosen.has(name) ? selected.filter((n) => n !== name) : [...selected, name]);
  const allShown = shown.length > 0 && shown.every((n) => chosen.has(n.name));

  return (
    <Popover label="Namespaces" buttonContent={<span className="max-w-48 truncate">{namespaceButtonText(selected)}</span>} panelClassName="w-72">
      <input
        type="search"
        aria-label="Search namespaces"
        placeholder="Search namespaces"
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
        autoFocus
        className="mb-2 h-8 w-full rounded-md border border-slate-300 bg-white px-2 text-sm dark:border-slate-700 dark:bg-slate-950"
      />
      <div className="mb-1 flex items-center justify-between px-1 text-xs">
        <button
          type="button"
          className="text-indigo-600 hover:underline disabled:text-slate-400 dark:text-indigo-400"
          disabled={shown.length === 0}
          onClick={() => onChange(allShown ? selected.filter((n) => !shown.some((s) => s.name === n)) : [...new Set([...selected, ...shown.map((n) => n.name)])])}
        >
          {allShown ? 'Clear' : 'Select all'}
          {filter ? ' shown' : ''}
        </button>
        <span className="text-slate-500">{selected.length} selected</span>
      </div>
      {loading && <p className="px-1 py-2 text-sm text-slate-500">Loading namespaces…</p>}
      {error && <p className="px-1 py-2 text-sm text-red-700 dark:text-red-400">{error}</p>}
      {!loading && !error && shown.length === 0 && <p className="px-1 py-2 text-sm text-slate-500">{namespaces.length === 0 ? 'You may not see any namespace.' : 'No namespace matches.'}</p>}
      <ul className="max-h-72 overflow-auto" aria-label="Namespaces you may see">
        {shown.map((n) => (
          <li key={n.name}>
            <label className="flex cursor-pointer items-center gap-2 rounded px-1 py-1 text-sm hover:bg-slate-50 dark:hover:bg-slate-800">
              <input type="checkbox" className="h-4 w-4 accent-indigo-600" checked={chosen.has(n.name)} onChange={() => toggle(n.name)} />
              <span className="min-w-0 flex-1 truncate">{n.name}</span>
              {n.ambient ? <Badge tone="good">ambient</Badge> : <Badge tone="neutral">not enrolled</Badge>}
            </label>
          </li>
        ))}
      </ul>
    </Popover>
  );
}
