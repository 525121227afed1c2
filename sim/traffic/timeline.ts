// Traffic over time: the mesh's series set changes only when the cluster changes (enrollment,
// a ztunnel going down...). Each change starts a segment; a counter is the integral of its terms
// over the segments where its series existed, so history and live values agree exactly.

import type { Leg } from './legs';
import type { Series, SeriesSet } from './series';
import { integral, multiplier, type TrafficProfile } from './profile';

export interface Segment {
  start: number;
  legs: Leg[];
  series: SeriesSet;
}

export class Timeline {
  private readonly segments: Segment[] = [];

  constructor(
    readonly profile: TrafficProfile,
    /** Unix seconds where every counter starts at zero. */
    readonly origin: number,
  ) {}

  /** Adds the state that holds from `start` on (replacing any segment starting at or after it). */
  push(start: number, legs: Leg[], series: SeriesSet): void {
    const at = Math.max(start, this.origin);
    while (this.segments.length > 0 && this.segments[this.segments.length - 1]!.start >= at) this.segments.pop();
    this.segments.push({ start: at, legs, series });
  }

  /** The state in force at time t (the first one for times before it). */
  segmentAt(t: number): Segment {
    let found = this.segments[0];
    if (!found) throw new Error('timeline has no segment');
    for (const s of this.segments) {
      if (s.start <= t) found = s;
      else break;
    }
    return found;
  }

  /** Every series that exists at some point in [from, to]. */
  seriesBetween(from: number, to: number): Map<string, Series> {
    const out = new Map<string, Series>();
    this.segments.forEach((s, i) => {
      const end = this.segments[i + 1]?.start ?? Infinity;
      if (end < from || s.start > to) return;
      for (const [k, v] of s.series) if (!out.has(k)) out.set(k, v);
    });
    return out;
  }

  /** Counter value of a series (by key) at time t. */
  counter(key: string, t: number): number {
    let value = 0;
    for (let i = 0; i < this.segments.length; i++) {
      const seg = this.segments[i]!;
      if (t <= seg.start) break;
      const s = seg.series.get(key);
      if (!s) continue;
      const end = Math.min(t, this.segments[i + 1]?.start ?? Infinity);
      for (const term of s.terms) value += term.coef * integral(this.profile, term.flowId, seg.start, end);
    }
    return this.profile === 'live' ? Math.floor(value) : value;
  }

  /** Instantaneous rate of a series at time t. */
  rate(key: string, t: number): number {
    const s = this.segmentAt(t).series.get(key);
    return s ? s.terms.reduce((a, term) => a + term.coef * multiplier(this.profile, term.flowId, t), 0) : 0;
  }

  /** Per-flow integral of the multiplier over [a, b] (for rates averaged over a window). */
  flowIntegral(flowId: string, a: number, b: number): number {
    return integral(this.profile, flowId, a, b);
  }
}
