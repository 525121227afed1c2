import type { MetricsQueries, ProxyFamily } from '@/lib/graph/samples';
import type { PrometheusClient } from './client';
import { MetricsError } from './errors';
import { graphQueries, proxyFamilyOf, TCP_METRICS, type NamedQuery } from './graph-queries';
import { recordedGraphQueries, RULES_MARKER } from './recorded-queries';

// Which series Prometheus holds for the window, asked in one cheap query remembered for a minute per
// window length and minute of the window's end (a window in the past is asked about on its own):
// - each family's rules marker (ztunnel TCP, waypoint HTTP: recorded-queries.ts), at the window's
//   start (so the whole window is covered). A family without it keeps the raw queries. The marker is
//   one series; asking for a recorded counter instead walked all of its series (0.3 s at 5,000 workloads).
// - whether any Envoy sidecar or waypoint reported at all in the window. A mesh without them (an
//   ambient mesh without waypoints is the common case) skips their 8 or 4 queries, which on a
//   5,000-workload mesh still cost Prometheus a walk over every istio_* series per request.

export type RecordingRulesMode = 'auto' | 'off';

/** The series each proxy family writes (the same selectors as its queries: sidecar-queries.ts, graph-queries.ts). */
const FAMILY_SERIES: Record<ProxyFamily, string> = {
  sidecar: `{__name__=~"istio_requests_total|${TCP_METRICS.sentBytes}",reporter=~"source|destination",app!="ztunnel"}`,
  waypoint: 'istio_requests_total{reporter="waypoint"}',
};

export function probeQuery(durationSeconds: number): string {
  if (!Number.isInteger(durationSeconds) || durationSeconds <= 0) throw new RangeError(`bad duration ${durationSeconds}`);
  const names = Object.values(RULES_MARKER).map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  const families = (Object.keys(FAMILY_SERIES) as ProxyFamily[]).map(
    (f) => `label_replace(group(present_over_time(${FAMILY_SERIES[f]}[${durationSeconds}s])), "family", "${f}", "", "")`,
  );
  return [`group by (__name__) ({__name__=~"${names}"} offset ${durationSeconds}s)`, ...families].join(' or ');
}

/** Refused probe: the raw queries, every family asked (nothing is known to be absent). */
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
        const present = new Set(vector.map((s) => s.metric.family));
        const skipped = (Object.keys(FAMILY_SERIES) as ProxyFamily[]).filter((f) => !present.has(f));
        return {
          tcp: names.has(RULES_MARKER.tcp) ? 'recording-rules' : 'raw',
          http: names.has(RULES_MARKER.http) ? 'recording-rules' : 'raw',
          ...(skipped.length ? { skipped } : {}),
        };
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

/** The graph's queries, each family over the recorded series when they exist, none for a proxy family without series. */
export function chooseGraphQueries(query: Parameters<typeof graphQueries>[0], families: MetricsQueries): NamedQuery[] {
  const skipped = new Set<string>(families.skipped);
  const raw = graphQueries(query).filter((q) => !skipped.has(proxyFamilyOf(q)));
  if (families.tcp === 'raw' && families.http === 'raw') return raw;
  const recorded = new Map(recordedGraphQueries(query).map((q) => [q.id, q]));
  return raw.map((q) => {
    const family = q.kind === 'tcp' ? families.tcp : families.http;
    return family === 'recording-rules' ? (recorded.get(q.id) ?? q) : q;
  });
}
