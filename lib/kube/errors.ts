import type { ErrorCode } from '@/lib/errors';

// Errors of the Kubernetes layer, with AppError's codes; lib/server/errors.ts maps them to HTTP
// answers (lib/kube may not import lib/server).

export type KubeErrorCode = Extract<
  ErrorCode,
  'unsupported_ztunnel_config' | 'ztunnel_unreachable' | 'kubernetes_unreachable' | 'kubernetes_error' | 'forbidden' | 'not_found'
>;

export class KubeLayerError extends Error {
  override name = 'KubeLayerError';
  constructor(
    readonly code: KubeErrorCode,
    message: string,
  ) {
    super(message);
  }
}
