import { describe, expect, it } from 'vitest';
import { graphQueries } from './graph-queries';
import { toTimedSamples, vectorsAt } from './range';

const labels = {
  reporter: 'destination', source_workload: 'web', source_workload_namespace: 'shop', destination_workload: 'api',
  destination_workload_namespace: 'shop', connection_security_policy: 'mutual_tls',
};

describe('range results', () => {
  it('cuts a matrix at each step, float timestamps included, gaps left empty', () => {
    const matrix = [{ metric: labels, values: [[100.0, '1'], [130, '3']] as [number, string][] }];
    const vectors = vectorsAt(matrix, [100, 115, 130]);
    expect(vectors.map((v) => v.map((s) => s.value[1]))).toEqual([['1'], [], ['3']]);
  });

  it('maps the range form of the graph queries to samples per step', () => {
    const queries = graphQueries({ namespaces: ['shop'], duration: 60, queryTime: 130 });
    const received = queries.find((q) => q.id === 'tcp_receivedBytes');
    if (!received) throw new Error('no received-bytes query');
    const timed = toTimedSamples([{ query: received, matrix: [{ metric: labels, values: [[100, '2.5'], [115, 'NaN']] }] }], [100, 115]);
    expect(timed.map((t) => t.time)).toEqual([100, 115]);
    expect(timed[0]?.samples.tcp).toEqual([
      expect.objectContaining({ metric: 'receivedBytes', reporter: 'destination', value: 2.5, securityPolicy: 'mutual_tls', source: expect.objectContaining({ workload: 'web' }) }),
    ]);
    expect(timed[1]?.samples.tcp).toEqual([]);
  });
});
