// How a flow's rate moves over time. `constant`: exactly the scenario's numbers (tests).
// `live`: a smooth wave around them (demo). Counters are integrals of the rate, so a scrape at
// any time and the written history agree.

import { hash32 } from '../scenarios/ids';

export type TrafficProfile = 'live' | 'constant';

const AMPLITUDE = 0.35;

function wave(flowId: string): { omega: number; phase: number } {
  const h = hash32(flowId);
  const period = 600 + (h % 600);
  return { omega: (2 * Math.PI) / period, phase: ((h >>> 10) % 360) * (Math.PI / 180) };
}

/** Rate multiplier at unix time t (1 for constant). */
export function multiplier(profile: TrafficProfile, flowId: string, t: number): number {
  if (profile === 'constant') return 1;
  const { omega, phase } = wave(flowId);
  return 1 + AMPLITUDE * Math.sin(omega * t + phase);
}

/** Integral of the multiplier over [a, b]. */
export function integral(profile: TrafficProfile, flowId: string, a: number, b: number): number {
  if (b <= a) return 0;
  if (profile === 'constant') return b - a;
  const { omega, phase } = wave(flowId);
  return b - a + (AMPLITUDE / omega) * (Math.cos(omega * a + phase) - Math.cos(omega * b + phase));
}
