// Window rates straight from the model, as Prometheus' rate() over [t - window, t] returns them
// (counters are exact integrals, so this is increase / window).

import type { Timeline } from './timeline';
import type { Series } from './series';

export type LabelMatch = Record<string, string | RegExp>;

export function matches(labels: Record<string, string>, match: LabelMatch): boolean {
  return Object.entries(match).every(([k, v]) => {
    const actual = labels[k] ?? '';
    return typeof v === 'string' ? actual === v : v.test(actual);
  });
}

/** Every series with its window rate, at query time t. */
export function seriesRates(timeline: Timeline, t: number, window: number, filter: (s: Series) => boolean = () => true): { key: string; series: Series; rate: number }[] {
  const out: { key: string; series: Series; rate: number }[] = [];
  for (const [key, series] of timeline.seriesBetween(t - window, t)) {
    if (!filter(series)) continue;
    const rate = (timeline.counter(key, t) - timeline.counter(key, t - window)) / window;
    out.push({ key, series, rate });
  }
  return out;
}

/** sum(rate(name{match}[window])) at t. */
export function sumRate(timeline: Timeline, name: string, match: LabelMatch, t: number, window: number): number {
  return seriesRates(timeline, t, window, (s) => s.name === name && matches(s.labels, match)).reduce((a, r) => a + r.rate, 0);
}
