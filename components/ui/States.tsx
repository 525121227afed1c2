import type { ReactNode } from 'react';
import { cx } from './cx';

interface StateProps {
  title: string;
  children?: ReactNode;
  /** Buttons or links that fix the situation. */
  actions?: ReactNode;
  className?: string;
}

/** Nothing to show yet, and what to do about it. */
export function EmptyState({ title, children, actions, className, icon = '◌' }: StateProps & { icon?: string }) {
  return (
    <div role="status" className={cx('mx-auto flex max-w-lg flex-col items-center gap-3 px-6 py-12 text-center', className)}>
      <span aria-hidden className="text-3xl text-slate-400">{icon}</span>
      <h2 className="text-base font-semibold">{title}</h2>
      {children && <div className="text-sm text-slate-600 dark:text-slate-400">{children}</div>}
      {actions && <div className="flex flex-wrap justify-center gap-2">{actions}</div>}
    </div>
  );
}

/** Something failed: say what, the likely cause, and what to do. */
export function ErrorState({ title, children, actions, className }: StateProps) {
  return (
    <div role="alert" className={cx('mx-auto flex max-w-xl flex-col gap-2 rounded-lg border border-red-200 bg-red-50 p-5 text-sm dark:border-red-900 dark:bg-red-950/50', className)}>
      <h2 className="text-base font-semibold text-red-800 dark:text-red-300">{title}</h2>
      {children && <div className="space-y-2 text-red-900 dark:text-red-200">{children}</div>}
      {actions && <div className="mt-2 flex flex-wrap gap-2">{actions}</div>}
    </div>
  );
}

/** A non-blocking notice above content (partial data, fallbacks). */
export function Notice({ tone = 'warn', children, className }: { tone?: 'warn' | 'info'; children: ReactNode; className?: string }) {
  return (
    <div
      role="status"
      className={cx(
        'rounded-md border px-3 py-2 text-sm',
        tone === 'warn'
          ? 'border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-800 dark:bg-amber-950/60 dark:text-amber-200'
          : 'border-indigo-200 bg-indigo-50 text-indigo-900 dark:border-indigo-900 dark:bg-indigo-950/60 dark:text-indigo-200',
        className,
      )}
    >
      {children}
    </div>
  );
}

export function Spinner({ label = 'Loading' }: { label?: string }) {
  return (
    <span role="status" className="inline-flex items-center gap-2 text-sm text-slate-500">
      <span aria-hidden className="h-4 w-4 animate-spin rounded-full border-2 border-slate-300 border-t-indigo-600" />
      {label}
    </span>
  );
}
