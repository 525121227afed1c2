'use client';

import { Breakable, CopyButton } from './Breakable';
import { cx } from './cx';
import { shortIdentity } from './identity';

/**
 * A workload identity as every page shows it: the SPIFFE ID, shortened by shortIdentity (or whole
 * where there is room), wrapping only at "/", "-" and ".", the full ID on hover and a copy button.
 */
export function Identity({ value, full = false, className }: { value: string | undefined; full?: boolean; className?: string }) {
  if (!value) return <span className={cx('text-slate-400', className)}>—</span>;
  return (
    <span className={cx('font-mono', className)} title={value} data-testid="identity" data-identity={value}>
      <Breakable text={full ? value : shortIdentity(value)} />
      <CopyButton value={value} label="Copy identity" />
    </span>
  );
}
