import { setMaxListeners } from 'node:events';
import type { MetricsSource } from '@/lib/graph/samples';
import type { PrometheusClient } from './client';
import { graphQueries, TCP_METRICS } from './graph-queries';
import { chooseGraphQueries, createRecordingRulesDetector, type RecordingRulesMode } from './recording-rules';
import { createFolder, type FetchSamples } from './fold';
import { selector } from './promql';
import { toTimedSamples } from './range';
import { answerSamples, columnsWanted, concatSamples } from './to-samples';
import { LabelInterner } from './label-interner';
import { toZtunnelPodTraffic, ztunnelPodQueries } from './ztunnel-queries';

/** Listeners one graph's queries put on its signal: one per query, and the probe's. */
const QUERY_LISTENERS = 64;

/**
 * The graph's metrics from Prometheus: graphQueries() in parallel (the ztunnel and waypoint ones
 * over the recording rules' series when Prometheus has them, ./recording-rules), then toSamples;
 * concurrent graphs of different namespaces folded into one set of queries (./fold).
 */
export function createPrometheusMetricsSource(client: PrometheusClient, options: { recordingRules?: RecordingRulesMode; fold?: boolean } = {}): MetricsSource {
  const detect = options.recordingRules === 'off' ? undefined : createRecordingRulesDetector(client);
  const fetchSamples: FetchSamples = async (query, families, signal) => {
    const queries = chooseGraphQueries(query, families);
    // The first failure cancels the other queries: a partial graph would be a wrong graph.
    const controller = new AbortController();
    const combined = AbortSignal.any([signal, controller.signal]);
    // Each of the up to 16 queries listens on it: not a leak (Node warns above 10).
    setMaxListeners(QUERY_LISTENERS, combined);
    setMaxListeners(QUERY_LISTENERS, signal);
    // Each answer becomes samples as it arrives (while the slower ones are still on their way).
    const interner = new LabelInterner();
    // A recorded edge answer is read as its `edge` column (./vector-scan), the others whole.
    const ask = (q: (typeof queries)[number]) => {
      const names = columnsWanted(q);
      return names && client.queryColumns ? client.queryColumns(q.promql, query.queryTime, names, combined) : client.query(q.promql, query.queryTime, combined);
    };
    const parts = await Promise.all(
      queries.map((q) =>
        ask(q)
          .then((answer) => answerSamples(q, answer, interner))
          // A failed query or a malformed answer (a recorded edge that does not unpack) cancels the rest.
          .catch((err: unknown) => {
            controller.abort(err);
            throw err;
          }),
      ),
    );
    return { ...concatSamples(parts), queries: families };
  };
  // Concurrent graphs of different namespaces share one set of queries (./fold.ts).
  const folded = options.fold === false ? undefined : createFolder(fetchSamples);
  return {
    kind: 'prometheus',
    async samples(query, signal) {
      const families = detect ? await detect(query.duration, query.queryTime, signal) : ({ tcp: 'raw', http: 'raw' } as const);
      if (folded) return folded(query, families, signal);
      return fetchSamples(query, families, signal ?? new AbortController().signal);
    },
    async samplesRange(range, signal) {
      // The graph's own queries, each a rate over rateWindow, evaluated at every step: still a constant number.
      const queries = graphQueries({ namespaces: range.namespaces, duration: range.rateWindow, queryTime: range.end });
      if (signal) setMaxListeners(QUERY_LISTENERS, signal);
      const matrices = await Promise.all(queries.map((q) => client.queryRange(q.promql, range, signal)));
      const times: number[] = [];
      for (let t = range.start; t <= range.end; t += range.step) times.push(t);
      return toTimedSamples(queries.map((q, i) => ({ query: q, matrix: matrices[i] ?? [] })), times);
    },
    async oldestDataTime(signal) {
      // The oldest sample held; where retention starts only when Prometheus does not say (a lower bound).
      const oldest = await client.oldestSampleTime?.(signal);
      if (oldest !== undefined) return oldest;
      const retention = await client.retentionSeconds?.(signal);
      return retention === undefined ? undefined : Math.floor(Date.now() / 1000) - retention;
    },
    async ztunnelSeries(duration, queryTime, signal) {
      const check = ztunnelSeriesCheck(duration);
      const vector = await client.query(check, queryTime, signal);
      return { series: Math.round(Number(vector[0]?.value[1] ?? 0)), check };
    },
    async ztunnelTraffic(duration, queryTime, signal) {
      const queries = ztunnelPodQueries(duration);
      const vectors = await Promise.all(queries.map((q) => client.query(q.promql, queryTime, signal)));
      return toZtunnelPodTraffic(queries.map((q, i) => ({ kind: q.kind, vector: vectors[i] ?? [] })));
    },
  };
}

/** Any ztunnel connection counter in the window, whatever its namespace: one series count, no rates. */
export function ztunnelSeriesCheck(duration: number): string {
  return `count(last_over_time(${selector(TCP_METRICS.connectionsOpened, [['app', '=', 'ztunnel']])}[${Math.round(duration)}s]))`;
}
