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

/** Trust domain from the same places (meshConfig.trustDomain), default cluster.local. */
export function trustDomain(istio: SailResource | undefined, configMap: ConfigMap | undefined): string {
  const values = istio?.spec?.values;
  const meshConfig = isRecord(values) ? values['meshConfig'] : undefined;
  if (isRecord(meshConfig) && typeof meshConfig['trustDomain'] === 'string') return meshConfig['trustDomain'];
  const mesh = configMap?.data?.['mesh'];
  if (mesh) {
    try {
      const parsed: unknown = loadYaml(mesh);
      if (isRecord(parsed) && typeof parsed['trustDomain'] === 'string') return parsed['trustDomain'];
    } catch {
      // discoverySelectors() reports the bad YAML; the default trust domain is the right fallback here
    }
  }
  return 'cluster.local';
}
