// AuthorizationPolicy as ztunnel enforces it at L4 (pure, the subset the simulator needs):
// DENY policies selecting the server pod, matched on the peer's mTLS identity.

import type { KubeObject } from '../store';
import type { MeshPod } from './view';

interface Source {
  namespaces?: string[];
  notNamespaces?: string[];
  principals?: string[];
}
interface PolicySpec {
  selector?: { matchLabels?: Record<string, string> };
  action?: 'ALLOW' | 'DENY' | 'AUDIT' | 'CUSTOM';
  rules?: { from?: { source?: Source }[] }[];
}

const ROOT_NAMESPACE = 'istio-system';

function selects(policy: KubeObject, server: MeshPod): boolean {
  const ns = policy.metadata.namespace;
  if (ns !== server.namespace && ns !== ROOT_NAMESPACE) return false;
  const labels = (policy.spec as PolicySpec).selector?.matchLabels;
  return !labels || Object.entries(labels).every(([k, v]) => server.labels[k] === v);
}

function sourceMatches(source: Source, client: MeshPod | undefined, mtls: boolean): boolean {
  // Without mTLS there is no peer identity: identity-based fields cannot match.
  const peerNs = mtls ? client?.namespace : undefined;
  const principal = mtls ? client?.identity.replace(/^spiffe:\/\//, '') : undefined;
  if (source.namespaces && !(peerNs && source.namespaces.includes(peerNs))) return false;
  if (source.notNamespaces && peerNs && source.notNamespaces.includes(peerNs)) return false;
  if (source.principals && !(principal && source.principals.includes(principal))) return false;
  return true;
}

/** The DENY policy that rejects this connection at the server's ztunnel, if any. */
export function denyingPolicy(policies: KubeObject[], client: MeshPod | undefined, mtls: boolean, server: MeshPod): KubeObject | undefined {
  return policies.find((p) => {
    const spec = p.spec as PolicySpec;
    if (spec.action !== 'DENY' || !selects(p, server)) return false;
    return (spec.rules ?? []).some((rule) => !rule.from || rule.from.some((f) => !f.source || sourceMatches(f.source, client, mtls)));
  });
}

/** The policy as ztunnel's config_dump prints it. */
export function ztunnelPolicy(policy: KubeObject): Record<string, unknown> {
  const spec = policy.spec as PolicySpec;
  const exact = (v: string) => ({ Exact: v });
  const rules = (spec.rules ?? []).map((rule) => [
    (rule.from ?? [{}]).map((f) => {
      const s = f.source ?? {};
      const match: Record<string, unknown> = {};
      if (s.namespaces) match.namespaces = s.namespaces.map(exact);
      if (s.notNamespaces) match.notNamespaces = s.notNamespaces.map(exact);
      if (s.principals) match.principals = s.principals.map(exact);
      return match;
    }),
  ]);
  const actionName = spec.action === 'DENY' ? 'Deny' : 'Allow';
  const scope = policy.metadata.namespace === ROOT_NAMESPACE ? 'Global' : spec.selector ? 'WorkloadSelector' : 'Namespace';
  return { name: policy.metadata.name, namespace: policy.metadata.namespace, scope, action: actionName, rules, dryRun: false };
}
