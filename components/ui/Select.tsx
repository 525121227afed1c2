import type { SelectHTMLAttributes } from 'react';
import { cx } from './cx';

export interface SelectOption<T extends string> {
  value: T;
  label: string;
}

export interface SelectProps<T extends string> extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange'> {
  /** Visible label; also the accessible name. */
  label: string;
  /** Hide the visible label but keep it for screen readers. */
  hideLabel?: boolean;
  value: T;
  options: readonly SelectOption<T>[];
  onChange: (value: T) => void;
}

/** A native select with a label: keyboard and screen-reader behaviour for free. */
export function Select<T extends string>({ label, hideLabel, value, options, onChange, className, ...rest }: SelectProps<T>) {
  return (
    <label className={cx('flex items-center gap-1.5 text-xs text-slate-600 dark:text-slate-400', className)}>
      <span className={hideLabel ? 'sr-only' : undefined}>{label}</span>
      <select
        value={value}
        onChange={(e) => onChange(e.target.value as T)}
        className="h-8 rounded-md border border-slate-300 bg-white px-2 text-sm text-slate-900 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
        {...rest}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}
