'use client';

import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Button } from '@/components/ui/Button';
import { formatClock } from './format';

/** Title, one line of what the page is for, and how fresh its data is (with a refresh button). */
export function PageHeader({ title, description, query, children }: { title: ReactNode; description?: ReactNode; query?: UseQueryResult<unknown>; children?: ReactNode }) {
  return (
    <header className="mb-4 flex flex-wrap items-end justify-between gap-3">
      <div className="min-w-0">
        <h1 className="text-xl font-semibold tracking-tight">{title}</h1>
        {description && <p className="mt-0.5 max-w-3xl text-sm text-slate-600 dark:text-slate-400">{description}</p>}
      </div>
      <div className="flex flex-wrap items-center gap-2">
        {children}
        {query && (
          <>
            <span className="text-xs text-slate-500 tabular-nums dark:text-slate-400" aria-live="polite">
              {query.isFetching ? 'Refreshing…' : query.dataUpdatedAt ? `Updated ${formatClock(query.dataUpdatedAt)}` : ''}
            </span>
            <Button size="sm" variant="secondary" onClick={() => void query.refetch()} disabled={query.isFetching} aria-label="Refresh now">
              ↻ Refresh
            </Button>
          </>
        )}
      </div>
    </header>
  );
}
