import 'server-only';
import { z } from 'zod';
import { MetricsError } from './errors';
import { answerTooLarge, DEFAULT_ANSWER_LIMITS, readCapped, type AnswerLimits } from './answer-limits';
import { matrixSchema, type PrometheusMatrix } from './range';
import { checkVector, type PrometheusVector } from './to-samples';
import { columnsOf, scanVector, type VectorColumns } from './vector-scan';
import { fetchWithCa, type FetchLike } from './https-fetch';

// A tiny typed Prometheus client: POST /api/v1/query (instant vectors) and /api/v1/query_range (matrices). Failures are errors,
// never empty results: a topology view must be able to say "Prometheus did not answer".

export interface PrometheusClient {
  query(promql: string, time: number, signal?: AbortSignal): Promise<PrometheusVector>;
  /**
   * The same answer as columns of the named labels and the values (./vector-scan): what a caller that
   * reads a few labels of a large answer asks for. Absent (a test's client): query() then columnsOf().
   */
  queryColumns?(promql: string, time: number, names: readonly string[], signal?: AbortSignal): Promise<VectorColumns>;
  /** Unix seconds; step in seconds. */
  queryRange(promql: string, range: { start: number; end: number; step: number }, signal?: AbortSignal): Promise<PrometheusMatrix>;
  /** How long Prometheus keeps samples (storage.tsdb.retention.time), in seconds; undefined when it does not say. */
  retentionSeconds?(signal?: AbortSignal): Promise<number | undefined>;
  /**
   * Unix seconds of the oldest sample Prometheus holds (its gauge prometheus_tsdb_lowest_timestamp_seconds,
   * which counts backfilled and compacted blocks; /api/v1/status/tsdb's headStats.minTime covers the head
   * block only). Undefined when neither its /metrics nor a query answers it (Thanos, Mimir, a proxy).
   */
  oldestSampleTime?(signal?: AbortSignal): Promise<number | undefined>;
}

export interface PrometheusClientOptions {
  baseUrl: string;
  /** Injected for tests; default: global fetch, or a CA-aware fetch when caFile is set. */
  fetch?: FetchLike;
  headers?: Record<string, string>;
  /** A bearer token, or a function returning one (read per request, so rotated tokens work). */
  token?: string | (() => string | Promise<string>);
  caFile?: string;
  timeoutMs?: number;
  /** Per-query caps on bytes and series (./answer-limits). */
  limits?: AnswerLimits;
}

const apiResponse = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('success'),
    data: z.object({ resultType: z.string(), result: z.unknown() }),
    warnings: z.array(z.string()).optional(),
  }),
  z.object({ status: z.literal('error'), errorType: z.string().optional(), error: z.string().optional() }),
]);

