import { z } from 'zod';
import type { TimedSamples } from '@/lib/graph/samples';
import type { NamedQuery } from './graph-queries';
import { toTrafficSamples, type PrometheusVector } from './to-samples';

// Prometheus range-query JSON (a matrix) -> the instant vectors at each step -> TrafficSamples per
// step. The vendor shape (`values: [[ts, "1.5"], ...]`) stops here. Pure.

export const matrixSchema = z.array(
  z.object({
    metric: z.record(z.string(), z.string()),
    values: z.array(z.tuple([z.number(), z.string()])),
  }),
);
export type PrometheusMatrix = z.infer<typeof matrixSchema>;

/** The matrix cut at each of `times` (a series missing at an instant had no sample there). */
export function vectorsAt(matrix: PrometheusMatrix, times: readonly number[]): PrometheusVector[] {
  const index = new Map(times.map((t, i) => [t, i]));
  const out: PrometheusVector[] = times.map(() => []);
  for (const series of matrix) {
    for (const [ts, value] of series.values) {
      // Prometheus answers float seconds on the step grid; round so 1700000015.0 matches 1700000015.
      const i = index.get(Math.round(ts));
      if (i !== undefined) out[i]?.push({ metric: series.metric, value: [ts, value] });
    }
  }
  return out;
}

/** The answers to the range form of graphQueries() -> one TrafficSamples per instant. */
export function toTimedSamples(answers: { query: NamedQuery; matrix: PrometheusMatrix }[], times: readonly number[]): TimedSamples[] {
  const cut = answers.map((a) => ({ query: a.query, vectors: vectorsAt(a.matrix, times) }));
  return times.map((time, i) => ({ time, samples: toTrafficSamples(cut.map((c) => ({ query: c.query, vector: c.vectors[i] ?? [] }))) }));
}
