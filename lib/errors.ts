// Typed errors with a code and an HTTP status. Imports nothing, so every layer may throw them;
// lib/server/errors.ts maps everything else thrown (adapters' errors, bugs) onto them.

export type ErrorCode =
  | 'bad_request'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'too_many_requests'
  | 'prometheus_unreachable'
  | 'prometheus_error'
  | 'prometheus_answer_too_large'
  | 'kubernetes_unreachable'
  | 'kubernetes_error'
  | 'ztunnel_unreachable'
  | 'unsupported_ztunnel_config'
  | 'internal';

const statusByCode: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  too_many_requests: 429,
  prometheus_unreachable: 503,
  prometheus_error: 502,
  prometheus_answer_too_large: 502,
  kubernetes_unreachable: 503,
  kubernetes_error: 502,
  ztunnel_unreachable: 503,
  unsupported_ztunnel_config: 502,
  internal: 500,
};

export interface ErrorBody {
  error: { code: ErrorCode; message: string; parameter?: string };
}

export class AppError extends Error {
  override name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly parameter?: string,
  ) {
    super(message);
  }

  get status(): number {
    return statusByCode[this.code];
  }

  toBody(): ErrorBody {
    return { error: { code: this.code, message: this.message, ...(this.parameter ? { parameter: this.parameter } : {}) } };
  }

  toResponse(): Response {
    return Response.json(this.toBody(), { status: this.status });
  }
}

export function badRequest(parameter: string, message: string): AppError {
  return new AppError('bad_request', `${parameter}: ${message}`, parameter);
}