export function createPrometheusClient(options: PrometheusClientOptions): PrometheusClient {
  const root = `${options.baseUrl.replace(/\/+$/, '')}/api/v1`;
  const doFetch: FetchLike = options.fetch ?? (options.caFile ? fetchWithCa(options.caFile) : (url, init) => fetch(url, init));
  const timeoutMs = options.timeoutMs ?? 30_000;
  const limits = options.limits ?? DEFAULT_ANSWER_LIMITS;

  const baseHeaders = async (): Promise<Record<string, string>> => {
    const token = typeof options.token === 'function' ? await options.token() : options.token;
    return { ...options.headers, accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) };
  };

  async function post(path: string, form: Record<string, string>, signal?: AbortSignal): Promise<{ status: number; text: string }> {
      const headers: Record<string, string> = { ...(await baseHeaders()), 'content-type': 'application/x-www-form-urlencoded' };
      const body = new URLSearchParams({ ...form, timeout: `${Math.ceil(timeoutMs / 1000)}s` }).toString();
      const timeout = AbortSignal.timeout(timeoutMs);
      const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;

      let response: Response;
      let text: string;
      try {
        response = await doFetch(`${root}/${path}`, { method: 'POST', headers, body, signal: combined });
        text = await readCapped(response, limits.maxBytes);
      } catch (err) {
        if (err instanceof MetricsError) throw err;
        if (signal?.aborted) throw signal.reason;
        if (timeout.aborted) throw new MetricsError('prometheus_unreachable', `Prometheus did not answer within ${timeoutMs / 1000}s`, { cause: err });
        const why = err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err);
        throw new MetricsError('prometheus_unreachable', `Prometheus is unreachable at ${options.baseUrl}: ${why}`, { cause: err });
      }
      return { status: response.status, text };
  }

  function vectorOf(status: number, text: string): PrometheusVector {
    const result = parseAnswer(status, text, options.baseUrl, 'vector');
    if (Array.isArray(result) && result.length > limits.maxSeries) throw answerTooLarge(`${result.length} series, PROMETHEUS_MAX_SERIES=${limits.maxSeries}`);
    const vector = checkVector(result);
    if (!vector) throw new MetricsError('prometheus_error', 'Prometheus returned a malformed vector');
    return vector;
  }

  async function query(promql: string, time: number, signal?: AbortSignal): Promise<PrometheusVector> {
    const { status, text } = await post('query', { query: promql, time: String(time) }, signal);
    return vectorOf(status, text);
  }

  async function queryColumns(promql: string, time: number, names: readonly string[], signal?: AbortSignal): Promise<VectorColumns> {
    const { status, text } = await post('query', { query: promql, time: String(time) }, signal);
    // Prometheus's own layout is read in place; any other answer (an error, a proxy's) as JSON.
    const scanned = status === 200 ? scanVector(text, names) : undefined;
    if (!scanned) return columnsOf(vectorOf(status, text), names);
    if (scanned.values.length > limits.maxSeries) throw answerTooLarge(`${scanned.values.length} series, PROMETHEUS_MAX_SERIES=${limits.maxSeries}`);
    return scanned;
  }

  const get = async (url: string, signal?: AbortSignal): Promise<Response> => {
    const timeout = AbortSignal.timeout(timeoutMs);
    return doFetch(url, { method: 'GET', headers: await baseHeaders(), signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
  };

  return {
    async oldestSampleTime(signal) {
      // Its own /metrics first: exact for the server we query. Then its self-scrape through the API
      // (kube-prometheus, OpenShift's querier), the smallest over replicas.
      const own = await get(`${options.baseUrl.replace(/\/+$/, '')}/metrics`, signal)
        .then(async (r) => (r.ok ? lowestTimestamp(await r.text()) : undefined))
        .catch((err: unknown) => {
          if (signal?.aborted) throw err;
          return undefined;
        });
      if (own !== undefined) return own;
      const vector = await query(`min(${LOWEST_TIMESTAMP})`, Math.floor(Date.now() / 1000), signal).catch((err: unknown) => {
        if (signal?.aborted) throw err;
        return [];
      });
      const value = Number(vector[0]?.value[1]);
      return Number.isFinite(value) && value > 0 ? Math.floor(value) : undefined;
    },
    async retentionSeconds(signal) {
      const timeout = AbortSignal.timeout(timeoutMs);
      const response = await doFetch(`${root}/status/runtimeinfo`, {
        method: 'GET',
        headers: await baseHeaders(),
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
      const parsed = runtimeInfo.safeParse(JSON.parse(await response.text()));
      return parsed.success ? parseRetention(parsed.data.data.storageRetention) : undefined;
    },
    query,
    queryColumns,
    async queryRange(promql, range, signal) {
      const { status, text } = await post('query_range', { query: promql, start: String(range.start), end: String(range.end), step: String(range.step) }, signal);
      const result = parseAnswer(status, text, options.baseUrl, 'matrix');
      if (Array.isArray(result) && result.length > limits.maxSeries) throw answerTooLarge(`${result.length} series, PROMETHEUS_MAX_SERIES=${limits.maxSeries}`);
      const matrix = matrixSchema.safeParse(result);
      if (!matrix.success) throw new MetricsError('prometheus_error', 'Prometheus returned a malformed matrix');
      return matrix.data;
    },
  };
}

const LOWEST_TIMESTAMP = 'prometheus_tsdb_lowest_timestamp_seconds';

/** The value of prometheus_tsdb_lowest_timestamp_seconds in Prometheus' exposition text; undefined without it. */
export function lowestTimestamp(exposition: string): number | undefined {
  const line = exposition.split('\n').find((l) => l.startsWith(`${LOWEST_TIMESTAMP} `) || l.startsWith(`${LOWEST_TIMESTAMP}{`));
  const value = Number(line?.trim().split(/\s+/).at(-1));
  // An empty TSDB reports MaxInt64 milliseconds; no sample is no oldest sample.
  return line && Number.isFinite(value) && value > 0 && value < 1e12 ? Math.floor(value) : undefined;
}

const runtimeInfo = z.object({ status: z.literal('success'), data: z.object({ storageRetention: z.string() }) });
const UNIT_SECONDS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400, w: 7 * 86400, y: 365 * 86400 };

/** "15d", "1y2w", or "15d or 10GiB" (time and size limits): the time part in seconds; undefined without one. */
export function parseRetention(text: string): number | undefined {
  const time = text.split(/\s+or\s+/).find((part) => /^(\d+(ms|s|m|h|d|w|y))+$/.test(part.trim()));
  if (!time) return undefined;
  let seconds = 0;
  for (const [, n, unit] of time.trim().matchAll(/(\d+)(ms|s|m|h|d|w|y)/g)) seconds += Number(n) * (UNIT_SECONDS[unit ?? 's'] ?? 1);
  return seconds > 0 ? seconds : undefined;
}

function parseAnswer(status: number, text: string, baseUrl: string, resultType: 'vector' | 'matrix'): unknown {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    if (status === 502 || status === 503 || status === 504) {
      throw new MetricsError('prometheus_unreachable', `Prometheus at ${baseUrl} is unavailable (HTTP ${status})`);
    }
    if (status === 401 || status === 403) throw new MetricsError('prometheus_error', `Prometheus refused the credentials (HTTP ${status})`);
    throw new MetricsError('prometheus_error', `Prometheus answered HTTP ${status} with something that is not its API's JSON`);
  }
  const parsed = apiResponse.safeParse(json);
  if (!parsed.success) throw new MetricsError('prometheus_error', `Prometheus answered HTTP ${status} with an unexpected body`);
  const answer = parsed.data;
  if (answer.status === 'error') {
    throw new MetricsError('prometheus_error', `Prometheus rejected the query (${answer.errorType ?? `HTTP ${status}`}): ${answer.error ?? 'no reason given'}`);
  }
  if (answer.data.resultType !== resultType) throw new MetricsError('prometheus_error', `expected ${resultType === 'vector' ? 'an instant vector' : 'a range matrix'}, got ${answer.data.resultType}`);
  return answer.data.result;
}
