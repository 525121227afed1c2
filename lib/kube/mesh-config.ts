// meshConfig.discoverySelectors: from the Sail Istio resource (spec.values.meshConfig), else from the
// `mesh` key of the istio ConfigMap that istiod reads. Pure.
import { loadYaml } from '@kubernetes/client-node';
import type { ConfigMap, LabelSelector, SailResource } from './types';

export interface DiscoverySelectors {
  /** undefined: no selectors, istiod watches every namespace. */
  selectors?: LabelSelector[];
  source: 'istio-resource' | 'configmap' | 'none';
  /** Set when the mesh config could not be read. */
  problem?: string;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function toSelectors(raw: unknown): LabelSelector[] | undefined {
  if (!Array.isArray(raw)) return undefined;
  return raw.filter(isRecord).map((s) => ({
    matchLabels: isRecord(s['matchLabels']) ? (s['matchLabels'] as Record<string, string>) : undefined,
    matchExpressions: Array.isArray(s['matchExpressions']) ? (s['matchExpressions'] as LabelSelector['matchExpressions']) : undefined,
  }));
}

export function discoverySelectors(istio: SailResource | undefined, configMap: ConfigMap | undefined): DiscoverySelectors {
  const values = istio?.spec?.values;
  const meshConfig = isRecord(values) ? values['meshConfig'] : undefined;
  if (isRecord(meshConfig) && meshConfig['discoverySelectors'] !== undefined) {
    const selectors = toSelectors(meshConfig['discoverySelectors']);
    return { selectors: selectors?.length ? selectors : undefined, source: 'istio-resource' };
  }
  const mesh = configMap?.data?.['mesh'];
  if (mesh === undefined) return { source: 'none' };
  try {
    const parsed: unknown = loadYaml(mesh);
    const selectors = isRecord(parsed) ? toSelectors(parsed['discoverySelectors']) : undefined;
    return { selectors: selectors?.length ? selectors : undefined, source: 'configmap' };
  } catch (err) {
    return { source: 'configmap', problem: `The istio ConfigMap's mesh key is not valid YAML: ${err instanceof Error ? err.message : String(err)}` };
  }
}

/** A string field of meshConfig, from the Istio resource first, then the istio ConfigMap. */
function meshConfigString(istio: SailResource | undefined, configMap: ConfigMap | undefined, key: string): string | undefined {
  const values = istio?.spec?.values;
  const meshConfig = isRecord(values) ? values['meshConfig'] : undefined;
  if (isRecord(meshConfig) && typeof meshConfig[key] === 'string') return meshConfig[key];
  const mesh = configMap?.data?.['mesh'];
  if (mesh) {
    try {
      const parsed: unknown = loadYaml(mesh);
      if (isRecord(parsed) && typeof parsed[key] === 'string') return parsed[key];
    } catch {
      // discoverySelectors() reports the bad YAML; the caller's default is the right fallback here
    }
  }
  return undefined;
}

/** Trust domain from the same places (meshConfig.trustDomain), default cluster.local. */
export function trustDomain(istio: SailResource | undefined, configMap: ConfigMap | undefined): string {
  return meshConfigString(istio, configMap, 'trustDomain') ?? 'cluster.local';
}

/** meshConfig.rootNamespace (mesh-wide policies live there); istiod defaults it to its own namespace. */
export function rootNamespace(istio: SailResource | undefined, configMap: ConfigMap | undefined, istioNamespace: string): string {
  return meshConfigString(istio, configMap, 'rootNamespace') ?? istioNamespace;
}
