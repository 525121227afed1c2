// Errors of the Kubernetes layer, with the codes lib/server/errors.ts maps to HTTP answers
// (lib/kube may not import lib/server, so the composition root converts them).

export type KubeErrorCode =
  | 'unsupported_ztunnel_config'
  | 'ztunnel_unreachable'
  | 'kubernetes_unreachable'
  | 'kubernetes_error'
  | 'forbidden'
  | 'not_found';

export class KubeLayerError extends Error {
  override name = 'KubeLayerError';
  constructor(
    readonly code: KubeErrorCode,
    message: string,
  ) {
    super(message);
  }
}
