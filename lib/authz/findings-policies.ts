// Findings about where an AuthorizationPolicy is enforced and what the enforcement point makes of
// it: the waypoint's identity at the destination ztunnel, HTTP attributes at ztunnel, CUSTOM at
// ztunnel, policies that allow nothing, RequestAuthentication on ambient pods.
import type { MeshWorkload } from './input';
import { refOf, type AuthorizationPolicy } from './model';
import { spiffeOf, type MeshIndex } from './mesh';
import { selectedWorkloads, servicesInFront, targetedPolicies } from './attachment';
import { workloadsBehindWaypoints } from './path';
import { asWritten, convertForZtunnel, type EnforcedPolicy } from './ztunnel';
import { decide } from './decide';
import { matchPolicy, type EvaluateOptions } from './rules';
import { allowPrincipalYaml, targetRefsYaml, toYaml } from './fixes';
import { finding, type Finding } from './finding';

const policyObject = (p: { kind: string; namespace: string; name: string }) => ({ kind: p.kind, namespace: p.namespace, name: p.name });
const names = (ws: MeshWorkload[]) => ws.map(refOf).sort();
const listed = (xs: Iterable<string>) => [...xs].sort().join(', ');

function namesIdentities(p: AuthorizationPolicy): boolean {
  return p.rules.some(
    (r) => (r.from ?? []).some((s) => s.principals || s.namespaces || s.serviceAccounts) || (r.when ?? []).some((c) => (c.key === 'source.principal' || c.key === 'source.namespace') && c.values),
  );
}

interface Hit {
  policy: AuthorizationPolicy;
  waypoints: Set<string>;
  principals: Set<string>;
  workloads: Set<string>;
  detail?: string;
}

function collect(map: Map<string, Hit>, policy: AuthorizationPolicy, waypoint: string, principal: string, workload: string, detail?: string): void {
  const hit = map.get(refOf(policy)) ?? { policy, waypoints: new Set(), principals: new Set(), workloads: new Set(), ...(detail ? { detail } : {}) };
  hit.waypoints.add(waypoint);
  hit.principals.add(principal);
  hit.workloads.add(workload);
  map.set(refOf(policy), hit);
}

