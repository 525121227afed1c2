import { MetricsError } from './errors';

// Bounds on one Prometheus answer, so a huge or hostile answer cannot take the server's memory:
// the body is read as a stream and the read is abandoned (and the connection cancelled) as soon
// as it passes the byte cap; the series count is checked before anything is built from them.

export interface AnswerLimits {
  maxBytes: number;
  maxSeries: number;
}

/**
 * Defaults that fit a 10,000-workload mesh about five times over: at 5,000 workloads one TCP query
 * answers ~11 MB and ~16k series (scripts/bench-parse.ts), and answers grow linearly with workloads.
 */
export const DEFAULT_ANSWER_LIMITS: AnswerLimits = { maxBytes: 128 * 1024 * 1024, maxSeries: 200_000 };

export function answerTooLarge(what: string): MetricsError {
  return new MetricsError('prometheus_answer_too_large', `Prometheus's answer is larger than this server reads (${what}); ask for fewer namespaces or raise the limit`);
}

/** The body as text, at most maxBytes of it; past that the stream is cancelled and the call fails. */
export async function readCapped(response: Response, maxBytes: number): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw answerTooLarge(`${declared} bytes, PROMETHEUS_MAX_ANSWER_BYTES=${maxBytes}`);
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  const parts: string[] = [];
  let read = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    read += value.byteLength;
    if (read > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw answerTooLarge(`more than PROMETHEUS_MAX_ANSWER_BYTES=${maxBytes} bytes`);
    }
    parts.push(decoder.decode(value, { stream: true }));
  }
  parts.push(decoder.decode());
  return parts.join('');
}
