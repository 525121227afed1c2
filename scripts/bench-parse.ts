// Parse of a 5,000-workload mesh's Prometheus answers without Prometheus: the generated mesh of
// bench-graph.ts written out as the 4 ztunnel TCP queries' instant vectors (each edge once, as the
// queries' `or` of reporter views returns it), then JSON.parse, the shape check (zod per element before, checkVector now) and
// toTrafficSamples. bench-scale.ts measures the same on real answers.
import { vectorSchema, checkVector, toTrafficSamples, answerSamples, columnsWanted, concatSamples, type PrometheusVector } from '../lib/prometheus/to-samples';
import { columnsOf, scanVector } from '../lib/prometheus/vector-scan';
import { LabelInterner } from '../lib/prometheus/label-interner';
import { graphQueries, TCP_GROUP_BY, type NamedQuery } from '../lib/prometheus/graph-queries';
import { EDGE_LABEL, EDGE_SEPARATOR, edgePackedLabels, recordedGraphQueries } from '../lib/prometheus/recorded-queries';
import type { PeerLabels, DestinationLabels } from '../lib/graph/samples';
import { generateMesh, type BenchFigure } from './bench-graph';
import { writeBenchSection } from './bench-doc';
import { buildGraph, type GraphOptions } from '../lib/graph/build';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const round = (x: number) => Math.round(x * 10) / 10;

function labels(side: 'source' | 'destination', p: PeerLabels): Record<string, string> {
  return {
    [`${side}_cluster`]: p.cluster, [`${side}_workload_namespace`]: p.namespace, [`${side}_workload`]: p.workload,
    [`${side}_canonical_service`]: p.canonicalService, [`${side}_canonical_revision`]: p.canonicalRevision, [`${side}_principal`]: p.principal,
  };
}

export async function run(): Promise<BenchFigure[]> {
  const mesh = generateMesh(5000);
  const queries = graphQueries({ namespaces: mesh.namespaces, duration: 600, queryTime: 1 });
  const byMetric = new Map<string, PrometheusVector>();
  for (const s of mesh.samples.tcp) {
    const d = s.destination as DestinationLabels;
    // The queries leave `reporter` out of the group-by: each edge comes once, with the labels its
    // counter is grouped by (connection counters carry no principals: graph-queries.ts).
    const all: Record<string, string> = {
      ...labels('source', s.source), ...labels('destination', d), destination_service: d.service, destination_service_name: d.serviceName,
      destination_service_namespace: d.serviceNamespace, connection_security_policy: s.securityPolicy, response_flags: s.responseFlags,
    };
    const metric = Object.fromEntries(TCP_GROUP_BY[s.metric].map((l) => [l, all[l] ?? '']));
    const v = byMetric.get(s.metric) ?? [];
    v.push({ metric, value: [1, String(s.value)] });
    byMetric.set(s.metric, v);
  }
  const tcpQueries = queries.filter((q) => q.kind === 'tcp' && !q.proxy);
  const texts = tcpQueries.map((q) => JSON.stringify({ status: 'success', data: { resultType: 'vector', result: q.kind === 'tcp' ? (byMetric.get(q.metric) ?? []) : [] } }));
  const series = [...byMetric.values()].reduce((a, v) => a + v.length, 0);
  const bytes = texts.reduce((a, t) => a + t.length, 0);
  const times = { json: [] as number[], zod: [] as number[], check: [] as number[], samples: [] as number[], build: [] as number[] };
  const options: GraphOptions = { graphType: 'workload', namespaces: mesh.namespaces, duration: 600, queryTime: 1, waypoints: 'show', idle: true };
  for (let i = 0; i < 5; i++) {
    let t = performance.now();
    const parsed = texts.map((x) => (JSON.parse(x) as { data: { result: unknown } }).data.result);
    times.json.push(performance.now() - t);
    t = performance.now();
    for (const r of parsed) vectorSchema.parse(r);
    times.zod.push(performance.now() - t);
    t = performance.now();
    const vectors = parsed.map((r) => checkVector(r) ?? []);
    times.check.push(performance.now() - t);
    t = performance.now();
    const samples = toTrafficSamples(tcpQueries.map((q, j) => ({ query: q, vector: vectors[j] ?? [] })));
    times.samples.push(performance.now() - t);
    t = performance.now();
    buildGraph(samples, mesh.inventory, options);
    times.build.push(performance.now() - t);
  }
  const total = median(times.json) + median(times.check) + median(times.samples);
  const packed = measurePacked(byMetric, mesh.namespaces);
  const figures: BenchFigure[] = [
    { name: `5k answers (generated): ${series} series, ${bytes} bytes`, value: series, unit: 'series' },
    { name: 'JSON.parse', value: round(median(times.json)), unit: 'ms' },
    { name: 'shape check before: zod vectorSchema per element', value: round(median(times.zod)), unit: 'ms' },
    { name: 'shape check now: checkVector in place', value: round(median(times.check)), unit: 'ms' },
    { name: 'toTrafficSamples (peers interned)', value: round(median(times.samples)), unit: 'ms' },
    { name: 'parse total now (JSON + check + toSamples)', value: round(total), unit: 'ms' },
    { name: 'then buildGraph on those samples (workload graph)', value: round(median(times.build)), unit: 'ms' },
    { name: `the same as recorded edges (packed: \`edge\` alone): ${packed.bytes} bytes`, value: packed.bytes, unit: 'bytes' },
    { name: 'recorded: read in place (scanVector: the `edge` column and the values)', value: round(packed.json), unit: 'ms' },
    { name: 'recorded: toSamples (peers keyed by their runs of `edge`)', value: round(packed.samples), unit: 'ms' },
    { name: 'recorded: parse total (read + toSamples)', value: round(packed.json + packed.samples), unit: 'ms' },
  ];
  writeBenchSection('## Parse (scripts/bench-parse.ts)', [
    "The 4 ztunnel TCP answers of a generated 5,000-workload mesh (bench-graph.ts's), each series with its counter's own group-by",
    'labels, parsed as the Prometheus client does; then the same edges as the recorded queries answer them (`edge` alone,',
    'recorded-queries.ts); medians of 5. bench-scale.ts parses the real answers of the scale scenario.',
    `Run: \`npm run bench -- --only parse\`; written by the run on ${new Date().toISOString().slice(0, 10)}.`,
  ], figures);
  return figures;
}

