'use client';

import type { UseQueryResult } from '@tanstack/react-query';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { ApiError } from '@/lib/api-client/fetch-json';
import { Button } from '@/components/ui/Button';
import { ErrorState, Notice } from '@/components/ui/States';
import { errorAdvice } from './error-advice';
import { formatClock } from './format';

export function errorCode(error: unknown): string | undefined {
  return error instanceof ApiError ? error.code : undefined;
}

/** A failed request as a full error panel: what failed, what it means, what to do. */
export function QueryError({ error, what, onRetry }: { error: unknown; what: string; onRetry?: () => void }) {
  const code = errorCode(error);
  const { title, advice } = errorAdvice(code);
  return (
    <ErrorState
      title={title}
      actions={
        <>
          {onRetry && (
            <Button size="sm" onClick={onRetry}>
              Retry
            </Button>
          )}
          {code === 'unauthenticated' && (
            <Link href="/login" className="inline-flex h-7 items-center rounded-md bg-indigo-600 px-2 text-xs font-medium text-white hover:bg-indigo-500">
              Log in
            </Link>
          )}
        </>
      }
    >
      <p>{advice}</p>
      <p className="font-mono text-xs break-words opacity-80">
        {what}: {error instanceof Error ? error.message : String(error)}
      </p>
    </ErrorState>
  );
}

/** Placeholder rows while the first answer is on its way. */
export function LoadingBlock({ label, rows = 6 }: { label: string; rows?: number }) {
  return (
    <div role="status" aria-label={label} className="space-y-2 py-2">
      <span className="sr-only">{label}</span>
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="h-8 animate-pulse rounded-md bg-slate-200/70 dark:bg-slate-800/70" style={{ opacity: 1 - i * 0.12 }} />
      ))}
    </div>
  );
}

/** Says that a refresh failed while the page keeps the last good answer. */
export function StaleNotice({ error, updatedAt, what }: { error: unknown; updatedAt: number; what: string }) {
  const { title } = errorAdvice(errorCode(error));
  return (
    <Notice className="mb-3" tone="warn">
      <span className="font-medium">Refresh failed: {title}.</span> Showing {what} from {formatClock(updatedAt)}.{' '}
      <span className="opacity-80">{error instanceof Error ? error.message : ''}</span>
    </Notice>
  );
}

/**
 * The three states of a page's main query. With data, the children render it; a failed refresh
 * keeps the data and adds a notice. Without data: a loading block, or the error panel.
 */
export function QueryView<T>({ query, what, children, loadingRows }: { query: UseQueryResult<T>; what: string; children: (data: T) => ReactNode; loadingRows?: number }) {
  if (query.data !== undefined) {
    return (
      <>
        {query.isError && <StaleNotice error={query.error} updatedAt={query.dataUpdatedAt} what={what} />}
        {children(query.data)}
      </>
    );
  }
  if (query.isError) return <QueryError error={query.error} what={`Loading ${what}`} onRetry={() => void query.refetch()} />;
  return <LoadingBlock label={`Loading ${what}`} rows={loadingRows} />;
}
