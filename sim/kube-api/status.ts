// metav1.Status failures shaped exactly like kube-apiserver's, and the response writers.
import type { ServerResponse } from 'node:http';

export interface StatusDetails {
  name?: string;
  group?: string;
  /** The resource plural, as the real server puts it (e.g. "pods"). */
  kind?: string;
  uid?: string;
}

export interface KubeStatus {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure' | 'Success';
  message?: string;
  reason?: string;
  details?: StatusDetails;
  code: number;
}

/** A failure a handler throws; the router turns it into a Status response. */
export class KubeStatusError extends Error {
  override name = 'KubeStatusError';
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: StatusDetails,
  ) {
    super(message);
  }

  toStatus(): KubeStatus {
    return {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message,
      reason: this.reason,
      ...(this.details ? { details: this.details } : {}),
      code: this.code,
    };
  }
}

export interface ResourceRef {
  group: string;
  plural: string;
}

const qualified = (r: ResourceRef): string => (r.group ? `${r.plural}.${r.group}` : r.plural);
const refDetails = (r: ResourceRef, name?: string): StatusDetails => ({
  ...(name !== undefined ? { name } : {}),
  ...(r.group ? { group: r.group } : {}),
  kind: r.plural,
});

export const statusErrors = {
  notFound: (r: ResourceRef, name: string) => new KubeStatusError(404, 'NotFound', `${qualified(r)} "${name}" not found`, refDetails(r, name)),
  noSuchPath: () => new KubeStatusError(404, 'NotFound', 'the server could not find the requested resource', {}),
  alreadyExists: (r: ResourceRef, name: string) =>
    new KubeStatusError(409, 'AlreadyExists', `${qualified(r)} "${name}" already exists`, refDetails(r, name)),
  conflict: (r: ResourceRef, name: string) =>
    new KubeStatusError(
      409,
      'Conflict',
      `Operation cannot be fulfilled on ${qualified(r)} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
      refDetails(r, name),
    ),
  badRequest: (message: string) => new KubeStatusError(400, 'BadRequest', message),
  invalid: (kind: string, name: string, message: string) =>
    new KubeStatusError(422, 'Invalid', `${kind} "${name}" is invalid: ${message}`, { name, kind }),
  unprocessable: (message: string) => new KubeStatusError(422, 'Invalid', message),
  unauthorized: () => new KubeStatusError(401, 'Unauthorized', 'Unauthorized'),
  forbidden: (message: string, details: StatusDetails) => new KubeStatusError(403, 'Forbidden', message, details),
  methodNotAllowed: () => new KubeStatusError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource', {}),
  expired: (message: string) => new KubeStatusError(410, 'Expired', message),
  unsupportedMediaType: (accepted: string[]) =>
    new KubeStatusError(
      415,
      'UnsupportedMediaType',
      `the body of the request was in an unknown format - accepted media types include: ${accepted.join(', ')}`,
      {},
    ),
  tooLarge: () => new KubeStatusError(413, 'RequestEntityTooLarge', 'Request entity too large: limit is 3145728'),
  timeout: (message: string) => new KubeStatusError(504, 'Timeout', message, {}),
  serviceUnavailable: (message: string) => new KubeStatusError(503, 'ServiceUnavailable', message, {}),
  internal: (message: string) => new KubeStatusError(500, 'InternalError', `Internal error occurred: ${message}`, {}),
};

export function refOf(r: ResourceRef): ResourceRef {
  return { group: r.group, plural: r.plural };
}

export function sendJson(res: ServerResponse, code: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(code, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-cache, private',
  });
  res.end(text);
}

export function sendStatus(res: ServerResponse, error: KubeStatusError): void {
  sendJson(res, error.code, error.toStatus());
}

export function successStatus(details: StatusDetails): KubeStatus {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details, code: 200 };
}
