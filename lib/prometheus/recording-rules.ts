import type { MetricsQueries } from '@/lib/graph/samples';
import type { PrometheusClient } from './client';
import { MetricsError } from './errors';
import { graphQueries, TCP_METRICS, type NamedQuery } from './graph-queries';
import { recordedGraphQueries, recordedName } from './recorded-queries';

// Whether Prometheus has Ambient Lens's recorded series, per family (ztunnel TCP, waypoint HTTP):
// one cheap query naming which exist at the window's start (so the whole window is covered),
// remembered for a minute per window length and minute of the window's end (a window in the past,
// from before the rules were loaded, is asked about on its own). A family without them keeps the
// raw queries.

export type RecordingRulesMode = 'auto' | 'off';

const PROBES = { tcp: recordedName(TCP_METRICS.sentBytes), http: recordedName('istio_requests_total') };

export function probeQuery(durationSeconds: number): string {
  if (!Number.isInteger(durationSeconds) || durationSeconds <= 0) throw new RangeError(`bad duration ${durationSeconds}`);
  const names = Object.values(PROBES).map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  return `group by (__name__) ({__name__=~"${names}"} offset ${durationSeconds}s)`;
}

const RAW: MetricsQueries = { tcp: 'raw', http: 'raw' };

export function createRecordingRulesDetector(client: PrometheusClient, options: { ttlMs?: number; now?: () => number } = {}) {
  const ttlMs = options.ttlMs ?? 60_000;
  const now = options.now ?? Date.now;
  const known = new Map<string, { expires: number; queries: Promise<MetricsQueries>; owner: AbortSignal | undefined }>();
  return function detect(duration: number, queryTime: number, signal?: AbortSignal): Promise<MetricsQueries> {
    const key = `${duration}|${Math.floor(queryTime / 60)}`;
    const hit = known.get(key);
    if (hit && hit.expires > now()) {
      // The probe was cancelled by the caller that started it, not by this one: ask again.
      return hit.queries.catch((err: unknown) => (hit.owner?.aborted && !signal?.aborted ? detect(duration, queryTime, signal) : Promise.reject(err)));
    }
    for (const [k, v] of known) if (v.expires <= now()) known.delete(k);
    const queries = client.query(probeQuery(duration), queryTime, signal).then(
      (vector): MetricsQueries => {
        const names = new Set(vector.map((s) => s.metric.__name__));
        return { tcp: names.has(PROBES.tcp) ? 'recording-rules' : 'raw', http: names.has(PROBES.http) ? 'recording-rules' : 'raw' };
      },
      (err: unknown) => {
        if (known.get(key)?.queries === queries) known.delete(key);
        // Prometheus answered, just not this (a querier that refuses the regex): the raw queries are
        // still right, and the probe is tried again next time. Unreachable, timed out or cancelled:
        // the graph's queries would fare no better, so the graph fails now rather than after a second wait.
        if (err instanceof MetricsError && err.code !== 'prometheus_unreachable' && !signal?.aborted) return RAW;
        throw err;
      },
    );
    known.set(key, { expires: now() + ttlMs, queries, owner: signal });
    return queries;
  };
}

/** The graph's queries, each family over the recorded series when they exist. */
export function chooseGraphQueries(query: Parameters<typeof graphQueries>[0], families: MetricsQueries): NamedQuery[] {
  const raw = graphQueries(query);
  if (families.tcp === 'raw' && families.http === 'raw') return raw;
  const recorded = new Map(recordedGraphQueries(query).map((q) => [q.id, q]));
  return raw.map((q) => {
    const family = q.kind === 'tcp' ? families.tcp : families.http;
    return family === 'recording-rules' ? (recorded.get(q.id) ?? q) : q;
  });
}