/** AUTHZ001 and AUTHZ002: behind a waypoint, the destination ztunnel sees the waypoint's identity. */
function waypointIdentityFindings(index: MeshIndex, options: EvaluateOptions): Finding[] {
  const refused = new Map<string, Hit>();
  const missed = new Map<string, Hit>();
  for (const [w, waypoints] of workloadsBehindWaypoints(index)) {
    if (!w.ambient && !w.sidecar) continue;
    const enforced = targetedPolicies(index, w)
      .map((p) => (w.ambient ? convertForZtunnel(p) : p.action === 'ALLOW' || p.action === 'DENY' ? asWritten(p) : undefined))
      .filter((p): p is EnforcedPolicy => p !== undefined);
    const ports = [...new Set(index.servicesOf(w).flatMap((s) => s.ports.map((p) => p.targetPort ?? p.port)))];
    if (enforced.length === 0 || ports.length === 0) continue;
    for (const wp of waypoints) {
      const principal = index.waypointPrincipal(wp);
      const ip = wp.ips?.[0];
      const facts = (port: number) => ({ peer: { principal, namespace: wp.namespace, ...(ip ? { ip } : {}) }, port });
      const results = ports.map((port) => decide('lint', enforced, facts(port), undefined, options, []));
      const first = results[0]?.deciding;
      if (results.every((r) => r.decision === 'deny') && first) {
        const ref = first.reason === 'deny-policy' ? first.policy : first.candidates?.[0];
        const policy = enforced.find((p) => refOf(p.policy) === ref)?.policy;
        const detail = first.reason === 'deny-policy' ? `DENY rules[${first.rule}] matches it` : `no ALLOW policy on them allows it (${first.candidates?.join(', ')})`;
        if (policy) collect(refused, policy, refOf(wp), principal, refOf(w), detail);
      }
      for (const p of enforced) {
        if (p.policy.action !== 'DENY' || !namesIdentities(p.policy)) continue;
        if (ports.every((port) => matchPolicy(p, facts(port), undefined, options).result === 'no')) collect(missed, p.policy, refOf(wp), principal, refOf(w));
      }
    }
  }
  const out: Finding[] = [];
  for (const hit of refused.values()) {
    const p = hit.policy;
    const allowFix = p.action === 'ALLOW';
    out.push(
      finding(
        'AUTHZ001',
        policyObject(p),
        `${listed(hit.workloads)} ${hit.workloads.size > 1 ? 'are' : 'is'} reached through waypoint ${listed(hit.waypoints)}, so the destination ztunnel sees the waypoint's identity (${[...hit.principals].map(spiffeOf).join(', ')}), and ${hit.detail}: every connection through the waypoint is denied.`,
        allowFix
          ? "Allow the waypoint's principal in this policy (Istio's getting-started guide does exactly that), and check client identities in a targetRefs policy on the Service, which the waypoint enforces with the client's identity."
          : "Keep the waypoint's principal out of this DENY policy, or attach the policy to the Service with targetRefs so the waypoint evaluates it with the client's identity.",
        { yaml: allowFix ? allowPrincipalYaml(p, [...hit.principals]) : targetRefsYaml(p, servicesInFront(index, selectedWorkloads(index, p))), related: [...hit.waypoints, ...hit.workloads] },
      ),
    );
  }
  for (const hit of missed.values()) {
    const p = hit.policy;
    out.push(
      finding(
        'AUTHZ002',
        policyObject(p),
        `This DENY policy names client identities, but clients reach ${listed(hit.workloads)} through waypoint ${listed(hit.waypoints)}: the destination ztunnel sees only the waypoint's identity, so the policy never denies them on that path.`,
        "Attach the policy to the Service with targetRefs so the waypoint enforces it with the client's identity (keep the selector copy for clients that address the pods directly).",
        { yaml: targetRefsYaml(p, servicesInFront(index, selectedWorkloads(index, p))), related: [...hit.waypoints, ...hit.workloads] },
      ),
    );
  }
  return out;
}

/** AUTHZ003, AUTHZ004, AUTHZ007: what ztunnel makes of a policy that selects ambient pods. */
function ztunnelFindings(index: MeshIndex, options: EvaluateOptions): Finding[] {
  const out: Finding[] = [];
  for (const p of index.input.authorizationPolicies) {
    if (p.targetRefs.length > 0) continue;
    const ambient = selectedWorkloads(index, p).filter((w) => w.ambient);
    if (ambient.length === 0) continue;
    const services = servicesInFront(index, ambient);
    const where = `${ambient.length} ambient workload(s): ${names(ambient).slice(0, 5).join(', ')}${ambient.length > 5 ? ', ...' : ''}`;
    const moveFix = 'Attach the policy to the Service with targetRefs (remove spec.selector) and give the Service a waypoint, which evaluates HTTP attributes.';
    if (p.action === 'CUSTOM') {
      out.push(finding('AUTHZ007', policyObject(p), `CUSTOM (ext-authz provider ${p.provider ?? 'unset'}) is not supported by ztunnel, which enforces policies for ${where}: this policy is not enforced.`, moveFix, { yaml: targetRefsYaml(p, services), related: names(ambient) }));
      continue;
    }
    const zp = convertForZtunnel(p);
    if (!zp?.conversion) continue;
    const { dropped, stripped } = zp.conversion;
    if (dropped.length > 0) {
      const none = zp.rules.length === 0;
      const which = dropped.map((d) => `rules[${d.index}] (${d.attributes.join(', ')})`).join(', ');
      const effect = none
        ? 'Every rule was dropped, so the policy allows nothing: unless another ALLOW policy matches, every caller of these pods is refused.'
        : 'Callers only those rules allowed are refused unless another ALLOW policy matches them.';
      out.push(finding('AUTHZ003', policyObject(p), `ztunnel enforces this ALLOW policy for ${where} and cannot evaluate HTTP attributes: istiod drops ${which} whole (status ZtunnelAccepted, reason UnsupportedValue). ${effect}`, moveFix, { yaml: targetRefsYaml(p, services), related: names(ambient), ...(none ? { severity: 'error' as const } : {}) }));
    }
    if (stripped.length > 0) {
      const parts = stripped.map((s) =>
        s.emptyMatch
          ? `rules[${s.index}] is made only of HTTP attributes (${s.attributes.join(', ')}) and is left with an empty match: istiod's status promises "more restrictive" (deny everything), but a field report on Istio 1.30 saw ztunnel match nothing and let the traffic pass (Ambient Lens assumes ${options.emptyDenyRule === 'matches-everything' ? 'deny everything' : 'it matches nothing'})`
          : `rules[${s.index}] loses ${s.attributes.join(', ')} and denies the rest of its match wholesale, for every request`,
      );
      out.push(finding('AUTHZ004', policyObject(p), `ztunnel enforces this DENY policy for ${where} without its HTTP conditions: ${parts.join('; ')}.`, moveFix, { yaml: targetRefsYaml(p, services), related: names(ambient) }));
    }
  }
  return out;
}

