import { describe, expect, it } from 'vitest';
import { formatBytesPerSec, formatMs, formatRate, formatShare } from './format';

describe('format', () => {
  it('writes byte rates in decimal units', () => {
    expect([0, 512, 4200, 1_350_000, 12_000_000_000].map(formatBytesPerSec)).toEqual(['0 B/s', '512 B/s', '4.2 kB/s', '1.35 MB/s', '12 GB/s']);
  });
  it('keeps tiny non-zero rates visible', () => {
    expect(formatRate(0.001, 'conn/s')).toBe('<0.01 conn/s');
    expect(formatRate(0, 'rps')).toBe('0 rps');
    expect(formatRate(12.34, 'rps')).toBe('12.3 rps');
  });
  it('never rounds a partial mTLS share to 0% or 100%', () => {
    expect([1, 0, 0.999, 0.9999, 0.004, 0.5].map(formatShare)).toEqual(['100%', '0%', '99.9%', '>99.9%', '<1%', '50%']);
  });
  it('writes latencies in ms or s', () => {
    expect([formatMs(35), formatMs(1500), formatMs(null)]).toEqual(['35 ms', '1.5 s', 'n/a']);
  });
});
