import { AppError } from '@/lib/errors';
import { KubeLayerError } from '@/lib/kube/errors';
import { MetricsError } from '@/lib/prometheus/errors';

// Every error the server expects, mapped onto AppError in one place. The adapters cannot import
// lib/server, so they throw their own errors with AppError's codes; a route, a degraded answer
// (settle) or the CLI all map them here.

/** nginx's "client closed request": nobody reads the answer, and it is not the server's failure. */
export const CLIENT_CLOSED_STATUS = 499;

/** The AppError an expected failure stands for (ours or an adapter's); undefined for anything else (a bug). */
export function expectedError(err: unknown): AppError | undefined {
  if (err instanceof AppError) return err;
  if (err instanceof MetricsError || err instanceof KubeLayerError) return new AppError(err.code, err.message);
  return undefined;
}

/** Any thrown value as an AppError; unknown errors become 'internal' without leaking details. */
export function toAppError(err: unknown): AppError {
  return expectedError(err) ?? new AppError('internal', 'Internal error');
}

/**
 * The client went away before the answer: whatever was thrown afterwards (the signal's AbortError,
 * or an upstream call failing because it was cancelled) is a consequence of the close, not a fault.
 */
export function clientClosed(request: Request): boolean {
  return request.signal.aborted;
}

/** What a closed request is answered with (nobody reads it; it is what the metrics and the log count). */
export function clientClosedResponse(): Response {
  return new Response(null, { status: CLIENT_CLOSED_STATUS });
}
