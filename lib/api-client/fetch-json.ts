// The browser's one way to call our API: typed errors, never a failure turned into an empty result.
import { takeEarlyFetch } from './early-fetch';

/** Codes the server sends in `{ error: { code, message } }`, plus the ones only the browser can see. */
export type ApiErrorCode = string;

export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    /** Server error code (e.g. 'prometheus_unreachable'), or 'network' / 'bad_response' from the browser side. */
    readonly code: ApiErrorCode,
    message: string,
    /** HTTP status; 0 when the server never answered. */
    readonly status: number,
    /** The query parameter the server rejected, when it names one. */
    readonly parameter?: string,
  ) {
    super(message);
  }
}

export interface FetchJsonOptions {
  signal?: AbortSignal;
  /**
   * Also accept the JSON as a gzip document (`application/gzip`), inflated here: the graph route
   * sends its cached answer so (app/api/graph/route.ts), a tenth of the bytes and no work per caller.
   */
  acceptGzip?: boolean;
  /** Injected for tests and for server-side callers; defaults to the global fetch. */
  fetch?: typeof fetch;
}

/** The Accept header fetchJson sends: the gzip document first when the caller takes one. */
export const acceptHeader = (acceptGzip: boolean): string => (acceptGzip ? 'application/gzip, application/json;q=0.9' : 'application/json');

/** The sub-path the app is served under (BASE_PATH, fixed at build time by next.config.mjs). */
const buildBasePath = process.env.NEXT_PUBLIC_BASE_PATH ?? '';

/** Root-relative API paths get the base path; absolute URLs and already-prefixed paths pass through. */
export function withBasePath(url: string, basePath = buildBasePath): string {
  if (!basePath || !url.startsWith('/') || url === basePath || url.startsWith(`${basePath}/`)) return url;
  return `${basePath}${url}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads `{ error: { code, message, parameter? } }`; anything else is described by its status. */
function errorFromBody(body: unknown, status: number, statusText: string): ApiError {
  const error = isRecord(body) ? body.error : undefined;
  if (isRecord(error) && typeof error.code === 'string' && typeof error.message === 'string') {
    return new ApiError(error.code, error.message, status, typeof error.parameter === 'string' ? error.parameter : undefined);
  }
  return new ApiError('bad_response', `The server answered ${status} ${statusText}`.trim(), status);
}

/** The body as text; a gzip document inflated (DecompressionStream: every current browser, Node 18+). */
async function bodyText(response: Response): Promise<string> {
  if (!response.headers.get('content-type')?.startsWith('application/gzip') || !response.body) return response.text();
  try {
    return await new Response(response.body.pipeThrough(new DecompressionStream('gzip'))).text();
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError('bad_response', `The server answered ${response.status} with a gzip document that does not inflate`, response.status);
  }
}

/**
 * GET a JSON resource. Resolves with the parsed body on 2xx; rejects with ApiError otherwise
 * (including network failures and non-JSON bodies). AbortError is re-thrown as is so React
 * Query can tell a cancelled query from a failed one.
 */
export async function fetchJson<T>(url: string, options: FetchJsonOptions = {}): Promise<T> {
  const doFetch = options.fetch ?? fetch;
  let response: Response;
  try {
    const accept = acceptHeader(options.acceptGzip === true);
    const target = withBasePath(url);
    // The answer the page's HTML already asked for, when it did (early-fetch.ts): the browser's fetch only.
    const early = options.fetch ? undefined : takeEarlyFetch(target, accept);
    response = await (early ?? doFetch(target, { signal: options.signal, headers: { accept } }));
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    const detail = err instanceof Error ? err.message : String(err);
    throw new ApiError('network', `The Ambient Lens server did not answer (${detail})`, 0);
  }
  const text = await bodyText(response);
  let body: unknown;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    if (!response.ok) throw errorFromBody(undefined, response.status, response.statusText);
    throw new ApiError('bad_response', `The server answered ${response.status} with a body that is not JSON`, response.status);
  }
  if (!response.ok) throw errorFromBody(body, response.status, response.statusText);
  return body as T;
}

/**
 * React Query's `retry`: once, and only when the server never answered (a dropped connection).
 * An answered error is the server's verdict: a 503/504 already waited out the server's own timeout,
 * so asking again would only double the time before the page says what is wrong.
 */
export function retryUnanswered(failureCount: number, error: unknown): boolean {
  return failureCount < 1 && error instanceof ApiError && error.status === 0;
}
