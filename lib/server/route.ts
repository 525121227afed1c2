import 'server-only';
import { randomUUID } from 'node:crypto';
import { deps, type Deps } from './deps';
import { CLIENT_CLOSED_STATUS, clientClosed, clientClosedResponse, expectedError, toAppError } from './errors';
import { logger } from './logger';
import { recordHttpRequest } from './metrics-registry';

// Wraps a route handler: the services from the composition root, request id, duration log, and
// every error mapped (./errors) to { error: { code, message } }; a request the client closed is a 499.

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
      if (clientClosed(request)) {
        // The client went away: its upstream calls were cancelled by the same signal, and whatever
        // that made the handler throw is not a server fault. Counted and logged as 499 below.
        response = clientClosedResponse();
      } else {
        if (!expectedError(err)) {
          (services?.logger ?? logger).error('unhandled error', { requestId, route: name, error: err instanceof Error ? err.message : String(err) });
        }
        response = toAppError(err).toResponse();
      }
    }
    // An answer finished after the client left was never read either.
    const status = clientClosed(request) ? CLIENT_CLOSED_STATUS : response.status;
    response.headers.set('x-request-id', requestId);
    recordHttpRequest(name, request.method, status, (performance.now() - started) / 1000);
    (services?.logger ?? logger).info(status === CLIENT_CLOSED_STATUS ? 'client closed request' : 'request', {
      requestId,
      route: name,
      method: request.method,
      status,
      durationMs: Math.round(performance.now() - started),
    });
    return response;
  };
}
