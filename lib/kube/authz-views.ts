// API rows of the authorization explainer, with the per-user namespace filter applied. Pure.
// Policies in one namespace decide traffic in another (root-namespace policies, a waypoint in
// another namespace), so evaluation runs on the whole mesh and the answer is redacted afterwards.
import {
  compareZtunnelPolicies,
  effectiveMtls,
  expectedZtunnelPolicies,
  meshIndex,
  scopeOf,
  selectedWorkloads,
  serviceWaypoint,
  type AuthorizationPolicy,
  type AuthzInput,
  type Evaluation,
  type Finding,
  type HeldZtunnelPolicy,
  type ZtunnelPolicyDiff,
} from '@/lib/authz';
import { canSee, type Access } from './views';
import type { AuthorizationPolicyRow, PeerAuthenticationRow, PolicyEnforcement, ZtunnelAgreement } from './wire/authz';

const ref = (o: { namespace: string; name: string }) => `${o.namespace}/${o.name}`;
export const HIDDEN = '(hidden)';

/** Where a policy is enforced, derived from the objects (never from a status condition). */
export function enforcementOf(input: AuthzInput, p: AuthorizationPolicy): PolicyEnforcement[] {
  const index = meshIndex(input);
  if (p.targetRefs.length > 0) {
    const out: PolicyEnforcement[] = [];
    for (const t of p.targetRefs) {
      if (t.kind === 'Gateway') {
        const wp = index.waypoint(p.namespace, t.name);
        if (wp?.programmed && wp.trafficType !== 'none') out.push({ kind: 'waypoint', label: `waypoint ${ref(wp)}` });
        continue;
      }
      const service = index.service(p.namespace, t.name, t.kind === 'ServiceEntry' ? 'ServiceEntry' : 'Service');
      const binding = service ? serviceWaypoint(index, service) : undefined;
      if (binding?.state === 'ok' && binding.waypoint) out.push({ kind: 'waypoint', label: `waypoint ${ref(binding.waypoint)}` });
    }
    const unique = [...new Map(out.map((e) => [e.label, e])).values()];
    return unique.length > 0 ? unique : [{ kind: 'none', label: 'not enforced: no working waypoint serves its targets' }];
  }
  const selected = selectedWorkloads(index, p).filter((w) => w.gateway !== 'waypoint');
  const out: PolicyEnforcement[] = [];
  if (p.action !== 'CUSTOM' && selected.some((w) => w.ambient)) out.push({ kind: 'ztunnel', label: 'ztunnel' });
  if (selected.some((w) => w.sidecar || w.gateway === 'ingress')) out.push({ kind: 'sidecar', label: 'sidecar / gateway proxy' });
  return out.length > 0 ? out : [{ kind: 'none', label: 'not enforced: it selects no ambient or sidecar workload' }];
}

function agreement(p: AuthorizationPolicy, expected: Set<string>, diff: ZtunnelPolicyDiff | undefined): ZtunnelAgreement {
  const r = ref(p);
  if (!expected.has(r)) return 'not-for-ztunnel';
  if (!diff) return 'unknown';
  if (diff.missing.some((m) => ref(m) === r)) return 'missing';
  if (diff.differing.some((d) => d.policy === r)) return 'differs';
  return 'held';
}

const findingsOf = (findings: Finding[], kind: string, namespace: string, name: string) =>
  findings.filter((f) => f.object.kind === kind && f.object.namespace === namespace && f.object.name === name);

export interface PolicyRowsInput {
  input: AuthzInput;
  findings: Finding[];
  /** What the ztunnels hold (config_dump); undefined when they could not be read. */
  held?: HeldZtunnelPolicy[];
  access: Access;
  namespace?: string;
}

