// Does a policy match a connection (and, at a proxy that parses HTTP, a request)? A rule matches when
// any of its sources, any of its operations and all of its conditions match; a policy when any rule
// does. A policy without rules matches nothing.
import { all, any, matchOperationL4, matchSourceL4, type ConnectionFacts, type Tri } from './match';
import { matchCondition, matchOperationL7, matchSourceL7, type HttpRequest } from './l7';
import type { EnforcedPolicy, EnforcedRule } from './ztunnel';

export interface EvaluateOptions {
  /**
   * A DENY rule made only of HTTP attributes reaches ztunnel with an empty match. istiod's status
   * promises "more restrictive" (matches everything); a field report on Istio 1.30 saw ztunnel match
   * nothing and let the traffic pass. Default: what was observed. Either way it is a finding.
   */
  emptyDenyRule?: 'matches-nothing' | 'matches-everything';
}

export function matchRule(r: EnforcedRule, facts: ConnectionFacts, request: HttpRequest | undefined, policyNamespace: string, options: EvaluateOptions = {}): Tri {
  if (r.emptyMatch) return options.emptyDenyRule === 'matches-everything' ? 'yes' : 'no';
  const { from, to, when } = r.rule;
  const parts: Tri[] = [];
  if (from && from.length > 0) parts.push(any(from.map((s) => all([matchSourceL4(s, facts, policyNamespace), matchSourceL7(s, request, facts)]))));
  if (to && to.length > 0) parts.push(any(to.map((o) => all([matchOperationL4(o, facts), matchOperationL7(o, request)]))));
  for (const c of when ?? []) parts.push(matchCondition(c, request, facts));
  return all(parts);
}

export interface PolicyMatch {
  result: Tri;
  /** The first rule (spec.rules index) that matched; for "maybe", the first that may. */
  rule?: number;
}

export function matchPolicy(p: EnforcedPolicy, facts: ConnectionFacts, request: HttpRequest | undefined, options: EvaluateOptions = {}): PolicyMatch {
  let maybe: number | undefined;
  for (const r of p.rules) {
    const result = matchRule(r, facts, request, p.policy.namespace, options);
    if (result === 'yes') return { result, rule: r.index };
    if (result === 'maybe' && maybe === undefined) maybe = r.index;
  }
  return maybe === undefined ? { result: 'no' } : { result: 'maybe', rule: maybe };
}
