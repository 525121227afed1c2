import 'server-only';
import { randomUUID } from 'node:crypto';
import { deps, type Deps } from './deps';
import { expectedError, toAppError } from './errors';
import { logger } from './logger';
import { recordHttpRequest } from './metrics-registry';

// Wraps a route handler: the services from the composition root, request id, duration log, and
// every error mapped (./errors) to { error: { code, message } }.

type Handler<C> = (request: Request, context: C) => Promise<Response>;

export function route<C>(name: string, handler: (request: Request, context: C, services: Deps) => Promise<Response>): Handler<C> {
  return async (request, context) => {
    const requestId = request.headers.get('x-request-id') ?? randomUUID();
    const started = performance.now();
    let response: Response;
    let services: Deps | undefined;
    try {
      services = deps();
      response = await handler(request, context, services);
    } catch (err) {
      const appError = toAppError(err);
      if (!expectedError(err)) {
        (services?.logger ?? logger).error('unhandled error', { requestId, route: name, error: err instanceof Error ? err.message : String(err) });
      }
      response = appError.toResponse();
    }
    response.headers.set('x-request-id', requestId);
    recordHttpRequest(name, request.method, response.status, (performance.now() - started) / 1000);
    (services?.logger ?? logger).info('request', {
      requestId,
      route: name,
      method: request.method,
      status: response.status,
      durationMs: Math.round(performance.now() - started),
    });
    return response;
  };
}
