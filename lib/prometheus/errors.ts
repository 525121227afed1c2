import type { ErrorCode } from '@/lib/errors';

// Failures of a metrics source, with AppError's codes; lib/server/errors.ts maps them.

export type MetricsErrorCode = Extract<ErrorCode, 'prometheus_unreachable' | 'prometheus_error' | 'prometheus_answer_too_large'>;

export class MetricsError extends Error {
  override name = 'MetricsError';
  constructor(
    readonly code: MetricsErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
