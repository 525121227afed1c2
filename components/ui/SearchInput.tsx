'use client';

import { cx } from './cx';

/** A labelled search box (type=search: Escape clears it in most browsers). */
export function SearchInput({ label, value, onChange, placeholder, className }: { label: string; value: string; onChange: (value: string) => void; placeholder?: string; className?: string }) {
  return (
    <label className={cx('relative flex items-center', className)}>
      <span className="sr-only">{label}</span>
      <span aria-hidden className="pointer-events-none absolute left-2.5 text-sm text-slate-400">⌕</span>
      <input
        type="search"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        placeholder={placeholder ?? label}
        className="h-8 w-full rounded-md border border-slate-300 bg-white pr-2 pl-7 text-sm text-slate-900 placeholder:text-slate-400 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
      />
    </label>
  );
}
