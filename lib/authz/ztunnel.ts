// What a policy becomes when ztunnel enforces it. istiod converts it (reporting ZtunnelAccepted,
// reason UnsupportedValue): in an ALLOW policy each rule that uses an HTTP attribute is dropped whole;
// in a DENY policy the HTTP attributes are stripped and the rest enforced. A DENY rule made only of
// HTTP attributes is left with an empty match, whose effect differs by version (see EvaluateOptions).
// AUDIT and CUSTOM policies are not sent to ztunnel at all; targetRefs policies are for waypoints.
import type { AuthorizationOperation, AuthorizationPolicy, AuthorizationRule, AuthorizationSource } from './model';
import { httpAttributesOfRule, isL4Condition } from './l7';

export interface EnforcedRule {
  /** Index in the policy's spec.rules: what the user reads. */
  index: number;
  rule: AuthorizationRule;
  /** A DENY rule whose every condition was an HTTP attribute: nothing L4 is left to match. */
  emptyMatch?: boolean;
}

export interface RuleChange {
  index: number;
  /** The HTTP attributes that caused it (methods, paths, request.headers[x], ...). */
  attributes: string[];
}

export interface EnforcedPolicy {
  policy: AuthorizationPolicy;
  rules: EnforcedRule[];
  /** Set when ztunnel enforces it: the rules istiod changed on the way. */
  conversion?: { dropped: RuleChange[]; stripped: (RuleChange & { emptyMatch: boolean })[] };
}

export function asWritten(policy: AuthorizationPolicy): EnforcedPolicy {
  return { policy, rules: policy.rules.map((rule, index) => ({ index, rule })) };
}

function stripSource(s: AuthorizationSource): AuthorizationSource {
  const { remoteIpBlocks: _r, notRemoteIpBlocks: _nr, requestPrincipals: _p, notRequestPrincipals: _np, ...l4 } = s;
  return l4;
}

function stripOperation(o: AuthorizationOperation): AuthorizationOperation {
  const { hosts: _h, notHosts: _nh, methods: _m, notMethods: _nm, paths: _p, notPaths: _np, ...l4 } = o;
  return l4;
}

const isEmpty = (o: object) => Object.keys(o).length === 0;

/** A rule without any constraint left (from, to and when all empty). */
function unconstrained(r: AuthorizationRule): boolean {
  return (r.from ?? []).every(isEmpty) && (r.to ?? []).every(isEmpty) && (r.when ?? []).length === 0;
}

function stripRule(rule: AuthorizationRule): AuthorizationRule {
  const out: AuthorizationRule = {};
  if (rule.from) out.from = rule.from.map(stripSource);
  if (rule.to) out.to = rule.to.map(stripOperation);
  const when = (rule.when ?? []).filter(isL4Condition);
  if (when.length > 0) out.when = when;
  return out;
}

/** Why ztunnel never sees a policy, or undefined when it does. */
export function notForZtunnel(policy: AuthorizationPolicy): string | undefined {
  if (policy.targetRefs.length > 0) return 'it is attached with targetRefs, which only a waypoint enforces';
  if (policy.action === 'CUSTOM') return 'ztunnel does not support CUSTOM (ext-authz) policies; only a waypoint does';
  if (policy.action === 'AUDIT') return 'ztunnel does not support the AUDIT action';
  return undefined;
}

/** The policy as istiod hands it to ztunnel; undefined when it hands it nothing. */
export function convertForZtunnel(policy: AuthorizationPolicy): EnforcedPolicy | undefined {
  if (notForZtunnel(policy)) return undefined;
  const rules: EnforcedRule[] = [];
  const dropped: RuleChange[] = [];
  const stripped: (RuleChange & { emptyMatch: boolean })[] = [];
  policy.rules.forEach((rule, index) => {
    const attributes = httpAttributesOfRule(rule);
    if (attributes.length === 0) {
      rules.push({ index, rule });
    } else if (policy.action === 'ALLOW') {
      dropped.push({ index, attributes });
    } else {
      const l4 = stripRule(rule);
      const emptyMatch = unconstrained(l4);
      stripped.push({ index, attributes, emptyMatch });
      rules.push({ index, rule: l4, ...(emptyMatch ? { emptyMatch } : {}) });
    }
  });
  return { policy, rules, conversion: { dropped, stripped } };
}

export function converted(p: EnforcedPolicy): boolean {
  return (p.conversion?.dropped.length ?? 0) + (p.conversion?.stripped.length ?? 0) > 0;
}
