'use client';

import type { ReactNode } from 'react';
import { cx } from './cx';

/** A column header that sorts the table (aria-sort says how). */
export function SortableTh({ children, active, direction, onSort, className, align = 'left' }: { children: ReactNode; active: boolean; direction: 'asc' | 'desc'; onSort: () => void; className?: string; align?: 'left' | 'right' }) {
  return (
    <th
      scope="col"
      aria-sort={active ? (direction === 'asc' ? 'ascending' : 'descending') : 'none'}
      className={cx('border-b border-slate-200 px-3 py-2 text-xs font-semibold whitespace-nowrap text-slate-500 uppercase dark:border-slate-800 dark:text-slate-400', align === 'right' && 'text-right', className)}
    >
      <button type="button" onClick={onSort} className={cx('inline-flex items-center gap-1 uppercase hover:text-slate-900 dark:hover:text-slate-100', active && 'text-slate-900 dark:text-slate-100')}>
        {children}
        <span aria-hidden className={cx('text-[10px]', !active && 'opacity-30')}>{active && direction === 'desc' ? '▼' : '▲'}</span>
      </button>
    </th>
  );
}
