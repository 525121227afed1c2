// Failures of a metrics source. The composition root maps them to AppError (same codes).

export type MetricsErrorCode = 'prometheus_unreachable' | 'prometheus_error';

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
