import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { graphQueries } from './graph-queries';
import { recordedGraphQueries, recordingRules, RULE_RATE_RANGE } from './recorded-queries';
import { chooseGraphQueries, probeQuery } from './recording-rules';

// The rules shipped in deploy/ are the ones the graph's recorded queries read, and the graph picks
// recorded or raw queries per family.

type Rule = { record: string; expr: string };
const rulesIn = (file: string, path: (doc: Record<string, unknown>) => unknown) =>
  ((path(parse(readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8')) as Record<string, unknown>) as { rules: Rule[] }[])[0]?.rules ?? []);
const expected = recordingRules().map((r) => ({ record: r.record, expr: `sum by (${r.by.join(', ')}) (rate(${r.metric}[${RULE_RATE_RANGE}]))` }));

describe('recording rules', () => {
  it('deploy/prometheus/ambient-lens.rules.yaml holds exactly the rules the graph reads', () => {
    expect(rulesIn('deploy/prometheus/ambient-lens.rules.yaml', (d) => d.groups)).toEqual(expected);
  });
  it('the OpenShift PrometheusRule holds the ztunnel (TCP) rules', () => {
    const rules = rulesIn('deploy/overlays/openshift/ztunnel/ambient-lens-prometheusrule.yaml', (d) => (d.spec as Record<string, unknown>).groups);
    expect(rules).toEqual(expected.filter((r) => r.record.includes('istio_tcp_')));
  });
  it('recorded queries keep the raw queries ids and kinds, reading only recorded series', () => {
    const q = { namespaces: ['a', 'b'], duration: 600, queryTime: 1 };
    const raw = graphQueries(q);
    const recorded = recordedGraphQueries(q);
    expect(recorded.map((r) => [r.id, r.kind])).toEqual(raw.map((r) => [r.id, r.kind]));
    for (const r of recorded) {
      expect(r.promql).not.toMatch(/[{(]istio_/);
      expect(r.promql).toContain('avg_over_time(ambient_lens:');
    }
  });
  it('chooses per family', () => {
    const q = { namespaces: ['a'], duration: 600, queryTime: 1 };
    const mixed = chooseGraphQueries(q, { tcp: 'recording-rules', http: 'raw' });
    expect(mixed.filter((m) => m.kind === 'tcp').every((m) => m.promql.includes('ambient_lens:'))).toBe(true);
    expect(mixed.filter((m) => m.kind !== 'tcp').some((m) => m.promql.includes('ambient_lens:'))).toBe(false);
    expect(chooseGraphQueries(q, { tcp: 'raw', http: 'raw' })).toEqual(graphQueries(q));
    expect(probeQuery(600)).toBe('group by (__name__) ({__name__=~"ambient_lens:istio_tcp_sent_bytes_total:rate2m|ambient_lens:istio_requests_total:rate2m"} offset 600s)');
  });
});