/** The same series as the recording rules record them (packed), parsed as the app parses recorded answers. */
function measurePacked(byMetric: Map<string, PrometheusVector>, namespaces: string[]) {
  const queries = recordedGraphQueries({ namespaces, duration: 600, queryTime: 1 }).filter((q) => q.kind === 'tcp');
  const texts = queries.map((q) => {
    const packed = q.kind === 'tcp' ? edgePackedLabels(q.metric) : [];
    // The graph's recorded queries sum by `edge` alone: their answers carry no other label.
    const result = (q.kind === 'tcp' ? (byMetric.get(q.metric) ?? []) : []).map((s) => ({
      metric: { [EDGE_LABEL]: packed.map((l) => s.metric[l] ?? '').join(EDGE_SEPARATOR) },
      value: s.value,
    }));
    return JSON.stringify({ status: 'success', data: { resultType: 'vector', result } });
  });
  const times = timeParse(texts, queries);
  return { bytes: texts.reduce((a, t) => a + t.length, 0), json: times.json, samples: times.samples };
}

/**
 * Answers' texts parsed as the app parses them, 5 times: a recorded edge answer read in place as its
 * `edge` column (vector-scan.ts, JSON.parse only for another layout), any other JSON.parse and
 * checkVector; then answerSamples with one interner. The medians of the read and of the rest, and
 * the series. bench-scale.ts times real answers with it.
 */
export function timeParse(texts: readonly string[], queries: readonly NamedQuery[]): { json: number; samples: number; series: number } {
  const json: number[] = [];
  const samples: number[] = [];
  let series = 0;
  const vectorOf = (text: string) => {
    const vector = checkVector((JSON.parse(text) as { data: { result: unknown } }).data.result);
    if (!vector) throw new Error('malformed answer');
    return vector;
  };
  for (let i = 0; i < 5; i++) {
    let t = performance.now();
    const answers = texts.map((text, j) => {
      const names = columnsWanted(queries[j] as NamedQuery);
      return names ? (scanVector(text, names) ?? columnsOf(vectorOf(text), names)) : vectorOf(text);
    });
    json.push(performance.now() - t);
    series = answers.reduce((a, v) => a + (Array.isArray(v) ? v.length : v.values.length), 0);
    t = performance.now();
    const interner = new LabelInterner();
    concatSamples(queries.map((q, j) => answerSamples(q, answers[j] ?? [], interner)));
    samples.push(performance.now() - t);
  }
  return { json: median(json), samples: median(samples), series };
}
