import { AppError } from '@/lib/errors';
import { KubeLayerError } from '@/lib/kube/errors';
import { MetricsError } from '@/lib/prometheus/errors';

// Every error the server expects, mapped onto AppError in one place. The adapters cannot import
// lib/server, so they throw their own errors with AppError's codes; a route, a degraded answer
// (settle) or the CLI all map them here.

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
