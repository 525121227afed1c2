// How traffic figures read in labels and panels. Pure.

function trim(n: number): string {
  if (n >= 100) return n.toFixed(0);
  if (n >= 10) return n.toFixed(1).replace(/\.0$/, '');
  return n.toFixed(2).replace(/\.?0+$/, '');
}

const byteUnits = ['B/s', 'kB/s', 'MB/s', 'GB/s', 'TB/s'];

/** 4200 -> "4.2 kB/s" (decimal units, like the Prometheus UI). */
export function formatBytesPerSec(bps: number): string {
  if (!Number.isFinite(bps) || bps <= 0) return '0 B/s';
  let value = bps;
  let unit = 0;
  while (value >= 1000 && unit < byteUnits.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${trim(value)} ${byteUnits[unit]}`;
}

/** A per-second rate with its unit; very small non-zero rates still show as non-zero. */
export function formatRate(perSec: number, unit: string): string {
  if (!Number.isFinite(perSec) || perSec <= 0) return `0 ${unit}`;
  if (perSec < 0.01) return `<0.01 ${unit}`;
  return `${trim(perSec)} ${unit}`;
}

/** 0..1 -> "87%"; never rounds a partial share to 0% or 100%. */
export function formatShare(share: number): string {
  if (share >= 1) return '100%';
  if (share <= 0) return '0%';
  const pct = share * 100;
  if (pct < 1) return '<1%';
  if (pct > 99) return pct > 99.9 ? '>99.9%' : `${pct.toFixed(1)}%`;
  return `${Math.round(pct)}%`;
}

export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return 'n/a';
  if (ms >= 1000) return `${trim(ms / 1000)} s`;
  return `${trim(ms)} ms`;
}