/** AUTHZ008: an ALLOW policy without rules allows nothing. */
function allowNothingFindings(index: MeshIndex): Finding[] {
  return index.input.authorizationPolicies
    .filter((p) => p.action === 'ALLOW' && p.rules.length === 0)
    .filter((p) => p.targetRefs.length > 0 || selectedWorkloads(index, p).length > 0)
    .map((p) => {
      const who = p.targetRefs.length > 0 ? `the waypoint refuses every request to ${p.targetRefs.map((r) => `${r.kind} ${r.name}`).join(', ')}` : `the ${selectedWorkloads(index, p).length} selected workload(s) refuse every caller`;
      return finding('AUTHZ008', policyObject(p), `An ALLOW policy without rules matches nothing: ${who} unless another ALLOW policy matches.`, 'Nothing, if a deny-by-default baseline is intended; otherwise add the rules that say who is allowed.', {
        yaml: toYaml({ spec: { rules: [{ from: [{ source: { principals: ['<trust-domain>/ns/<namespace>/sa/<service-account>'] } }] }] } }),
      });
    });
}

/** AUTHZ013: ztunnel does not validate JWTs. */
function requestAuthenticationFindings(index: MeshIndex): Finding[] {
  const out: Finding[] = [];
  for (const ra of index.input.requestAuthentications) {
    if (ra.targetRefs.length > 0) continue;
    const ambient = selectedWorkloads(index, ra).filter((w) => w.ambient);
    if (ambient.length === 0) continue;
    const services = servicesInFront(index, ambient);
    const yaml = toYaml({ apiVersion: 'security.istio.io/v1', kind: 'RequestAuthentication', metadata: { name: ra.name, namespace: ra.namespace }, spec: { targetRefs: (services.length ? services : ['<service>']).map((name) => ({ kind: 'Service', group: '', name })), jwtRules: ra.issuers.map((issuer) => ({ issuer })) } });
    out.push(finding('AUTHZ013', policyObject(ra), `It selects ${ambient.length} ambient workload(s) (${names(ambient).slice(0, 5).join(', ')}); ztunnel does not parse HTTP, so no JWT is validated there and requestPrincipals never match.`, 'Attach it to the Service with targetRefs (spec.selector removed) and give the Service a waypoint.', { yaml, related: names(ambient) }));
  }
  return out;
}

export function policyFindings(index: MeshIndex, options: EvaluateOptions): Finding[] {
  return [...waypointIdentityFindings(index, options), ...ztunnelFindings(index, options), ...allowNothingFindings(index), ...requestAuthenticationFindings(index)];
}
