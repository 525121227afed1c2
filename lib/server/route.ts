import 'server-only';
import { randomUUID } from 'node:crypto';
import { AppError, toAppError } from './errors';
import { logger } from './logger';
import { recordHttpRequest } from './metrics-registry';

// Wraps a route handler: request id, duration log, errors mapped to { error: { code, message } }.

type Handler<C> = (request: Request, context: C) => Promise<Response>;

export function route<C>(name: string, handler: Handler<C>): Handler<C> {
  return async (request, context) => {
    const requestId = request.headers.get('x-request-id') ?? randomUUID();
    const started = performance.now();
    let response: Response;
    try {
      response = await handler(request, context);
    } catch (err) {
      const appError = toAppError(err);
      if (!(err instanceof AppError)) {
        logger.error('unhandled error', { requestId, route: name, error: err instanceof Error ? err.message : String(err) });
      }
      response = appError.toResponse();
    }
    response.headers.set('x-request-id', requestId);
    recordHttpRequest(name, request.method, response.status, (performance.now() - started) / 1000);
    logger.info('request', {
      requestId,
      route: name,
      method: request.method,
      status: response.status,
      durationMs: Math.round(performance.now() - started),
    });
    return response;
  };
}
