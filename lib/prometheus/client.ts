import 'server-only';
import { z } from 'zod';
import { MetricsError } from './errors';
import { answerTooLarge, DEFAULT_ANSWER_LIMITS, readCapped, type AnswerLimits } from './answer-limits';
import { checkVector, type PrometheusVector } from './to-samples';
import { fetchWithCa, type FetchLike } from './https-fetch';

// A tiny typed Prometheus client: POST /api/v1/query, instant vectors only. Failures are errors,
// never empty results: a topology view must be able to say "Prometheus did not answer".

export interface PrometheusClient {
  query(promql: string, time: number, signal?: AbortSignal): Promise<PrometheusVector>;
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
  const endpoint = `${options.baseUrl.replace(/\/+$/, '')}/api/v1/query`;
  const doFetch: FetchLike = options.fetch ?? (options.caFile ? fetchWithCa(options.caFile) : (url, init) => fetch(url, init));
  const timeoutMs = options.timeoutMs ?? 30_000;
  const limits = options.limits ?? DEFAULT_ANSWER_LIMITS;

  return {
    async query(promql, time, signal) {
      const token = typeof options.token === 'function' ? await options.token() : options.token;
      const headers: Record<string, string> = {
        ...options.headers,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      };
      const body = new URLSearchParams({ query: promql, time: String(time), timeout: `${Math.ceil(timeoutMs / 1000)}s` }).toString();
      const timeout = AbortSignal.timeout(timeoutMs);
      const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;

      let response: Response;
      let text: string;
      try {
        response = await doFetch(endpoint, { method: 'POST', headers, body, signal: combined });
        text = await readCapped(response, limits.maxBytes);
      } catch (err) {
        if (err instanceof MetricsError) throw err;
        if (signal?.aborted) throw signal.reason;
        if (timeout.aborted) throw new MetricsError('prometheus_unreachable', `Prometheus did not answer within ${timeoutMs / 1000}s`, { cause: err });
        const why = err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err);
        throw new MetricsError('prometheus_unreachable', `Prometheus is unreachable at ${options.baseUrl}: ${why}`, { cause: err });
      }
      return parseAnswer(response.status, text, options.baseUrl, limits.maxSeries);
    },
  };
}

function parseAnswer(status: number, text: string, baseUrl: string, maxSeries: number): PrometheusVector {
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
  if (answer.data.resultType !== 'vector') throw new MetricsError('prometheus_error', `expected an instant vector, got ${answer.data.resultType}`);
  const result = answer.data.result;
  if (Array.isArray(result) && result.length > maxSeries) throw answerTooLarge(`${result.length} series, PROMETHEUS_MAX_SERIES=${maxSeries}`);
  const vector = checkVector(result);
  if (!vector) throw new MetricsError('prometheus_error', 'Prometheus returned a malformed vector');
  return vector;
}
