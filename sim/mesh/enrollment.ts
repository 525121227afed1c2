// Ambient enrollment rules as istio-cni applies them (pure): which pods get captured by ztunnel.

import type { KubeObject } from '../store';

export const DATAPLANE_MODE = 'istio.io/dataplane-mode';
export const REDIRECTION = 'ambient.istio.io/redirection';
export const SIDECAR_STATUS = 'sidecar.istio.io/status';
export const USE_WAYPOINT = 'istio.io/use-waypoint';
export const DISCOVERY_LABEL = 'istio-discovery';

/** Enrolled on paper: the pod or its namespace asks for ambient and the pod does not opt out. */
export function wantsAmbient(pod: KubeObject, namespace: KubeObject | undefined): boolean {
  const podMode = pod.metadata.labels?.[DATAPLANE_MODE];
  if (podMode === 'none') return false;
  if (podMode === 'ambient') return true;
  return namespace?.metadata.labels?.[DATAPLANE_MODE] === 'ambient';
}

/** Why istio-cni would never capture this pod, whatever the labels say. */
export function neverCaptured(pod: KubeObject): string | undefined {
  const spec = pod.spec as { hostNetwork?: boolean } | undefined;
  if (spec?.hostNetwork) return 'hostNetwork';
  if (pod.metadata.annotations?.[SIDECAR_STATUS]) return 'sidecar';
  return undefined;
}

/** Whether istio-cni redirects the pod now, given whether its node's ztunnel is ready. */
export function shouldRedirect(pod: KubeObject, namespace: KubeObject | undefined, nodeZtunnelReady: boolean): boolean {
  return wantsAmbient(pod, namespace) && !neverCaptured(pod) && nodeZtunnelReady;
}

export function isRedirected(pod: KubeObject): boolean {
  return pod.metadata.annotations?.[REDIRECTION] === 'enabled';
}

/** discoverySelectors of the Sail guide: `istio-discovery=enabled` (an empty selector list means all). */
export function isDiscovered(namespace: KubeObject | undefined, selectors: Record<string, string>[]): boolean {
  if (!namespace) return false;
  if (selectors.length === 0) return true;
  const labels = namespace.metadata.labels ?? {};
  return selectors.some((sel) => Object.entries(sel).every(([k, v]) => labels[k] === v));
}
