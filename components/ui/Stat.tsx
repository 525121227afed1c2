import Link from 'next/link';
import type { ReactNode } from 'react';
import { cx } from './cx';
import type { Tone } from './Badge';

const accents: Record<Tone, string> = {
  neutral: 'before:bg-slate-300 dark:before:bg-slate-600',
  good: 'before:bg-green-500',
  warn: 'before:bg-amber-500',
  bad: 'before:bg-red-500',
  info: 'before:bg-indigo-500',
};

/** A headline figure: label, big value, a line of context; the accent bar says good/warn/bad. */
export function Stat({ label, value, detail, tone = 'neutral', href, className }: { label: string; value: ReactNode; detail?: ReactNode; tone?: Tone; href?: string; className?: string }) {
  const body = (
    <>
      <div className="text-xs font-medium text-slate-500 dark:text-slate-400">{label}</div>
      <div className="mt-1 text-2xl font-semibold tabular-nums">{value}</div>
      {detail && <div className="mt-0.5 text-xs text-slate-600 dark:text-slate-400">{detail}</div>}
    </>
  );
  const cls = cx(
    'relative block overflow-hidden rounded-lg border border-slate-200 bg-white py-3 pr-4 pl-5 shadow-sm before:absolute before:inset-y-0 before:left-0 before:w-1 dark:border-slate-800 dark:bg-slate-900',
    accents[tone],
    href && 'hover:border-indigo-300 dark:hover:border-indigo-700',
    className,
  );
  return href ? (
    <Link href={href} className={cls}>
      {body}
    </Link>
  ) : (
    <div className={cls}>{body}</div>
  );
}
