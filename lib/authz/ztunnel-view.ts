// What ztunnel should hold (its /config_dump "policies"), derived from the cluster's policies, and
// where what it actually holds differs: a stale or out-of-sync ztunnel shows up here.
import { refOf } from './model';
import type { AuthzInput } from './input';
import { scopeOf } from './attachment';
import { convertForZtunnel } from './ztunnel';

export interface ExpectedZtunnelPolicy {
  namespace: string;
  name: string;
  scope: 'Global' | 'Namespace' | 'WorkloadSelector';
  action: 'Allow' | 'Deny';
  /** Rules left after istiod's conversion (an ALLOW with none left allows nothing). */
  rules: number;
}

/** A policy as ztunnel's config_dump lists it. */
export interface HeldZtunnelPolicy {
  namespace: string;
  name: string;
  scope?: string;
  action?: string;
}

export function expectedZtunnelPolicies(input: AuthzInput): ExpectedZtunnelPolicy[] {
  const out: ExpectedZtunnelPolicy[] = [];
  for (const p of input.authorizationPolicies) {
    const zp = convertForZtunnel(p);
    if (!zp) continue;
    const scope = scopeOf(p, input.rootNamespace);
    out.push({
      namespace: p.namespace,
      name: p.name,
      scope: scope === 'mesh' ? 'Global' : scope === 'namespace' ? 'Namespace' : 'WorkloadSelector',
      action: p.action === 'DENY' ? 'Deny' : 'Allow',
      rules: zp.rules.length,
    });
  }
  return out.sort((a, b) => refOf(a).localeCompare(refOf(b)));
}

export interface ZtunnelPolicyDiff {
  /** In the cluster, not held by ztunnel. */
  missing: ExpectedZtunnelPolicy[];
  /** Held by ztunnel, not in the cluster (istiod's own converted policies, named with "_", are left out). */
  unexpected: HeldZtunnelPolicy[];
  /** Held under the same name with another scope or action. */
  differing: { policy: string; field: 'scope' | 'action'; expected: string; held: string }[];
}

export function compareZtunnelPolicies(expected: ExpectedZtunnelPolicy[], held: HeldZtunnelPolicy[]): ZtunnelPolicyDiff {
  const heldByRef = new Map(held.map((h) => [refOf(h), h]));
  const expectedRefs = new Set(expected.map(refOf));
  const diff: ZtunnelPolicyDiff = { missing: [], unexpected: [], differing: [] };
  for (const e of expected) {
    const h = heldByRef.get(refOf(e));
    if (!h) {
      diff.missing.push(e);
      continue;
    }
    for (const field of ['scope', 'action'] as const) {
      const value = h[field];
      if (value !== undefined && value.toLowerCase() !== e[field].toLowerCase()) diff.differing.push({ policy: refOf(e), field, expected: e[field], held: value });
    }
  }
  // istiod names the policies it synthesizes (STRICT PeerAuthentication, port-level conversions) with "_", illegal in Kubernetes names.
  diff.unexpected = held.filter((h) => !expectedRefs.has(refOf(h)) && !h.name.includes('_'));
  return diff;
}
