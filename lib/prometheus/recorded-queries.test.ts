import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { graphQueries, TCP_GROUP_BY } from './graph-queries';
import { edgePackedLabels, recordedEdgeBranches, recordedGraphQueries, recordingRules, RULE_INTERVAL_SECONDS, RULES_MARKER } from './recorded-queries';
import type { PrometheusClient } from './client';
import { MetricsError } from './errors';
import { createPrometheusMetricsSource } from './metrics-source';
import { chooseGraphQueries, createRecordingRulesDetector, probeQuery } from './recording-rules';
import type { ProxyFamily } from '@/lib/graph/samples';

// The rules shipped in deploy/ are the ones the graph's recorded queries read, and the graph picks
// recorded or raw queries per family.

type Rule = { record: string; expr: string };
const rulesIn = (file: string, path: (doc: Record<string, unknown>) => unknown) =>
  ((path(parse(readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8')) as Record<string, unknown>) as { rules: Rule[] }[])[0]?.rules ?? []);
const expected = recordingRules().map((r) => ({ record: r.record, expr: r.expr }));

describe('recording rules', () => {
  it('deploy/prometheus/ambient-lens.rules.yaml holds exactly the rules the graph reads, at the interval it assumes', () => {
    expect(rulesIn('deploy/prometheus/ambient-lens.rules.yaml', (d) => d.groups)).toEqual(expected);
    const interval = (file: string, path: (doc: Record<string, unknown>) => unknown) =>
      (path(parse(readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8')) as Record<string, unknown>) as { interval: string }[])[0]?.interval;
    expect(interval('deploy/prometheus/ambient-lens.rules.yaml', (d) => d.groups)).toBe(`${RULE_INTERVAL_SECONDS}s`);
    expect(interval('deploy/overlays/openshift/ztunnel/ambient-lens-prometheusrule.yaml', (d) => (d.spec as Record<string, unknown>).groups)).toBe(`${RULE_INTERVAL_SECONDS}s`);
  });
  it('the OpenShift PrometheusRule holds the ztunnel (TCP) rules', () => {
    const rules = rulesIn('deploy/overlays/openshift/ztunnel/ambient-lens-prometheusrule.yaml', (d) => (d.spec as Record<string, unknown>).groups);
    expect(rules).toEqual(recordingRules().filter((r) => r.family === 'tcp').map((r) => ({ record: r.record, expr: r.expr })));
  });
  it('recorded queries keep the raw queries ids and kinds, reading only recorded series', () => {
    const q = { namespaces: ['a', 'b'], duration: 600, queryTime: 1 };
    // The ztunnel and waypoint queries; the Envoy sidecar ones have no rules.
    const raw = graphQueries(q).filter((r) => !r.id.startsWith('sidecar_'));
    const recorded = recordedGraphQueries(q);
    expect(recorded.map((r) => [r.id, r.kind])).toEqual(raw.map((r) => [r.id, r.kind]));
    expect(recorded).toHaveLength(8);
    for (const r of recorded) {
      expect(r.promql).not.toMatch(/[{(]istio_/);
      expect(r.promql).toContain('avg_over_time(ambient_lens:');
    }
  });
  it('records one series per ztunnel edge (the destination\'s view, else the client\'s) and a marker per family', () => {
    const rules = recordingRules();
    const sent = rules.find((r) => r.record === 'ambient_lens:istio_tcp_sent_bytes_total:edge_packed_rate2m');
    expect(sent?.expr.split(' or ').map((p) => p.match(/\{[^}]*\}/)?.[0])).toEqual([
      '{app="ztunnel",reporter="destination"}',
      '{app="ztunnel",reporter="source"}',
    ]);
    expect(sent?.expr).not.toMatch(/by \(reporter/);
    // Packed: grouped by the three namespaces and `edge`, which joins the graph's other labels in order.
    for (const view of sent?.expr.split(' or ') ?? []) {
      expect(view).toMatch(/^sum by \(source_workload_namespace, destination_workload_namespace, destination_service_namespace, edge\) \(label_join\(rate\(/);
      expect(view.endsWith(`, "edge", "\\x7f", ${edgePackedLabels('sentBytes').map((l) => `"${l}"`).join(', ')}))`)).toBe(true);
    }
    // Every label the graph reads, the source's run first, then the destination's, then the rest.
    expect(edgePackedLabels('sentBytes')).toEqual([
      'source_cluster', 'source_workload_namespace', 'source_workload', 'source_canonical_service', 'source_canonical_revision', 'source_principal',
      'destination_cluster', 'destination_service', 'destination_service_namespace', 'destination_service_name', 'destination_workload_namespace',
      'destination_workload', 'destination_canonical_service', 'destination_canonical_revision', 'destination_principal',
      'connection_security_policy',
    ]);
    expect(new Set(edgePackedLabels('sentBytes'))).toEqual(new Set(TCP_GROUP_BY.sentBytes));
    expect(rules.filter((r) => r.expr === 'vector(1)').map((r) => [r.family, r.record])).toEqual([
      ['tcp', RULES_MARKER.tcp],
      ['http', RULES_MARKER.http],
    ]);
    // The waypoint rules keep `reporter` (one report per request: nothing to choose).
    expect(rules.find((r) => r.record === 'ambient_lens:istio_requests_total:rate2m')?.expr).toMatch(/^sum by \(reporter, /);
  });

  it('reads the recorded edges of R in disjoint parts: into R, out of R, unserviced calls into R', () => {
    expect(recordedEdgeBranches([])).toEqual([[]]);
    expect(recordedEdgeBranches(['a', 'b'])).toEqual([
      [['destination_workload_namespace', '=~', 'a|b']],
      [['source_workload_namespace', '=~', 'a|b'], ['destination_workload_namespace', '!~', 'a|b']],
      [['source_workload_namespace', '!~', 'a|b'], ['destination_workload_namespace', '=', 'unknown'], ['destination_service_namespace', '=~', 'a|b']],
    ]);
    const all = recordedGraphQueries({ namespaces: [], duration: 600, queryTime: 1 }).find((q) => q.id === 'tcp_sentBytes');
    expect(all?.promql).toMatch(/^sum by \([^)]*\) \(avg_over_time\(ambient_lens:istio_tcp_sent_bytes_total:edge_packed_rate2m\{\}\[600s\]\)\) > 0$/);
  });

  it('chooses per family', () => {
    const q = { namespaces: ['a'], duration: 600, queryTime: 1 };
    const mixed = chooseGraphQueries(q, { tcp: 'recording-rules', http: 'raw' });
    const ztunnel = mixed.filter((m) => m.kind === 'tcp' && !m.id.startsWith('sidecar_'));
    expect(ztunnel).toHaveLength(4);
    expect(ztunnel.every((m) => m.promql.includes('ambient_lens:') && !m.promql.includes('app='))).toBe(true);
    expect(mixed.filter((m) => !ztunnel.includes(m)).some((m) => m.promql.includes('ambient_lens:'))).toBe(false);
    expect(mixed).toHaveLength(16);
    expect(chooseGraphQueries(q, { tcp: 'raw', http: 'raw' })).toEqual(graphQueries(q));
    expect(probeQuery(600).split(' or ')).toEqual([
      'group by (__name__) ({__name__=~"ambient_lens:istio_tcp_edge_rules_loaded|ambient_lens:istio_requests_rules_loaded"} offset 600s)',
      'label_replace(group(present_over_time({__name__=~"istio_requests_total|istio_tcp_sent_bytes_total",reporter=~"source|destination",app!="ztunnel"}[600s])), "family", "sidecar", "", "")',
      'label_replace(group(present_over_time(istio_requests_total{reporter="waypoint"}[600s])), "family", "waypoint", "", "")',
    ]);
  });

  it('sends no query for a proxy family that wrote no series in the window', () => {
    const q = { namespaces: ['a'], duration: 600, queryTime: 1 };
    const ids = (skipped: ProxyFamily[]) => chooseGraphQueries(q, { tcp: 'recording-rules', http: 'raw', skipped }).map((m) => m.id);
    expect(ids(['sidecar', 'waypoint'])).toEqual(['tcp_receivedBytes', 'tcp_sentBytes', 'tcp_connectionsOpened', 'tcp_connectionsClosed']);
    expect(ids(['sidecar'])).toHaveLength(8);
    expect(ids(['sidecar']).some((id) => id.startsWith('sidecar_'))).toBe(false);
    expect(ids(['waypoint'])).toHaveLength(12);
    expect(ids(['waypoint']).filter((id) => id.startsWith('sidecar_'))).toHaveLength(8);
  });
});

/**
 * A client that answers the probe with the recorded names it is given and the proxy families that
 * reported (both unless told), every other query with an empty vector.
 */
function fakeClient(present: () => string[] | Error, families: ProxyFamily[] = ['sidecar', 'waypoint']) {
  const asked: string[] = [];
  const client: PrometheusClient = {
    query: async (promql) => {
      asked.push(promql);
      if (!promql.startsWith('group by (__name__)')) return [];
      const names = present();
      if (names instanceof Error) throw names;
      return [
        ...names.map((n) => ({ metric: { __name__: n }, value: [1, '1'] as [number, string] })),
        ...families.map((family) => ({ metric: { family }, value: [1, '1'] as [number, string] })),
      ];
    },
    queryRange: async () => [],
  };
  return { client, asked };
}

const TCP_RULE = RULES_MARKER.tcp;
const HTTP_RULE = RULES_MARKER.http;

describe('createRecordingRulesDetector', () => {
  it('says per family whether the recorded series exist, remembering it for a minute per window', async () => {
    let present: string[] | Error = [TCP_RULE];
    let clock = 0;
    const { client, asked } = fakeClient(() => present);
    const detect = createRecordingRulesDetector(client, { now: () => clock });
    expect(await detect(600, 6000)).toEqual({ tcp: 'recording-rules', http: 'raw' });
    present = [TCP_RULE, HTTP_RULE];
    expect(await detect(600, 6010)).toEqual({ tcp: 'recording-rules', http: 'raw' });
    expect(asked).toHaveLength(1);
    // A window ending in another minute (an older one, from before the rules) is asked about on its own.
    expect(await detect(600, 60)).toEqual({ tcp: 'recording-rules', http: 'recording-rules' });
    clock = 61_000;
    present = [];
    expect(await detect(600, 6000)).toEqual({ tcp: 'raw', http: 'raw' });
    expect(asked).toHaveLength(3);
  });

  it('falls back to the raw queries when Prometheus refuses the probe, and asks again next time', async () => {
    let present: string[] | Error = new MetricsError('prometheus_error', 'query rejected');
    const { client, asked } = fakeClient(() => present);
    const detect = createRecordingRulesDetector(client);
    expect(await detect(600, 6000)).toEqual({ tcp: 'raw', http: 'raw' });
    present = [TCP_RULE, HTTP_RULE];
    expect(await detect(600, 6000)).toEqual({ tcp: 'recording-rules', http: 'recording-rules' });
    expect(asked).toHaveLength(2);
  });

  it('fails at once when Prometheus does not answer the probe (the graph queries would not either)', async () => {
    const { client, asked } = fakeClient(() => new MetricsError('prometheus_unreachable', 'Prometheus did not answer within 8s'));
    await expect(createPrometheusMetricsSource(client).samples({ namespaces: ['a'], duration: 600, queryTime: 6000 })).rejects.toThrow('within 8s');
    expect(asked).toHaveLength(1);
  });

  it('a probe cancelled by the caller that started it is asked again for the one still waiting', async () => {
    let release: (() => void) | undefined;
    const asked: (AbortSignal | undefined)[] = [];
    const client: PrometheusClient = {
      query: (_promql, _time, signal) => {
        asked.push(signal);
        if (asked.length > 1) return Promise.resolve([{ metric: { __name__: TCP_RULE }, value: [1, '1'] as [number, string] }]);
        return new Promise((_resolve, reject) => {
          release = () => reject(signal?.reason);
          signal?.addEventListener('abort', () => release?.());
        });
      },
      queryRange: async () => [],
    };
    const detect = createRecordingRulesDetector(client);
    const leaving = new AbortController();
    const first = detect(600, 6000, leaving.signal);
    const second = detect(600, 6000);
    leaving.abort(new Error('client closed'));
    await expect(first).rejects.toThrow('client closed');
    await expect(second).resolves.toEqual({ tcp: 'recording-rules', http: 'raw', skipped: ['sidecar', 'waypoint'] });
    expect(asked).toHaveLength(2);
  });
});

describe('createPrometheusMetricsSource with recording rules', () => {
  const q = { namespaces: ['a'], duration: 600, queryTime: 6000 };
  const recordedQueries = (asked: string[]) => asked.filter((p) => !p.startsWith('group by') && p.includes('ambient_lens:'));

  it('reads the recorded series for the families that have them, the raw ones otherwise, and says which', async () => {
    const { client, asked } = fakeClient(() => [TCP_RULE]);
    const samples = await createPrometheusMetricsSource(client).samples(q);
    expect(samples.queries).toEqual({ tcp: 'recording-rules', http: 'raw' });
    // The 4 ztunnel TCP queries over the rules; the waypoint and the 8 sidecar queries raw.
    expect(recordedQueries(asked)).toHaveLength(4);
    expect(asked.filter((p) => !p.startsWith('group by'))).toHaveLength(16);
  });

  it('an ambient mesh without sidecars or waypoints costs the probe and the 4 ztunnel queries, and says so', async () => {
    const { client, asked } = fakeClient(() => [TCP_RULE], []);
    const source = createPrometheusMetricsSource(client);
    expect((await source.samples(q)).queries).toEqual({ tcp: 'recording-rules', http: 'raw', skipped: ['sidecar', 'waypoint'] });
    expect(asked.filter((p) => !p.startsWith('group by'))).toHaveLength(4);
    expect(recordedQueries(asked)).toHaveLength(4);
  });

  it('keeps the raw queries without the series, or with PROMETHEUS_RECORDING_RULES=off (no probe)', async () => {
    const none = fakeClient(() => []);
    expect((await createPrometheusMetricsSource(none.client).samples(q)).queries).toEqual({ tcp: 'raw', http: 'raw' });
    expect(recordedQueries(none.asked)).toHaveLength(0);
    const off = fakeClient(() => [TCP_RULE, HTTP_RULE]);
    expect((await createPrometheusMetricsSource(off.client, { recordingRules: 'off' }).samples(q)).queries).toEqual({ tcp: 'raw', http: 'raw' });
    expect(off.asked).toHaveLength(16);
    expect(recordedQueries(off.asked)).toHaveLength(0);
  });
});
