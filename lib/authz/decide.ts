// The decision at one enforcement point, in the order ztunnel and Envoy apply it: a matching DENY
// policy denies; otherwise, if any ALLOW policy applies, one of them must match; with no ALLOW
// policy the connection is allowed. AUDIT never changes the decision; CUSTOM is left to the
// external authorizer (only a waypoint or sidecar has one).
import { refOf } from './model';
import type { ConnectionFacts } from './match';
import type { HttpRequest } from './l7';
import { matchPolicy, type EvaluateOptions, type PolicyMatch } from './rules';
import type { EnforcedPolicy } from './ztunnel';

export type PointDecision = 'allow' | 'deny' | 'conditional';

export interface Deciding {
  reason: 'deny-policy' | 'allow-policy' | 'no-allow-matched' | 'strict-mtls' | 'no-allow-policy';
  kind?: 'AuthorizationPolicy' | 'PeerAuthentication';
  /** "namespace/name" */
  policy?: string;
  /** Index in the policy's spec.rules. */
  rule?: number;
  /** For no-allow-matched: the ALLOW policies that applied, none of which matched. */
  candidates?: string[];
}

export type StepCheck = 'path' | 'peer-authentication' | 'conversion' | 'custom' | 'deny' | 'allow' | 'audit' | 'unenforced' | 'result';

export interface Step {
  /** The enforcement point's label, or "path" for what decides the path. */
  point: string;
  check: StepCheck;
  outcome: 'match' | 'no-match' | 'maybe' | 'allow' | 'deny' | 'conditional' | 'note';
  text: string;
  policy?: string;
  rule?: number;
}

const ruleText = (m: PolicyMatch) => (m.rule === undefined ? '' : ` (rules[${m.rule}])`);

export function decide(point: string, policies: EnforcedPolicy[], facts: ConnectionFacts, request: HttpRequest | undefined, options: EvaluateOptions, steps: Step[]): { decision: PointDecision; deciding?: Deciding } {
  const of = (action: string) => policies.filter((p) => p.policy.action === action);
  const step = (s: Omit<Step, 'point'>) => steps.push({ point, ...s });
  let conditional = false;

  for (const p of of('CUSTOM')) {
    const m = matchPolicy(p, facts, request, options);
    if (m.result === 'no') continue;
    conditional = true;
    step({ check: 'custom', outcome: 'maybe', policy: refOf(p.policy), ...(m.rule !== undefined ? { rule: m.rule } : {}), text: `CUSTOM policy ${refOf(p.policy)}${ruleText(m)} sends this request to the external authorizer ${p.policy.provider ?? '(no provider)'}, which decides; Ambient Lens cannot evaluate it` });
  }

  const denies = of('DENY');
  let denyMaybe: string | undefined;
  for (const p of denies) {
    const m = matchPolicy(p, facts, request, options);
    const ref = refOf(p.policy);
    if (m.result === 'yes') {
      step({ check: 'deny', outcome: 'match', policy: ref, rule: m.rule!, text: `DENY policy ${ref} matches${ruleText(m)}: denied` });
      return { decision: 'deny', deciding: { reason: 'deny-policy', kind: 'AuthorizationPolicy', policy: ref, rule: m.rule! } };
    }
    if (m.result === 'maybe') {
      denyMaybe ??= ref;
      step({ check: 'deny', outcome: 'maybe', policy: ref, ...(m.rule !== undefined ? { rule: m.rule } : {}), text: `DENY policy ${ref} may match${ruleText(m)}: it depends on request attributes not given` });
    }
  }
  if (denies.length === 0) step({ check: 'deny', outcome: 'no-match', text: 'no DENY policy applies' });
  else if (!denyMaybe) step({ check: 'deny', outcome: 'no-match', text: `no DENY policy matches (${denies.map((p) => refOf(p.policy)).join(', ')})` });
  if (denyMaybe) conditional = true;

  const allows = of('ALLOW');
  let deciding: Deciding | undefined;
  if (allows.length === 0) {
    step({ check: 'allow', outcome: 'allow', text: 'no ALLOW policy applies: allowed by default' });
    deciding = { reason: 'no-allow-policy' };
  } else {
    let allowMaybe = false;
    for (const p of allows) {
      const m = matchPolicy(p, facts, request, options);
      const ref = refOf(p.policy);
      if (m.result === 'yes') {
        step({ check: 'allow', outcome: 'match', policy: ref, rule: m.rule!, text: `ALLOW policy ${ref} matches${ruleText(m)}` });
        deciding = { reason: 'allow-policy', kind: 'AuthorizationPolicy', policy: ref, rule: m.rule! };
        break;
      }
      if (m.result === 'maybe') allowMaybe = true;
      const why = p.rules.length === 0 ? 'has no rules left, so it allows nothing' : m.result === 'maybe' ? `may match${ruleText(m)}, depending on request attributes not given` : 'does not match';
      step({ check: 'allow', outcome: m.result === 'maybe' ? 'maybe' : 'no-match', policy: ref, text: `ALLOW policy ${ref} ${why}` });
    }
    if (!deciding && !allowMaybe) {
      const candidates = allows.map((p) => refOf(p.policy));
      step({ check: 'allow', outcome: 'deny', text: `ALLOW policies apply (${candidates.join(', ')}) but none matches: denied` });
      auditSteps(of('AUDIT'), point, facts, request, options, steps);
      return { decision: 'deny', deciding: { reason: 'no-allow-matched', candidates } };
    }
    if (!deciding) conditional = true;
  }
  auditSteps(of('AUDIT'), point, facts, request, options, steps);
  return conditional ? { decision: 'conditional' } : { decision: 'allow', ...(deciding ? { deciding } : {}) };
}

function auditSteps(audits: EnforcedPolicy[], point: string, facts: ConnectionFacts, request: HttpRequest | undefined, options: EvaluateOptions, steps: Step[]): void {
  for (const p of audits) {
    const m = matchPolicy(p, facts, request, options);
    if (m.result === 'no') continue;
    const ref = refOf(p.policy);
    steps.push({ point, check: 'audit', outcome: m.result === 'yes' ? 'match' : 'maybe', policy: ref, text: `AUDIT policy ${ref} ${m.result === 'yes' ? 'matches' : 'may match'}${ruleText(m)}: logged, the decision is unchanged` });
  }
}
