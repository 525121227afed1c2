import { cx } from './cx';

/** A thin bar for a 0..1 share (e.g. the mTLS share); null draws an empty track. */
export function Meter({ value, label, className, tone }: { value: number | null; label: string; className?: string; tone?: 'good' | 'warn' | 'bad' }) {
  const pct = value === null ? 0 : Math.max(0, Math.min(1, value)) * 100;
  const t = tone ?? (value === null ? 'good' : value >= 0.999 ? 'good' : value >= 0.8 ? 'warn' : 'bad');
  const colour = { good: 'bg-green-500', warn: 'bg-amber-500', bad: 'bg-red-500' }[t];
  return (
    <div role="meter" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={value === null ? undefined : Math.round(pct)} className={cx('h-1.5 w-full overflow-hidden rounded-full bg-slate-200 dark:bg-slate-800', className)}>
      <div className={cx('h-full rounded-full', colour)} style={{ width: `${pct}%` }} />
    </div>
  );
}
