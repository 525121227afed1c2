import type { MetricsSource } from '@/lib/graph/samples';
import type { PrometheusClient } from './client';
import { chooseGraphQueries, createRecordingRulesDetector, type RecordingRulesMode } from './recording-rules';
import { toTrafficSamples } from './to-samples';
import { toZtunnelPodTraffic, ztunnelPodQueries } from './ztunnel-queries';

/**
 * The graph's metrics from Prometheus: graphQueries() in parallel (each family over the recording
 * rules' series when Prometheus has them, ./recording-rules), then toSamples.
 */
export function createPrometheusMetricsSource(client: PrometheusClient, options: { recordingRules?: RecordingRulesMode } = {}): MetricsSource {
  const detect = options.recordingRules === 'off' ? undefined : createRecordingRulesDetector(client);
  return {
    kind: 'prometheus',
    async samples(query, signal) {
      const families = detect ? await detect(query.duration, query.queryTime, signal) : ({ tcp: 'raw', http: 'raw' } as const);
      const queries = chooseGraphQueries(query, families);
      // The first failure cancels the other queries: a partial graph would be a wrong graph.
      const controller = new AbortController();
      const combined = signal ? AbortSignal.any([signal, controller.signal]) : controller.signal;
      const vectors = await Promise.all(
        queries.map((q) =>
          client.query(q.promql, query.queryTime, combined).catch((err: unknown) => {
            controller.abort(err);
            throw err;
          }),
        ),
      );
      return { ...toTrafficSamples(queries.map((q, i) => ({ query: q, vector: vectors[i] ?? [] }))), queries: families };
    },
    async ztunnelTraffic(duration, queryTime, signal) {
      const queries = ztunnelPodQueries(duration);
      const vectors = await Promise.all(queries.map((q) => client.query(q.promql, queryTime, signal)));
      return toZtunnelPodTraffic(queries.map((q, i) => ({ kind: q.kind, vector: vectors[i] ?? [] })));
    },
  };
}
