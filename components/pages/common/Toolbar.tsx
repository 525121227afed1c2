import type { ReactNode } from 'react';

/** The filter row above a table. */
export function Toolbar({ children }: { children: ReactNode }) {
  return <div className="mb-3 flex flex-wrap items-center gap-2">{children}</div>;
}

/** "12 of 40 namespaces" under filters. */
export function CountLine({ shown, total, noun }: { shown: number; total: number; noun: string }) {
  return (
    <p className="text-xs text-slate-500 tabular-nums dark:text-slate-400" aria-live="polite">
      {shown === total ? `${total} ${noun}` : `${shown} of ${total} ${noun}`}
    </p>
  );
}