export function policyRows({ input, findings, held, access, namespace }: PolicyRowsInput): {
  authorizationPolicies: AuthorizationPolicyRow[];
  peerAuthentications: PeerAuthenticationRow[];
  diff?: ZtunnelPolicyDiff;
} {
  const index = meshIndex(input);
  const wanted = (ns: string) => canSee(access, ns) && (!namespace || ns === namespace);
  const visibleRefs = (refs: string[]) => refs.filter((r) => canSee(access, r.split('/')[0]));
  const expected = expectedZtunnelPolicies(input).filter((e) => wanted(e.namespace));
  const fullDiff = held ? compareZtunnelPolicies(expected, held.filter((h) => wanted(h.namespace))) : undefined;
  const expectedRefs = new Set(expected.map(ref));
  const authorizationPolicies = input.authorizationPolicies.filter((p) => wanted(p.namespace)).map((p): AuthorizationPolicyRow => {
    const scope = scopeOf(p, input.rootNamespace);
    return {
      namespace: p.namespace,
      name: p.name,
      action: p.action,
      scope,
      ...(p.selector ? { selector: p.selector } : {}),
      targets: p.targetRefs.map((t) => `${t.kind} ${p.namespace}/${t.name}`),
      selects: scope === 'target' ? [] : visibleRefs(selectedWorkloads(index, p).map(ref)),
      enforcedBy: enforcementOf(input, p),
      rules: p.rules.length,
      ztunnel: agreement(p, expectedRefs, fullDiff),
      findings: findingsOf(findings, 'AuthorizationPolicy', p.namespace, p.name),
    };
  });
  const peerAuthentications = input.peerAuthentications.filter((p) => wanted(p.namespace)).map((p): PeerAuthenticationRow => ({
    namespace: p.namespace,
    name: p.name,
    mode: p.mode,
    level: p.selector ? 'workload' : p.namespace === input.rootNamespace ? 'mesh' : 'namespace',
    ...(p.selector ? { selector: p.selector } : {}),
    selects: visibleRefs(selectedWorkloads(index, p).map(ref)),
    portLevel: Object.keys(p.portLevelMtls).length > 0,
    findings: findingsOf(findings, 'PeerAuthentication', p.namespace, p.name),
  }));
  const byRef = (a: { namespace: string; name: string }, b: { namespace: string; name: string }) => ref(a).localeCompare(ref(b));
  return { authorizationPolicies: authorizationPolicies.sort(byRef), peerAuthentications: peerAuthentications.sort(byRef), ...(fullDiff ? { diff: fullDiff } : {}) };
}

/** Effective mTLS of a namespace, for the page header ("STRICT by mesh policy istio-system/default"). */
export function namespaceMtls(input: AuthzInput, namespace: string): string {
  const m = effectiveMtls(meshIndex(input), namespace);
  return m.decidedBy ? `${m.mode} (${m.decidedBy.policy})` : `${m.mode} (default)`;
}

/**
 * Replaces every mention of an object in a namespace the user cannot see: "ns/name" references and
 * SPIFFE identities. Applied to every string of an answer, so no field can leak one.
 */
export function redactor(input: AuthzInput, access: Access): <T>(value: T) => T {
  if (!access) return (v) => v;
  const hidden = new Set(input.namespaces.map((n) => n.name).filter((n) => !canSee(access, n)));
  for (const o of [...input.workloads, ...input.authorizationPolicies, ...input.waypoints]) if (!canSee(access, o.namespace)) hidden.add(o.namespace);
  if (hidden.size === 0) return (v) => v;
  const names = [...hidden].map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  const identity = new RegExp(`(/ns/)(${names})(/sa/)[^\\s"',)]+`, 'g');
  const reference = new RegExp(`(^|[^a-z0-9.-])(${names})/[a-z0-9][a-z0-9.-]*`, 'g');
  const scrub = (s: string) => s.replace(identity, `$1${HIDDEN}$3${HIDDEN}`).replace(reference, `$1${HIDDEN}`);
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return scrub(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return <T>(value: T) => walk(value) as T;
}

export function redactEvaluation(evaluation: Evaluation, input: AuthzInput, access: Access): Evaluation {
  return redactor(input, access)(evaluation);
}

/** Findings about objects the user can see, with mentions of the others redacted. */
export function visibleFindings(findings: Finding[], input: AuthzInput, access: Access): Finding[] {
  const redact = redactor(input, access);
  return findings.filter((f) => canSee(access, f.object.namespace ?? f.object.name)).map((f) => redact(f));
}
