'use client';

import { cx } from './cx';

export interface TabItem<T extends string> {
  id: T;
  label: string;
  /** A count or marker shown beside the label. */
  badge?: string | number;
  /** Draw the badge as a warning. */
  warn?: boolean;
}

/** A row of tabs (ARIA tablist); the page owns the selected tab (usually in the URL). */
export function Tabs<T extends string>({ label, items, selected, onSelect, className }: { label: string; items: readonly TabItem<T>[]; selected: T; onSelect: (id: T) => void; className?: string }) {
  return (
    <div role="tablist" aria-label={label} className={cx('flex gap-1 overflow-x-auto border-b border-slate-200 dark:border-slate-800', className)}>
      {items.map((t) => {
        const active = t.id === selected;
        return (
          <button
            key={t.id}
            type="button"
            role="tab"
            aria-selected={active}
            onClick={() => onSelect(t.id)}
            className={cx(
              '-mb-px inline-flex items-center gap-1.5 border-b-2 px-3 py-2 text-sm whitespace-nowrap focus-visible:outline-2 focus-visible:outline-indigo-500',
              active
                ? 'border-indigo-600 font-medium text-indigo-700 dark:border-indigo-400 dark:text-indigo-300'
                : 'border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900 dark:text-slate-400 dark:hover:text-slate-100',
            )}
          >
            {t.label}
            {t.badge !== undefined && (
              <span
                className={cx(
                  'rounded-full px-1.5 text-xs tabular-nums',
                  t.warn ? 'bg-amber-100 text-amber-800 dark:bg-amber-900/60 dark:text-amber-200' : 'bg-slate-100 text-slate-600 dark:bg-slate-800 dark:text-slate-300',
                )}
              >
                {t.badge}
              </span>
            )}
          </button>
        );
      })}
    </div>
  );
}
