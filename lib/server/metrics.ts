import 'server-only';
import { readFile } from 'node:fs/promises';
import type { MetricsSource, TrafficRangeQuery } from '@/lib/graph/samples';
import { DEFAULT_ANSWER_LIMITS } from '@/lib/prometheus/answer-limits';
import { withCache } from '@/lib/prometheus/cache';
import { coalesceSamples } from '@/lib/prometheus/coalesce';
import { createPrometheusClient } from '@/lib/prometheus/client';
import type { FetchLike } from '@/lib/prometheus/https-fetch';
import { createPrometheusMetricsSource } from '@/lib/prometheus/metrics-source';
import { createSimulatorMetricsSource } from '@/lib/prometheus/simulator-source';
import { AppError } from '@/lib/errors';
import type { Env } from './env';
import { expectedError } from './errors';

// Composition of the metrics source: PROMETHEUS_URL (token, token file, CA file, extra headers);
// else SIMULATOR_METRICS_URL (demo without Prometheus); else a clear configuration error.

/** Identical graph queries within this window share one Prometheus answer. */
export const PROMETHEUS_CACHE_TTL_MS = 5_000;

type MetricsEnv = Pick<Env, 'PROMETHEUS_URL' | 'PROMETHEUS_TOKEN' | 'PROMETHEUS_TOKEN_FILE' | 'PROMETHEUS_CA_FILE' | 'PROMETHEUS_HEADERS' | 'SIMULATOR_METRICS_URL'> &
  Partial<Pick<Env, 'PROMETHEUS_TIMEOUT_SECONDS' | 'PROMETHEUS_MAX_ANSWER_BYTES' | 'PROMETHEUS_MAX_SERIES' | 'PROMETHEUS_RECORDING_RULES'>>;

/** The env's default, for callers that pass a partial env (the CLI, tests). */
const DEFAULT_TIMEOUT_SECONDS = 8;

/** The token file is read on every query: projected service-account tokens rotate underneath us. */
function tokenFromFile(path: string): () => Promise<string> {
  return async () => {
    try {
      return (await readFile(path, 'utf8')).trim();
    } catch (err) {
      throw new AppError('prometheus_unreachable', `Cannot read PROMETHEUS_TOKEN_FILE ${path}: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
}

/** The source answers AppErrors (mapped by ./errors), so callers outside route(), the CLI, see one error type. */
function mapped(source: MetricsSource): MetricsSource {
  const rethrow = (err: unknown) => Promise.reject(expectedError(err) ?? err);
  const ztunnelTraffic = source.ztunnelTraffic?.bind(source);
  const samplesRange = source.samplesRange?.bind(source);
  const oldestDataTime = source.oldestDataTime?.bind(source);
  const ztunnelSeries = source.ztunnelSeries?.bind(source);
  return {
    kind: source.kind,
    ...(oldestDataTime ? { oldestDataTime } : {}),
    ...(ztunnelSeries ? { ztunnelSeries: (duration: number, queryTime: number, signal?: AbortSignal) => ztunnelSeries(duration, queryTime, signal).catch(rethrow) } : {}),
    samples: (query, signal) => source.samples(query, signal).catch(rethrow),
    ...(samplesRange ? { samplesRange: (range: TrafficRangeQuery, signal?: AbortSignal) => samplesRange(range, signal).catch(rethrow) } : {}),
    ...(ztunnelTraffic ? { ztunnelTraffic: (duration: number, queryTime: number, signal?: AbortSignal) => ztunnelTraffic(duration, queryTime, signal).catch(rethrow) } : {}),
  };
}

export function createMetricsSource(e: MetricsEnv, deps: { fetch?: FetchLike; cacheTtlMs?: number } = {}): MetricsSource {
  const timeoutMs = (e.PROMETHEUS_TIMEOUT_SECONDS ?? DEFAULT_TIMEOUT_SECONDS) * 1000;
  if (e.PROMETHEUS_URL) {
    const client = createPrometheusClient({
      baseUrl: e.PROMETHEUS_URL,
      timeoutMs,
      ...(deps.fetch ? { fetch: deps.fetch } : {}),
      ...(e.PROMETHEUS_HEADERS ? { headers: e.PROMETHEUS_HEADERS } : {}),
      ...(e.PROMETHEUS_CA_FILE ? { caFile: e.PROMETHEUS_CA_FILE } : {}),
      token: e.PROMETHEUS_TOKEN_FILE ? tokenFromFile(e.PROMETHEUS_TOKEN_FILE) : e.PROMETHEUS_TOKEN,
      limits: {
        maxBytes: e.PROMETHEUS_MAX_ANSWER_BYTES ?? DEFAULT_ANSWER_LIMITS.maxBytes,
        maxSeries: e.PROMETHEUS_MAX_SERIES ?? DEFAULT_ANSWER_LIMITS.maxSeries,
      },
    });
    const ttl = deps.cacheTtlMs ?? PROMETHEUS_CACHE_TTL_MS;
    return mapped(createPrometheusMetricsSource(withCache(client, { ttlMs: ttl }), { recordingRules: e.PROMETHEUS_RECORDING_RULES ?? 'auto' }));
  }
  if (e.SIMULATOR_METRICS_URL) return mapped(coalesceSamples(createSimulatorMetricsSource(e.SIMULATOR_METRICS_URL, deps.fetch, timeoutMs)));
  return {
    kind: 'prometheus',
    samples: async () => {
      throw new AppError('prometheus_unreachable', 'No metrics source is configured: set PROMETHEUS_URL (or SIMULATOR_METRICS_URL for the demo)');
    },
  };
}
