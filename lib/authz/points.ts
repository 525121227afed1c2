// The enforcement points of one connection and what each decides: the waypoint (attached policies,
// the client's identity, HTTP attributes evaluated) and the destination's own proxy (targeted
// policies; behind a waypoint it sees the waypoint's identity; ztunnel gets istiod's L4 conversion).
import type { MeshWaypoint, MeshWorkload, MeshService } from './input';
import { refOf } from './model';
import type { MeshIndex } from './mesh';
import { spiffeOf } from './mesh';
import type { ConnectionFacts, PeerFacts, Tri } from './match';
import type { HttpRequest } from './l7';
import { targetedPolicies, waypointPolicies } from './attachment';
import { asWritten, convertForZtunnel, converted, notForZtunnel, type EnforcedPolicy, type RuleChange } from './ztunnel';
import { decide, type Deciding, type PointDecision, type Step } from './decide';
import { describeMtls, effectiveMtls } from './peer-authentication';
import { matchPolicy, type EvaluateOptions } from './rules';
import type { Client } from './path';

export interface SeenIdentity {
  /** Whose identity the point sees: the client's, or the waypoint's when one is in front. */
  who: 'client' | 'waypoint';
  /** spiffe://... ; absent for a plaintext client. */
  principal?: string;
  namespace?: string;
  ip?: string;
  mtls: boolean;
}

export interface EnforcementPoint {
  kind: 'waypoint' | 'ztunnel' | 'sidecar' | 'gateway';
  /** "waypoint bookinfo/waypoint", "ztunnel on node w1", "sidecar of ns/name". */
  label: string;
  waypoint?: string;
  node?: string;
  /** The workload whose inbound traffic this point guards ("namespace/name"). */
  workload?: string;
  sees: SeenIdentity;
  /** The port this point matches policies against. */
  port: number;
  /** The AuthorizationPolicies in force here, "namespace/name". */
  policies: string[];
  decision: PointDecision;
  deciding?: Deciding;
}

export interface UnenforcedPolicy {
  policy: string;
  reason: string;
  /** Whether it would have matched this connection had it been enforced. */
  match: Tri;
}

export interface Conversion {
  policy: string;
  dropped: RuleChange[];
  stripped: (RuleChange & { emptyMatch: boolean })[];
}

export interface Collector {
  steps: Step[];
  unenforced: UnenforcedPolicy[];
  conversions: Conversion[];
}

export function clientPeer(index: MeshIndex, client: Client): PeerFacts {
  if (client.kind === 'plaintext') return client.ip ? { ip: client.ip } : {};
  const { workload, mesh } = client;
  const ip = workload.ips[0];
  if (!mesh) return ip ? { ip } : {};
  return { principal: index.workloadPrincipal(workload), namespace: workload.namespace, ...(ip ? { ip } : {}) };
}

function seen(peer: PeerFacts, who: SeenIdentity['who'], mtls: boolean): SeenIdentity {
  return { who, mtls, ...(peer.principal ? { principal: spiffeOf(peer.principal) } : {}), ...(peer.namespace ? { namespace: peer.namespace } : {}), ...(peer.ip ? { ip: peer.ip } : {}) };
}

export function noteUnenforced(c: Collector, policy: EnforcedPolicy, reason: string, facts: ConnectionFacts, request: HttpRequest | undefined, options: EvaluateOptions): void {
  const ref = refOf(policy.policy);
  if (c.unenforced.some((u) => u.policy === ref)) return;
  const match = matchPolicy(policy, facts, request, options).result;
  c.unenforced.push({ policy: ref, reason, match });
  c.steps.push({ point: 'path', check: 'unenforced', outcome: 'note', policy: ref, text: `${policy.policy.action} policy ${ref} is not enforced on this path: ${reason}` });
}

export function waypointPoint(index: MeshIndex, waypoint: MeshWaypoint, service: MeshService | undefined, facts: ConnectionFacts, request: HttpRequest | undefined, options: EvaluateOptions, c: Collector): EnforcementPoint {
  const ref = refOf(waypoint);
  const label = `waypoint ${ref}`;
  const policies = waypointPolicies(index, waypoint, service).map(asWritten);
  const who = facts.peer.principal ? `the client's identity ${spiffeOf(facts.peer.principal)}` : 'no identity';
  c.steps.push({ point: label, check: 'path', outcome: 'note', text: `the waypoint sees ${who} and evaluates HTTP attributes` });
  const { decision, deciding } = decide(label, policies, facts, request, options, c.steps);
  return { kind: 'waypoint', label, waypoint: ref, sees: seen(facts.peer, 'client', true), port: facts.port, policies: policies.map((p) => refOf(p.policy)), decision, ...(deciding ? { deciding } : {}) };
}

/** The destination pod's own enforcement; undefined when nothing there enforces (not in the mesh). */
export function destinationPoint(
  index: MeshIndex,
  backend: MeshWorkload,
  peer: { facts: PeerFacts; who: SeenIdentity['who']; mtls: boolean },
  port: number,
  request: HttpRequest | undefined,
  options: EvaluateOptions,
  c: Collector,
): EnforcementPoint | undefined {
  const workload = refOf(backend);
  const targeted = targetedPolicies(index, backend);
  const facts: ConnectionFacts = { peer: peer.facts, port, ...(backend.ips[0] ? { destinationIp: backend.ips[0] } : {}) };
  const kind: EnforcementPoint['kind'] | undefined = backend.gateway ? 'gateway' : backend.sidecar ? 'sidecar' : backend.ambient ? 'ztunnel' : undefined;
  if (!kind) {
    for (const p of targeted) noteUnenforced(c, asWritten(p), `workload ${workload} is not in the mesh (not redirected to ztunnel, no sidecar): nothing enforces policies for it`, facts, request, options);
    c.steps.push({ point: 'path', check: 'path', outcome: 'note', text: `workload ${workload} is not in the mesh: no enforcement point at the destination` });
    return undefined;
  }
  const label = kind === 'ztunnel' ? `ztunnel on node ${backend.node ?? 'unknown'}` : `${kind} of ${workload}`;
  const base = { kind, label, workload, ...(kind === 'ztunnel' && backend.node ? { node: backend.node } : {}), sees: seen(peer.facts, peer.who, peer.mtls), port };
  const who = peer.facts.principal ? `${peer.who === 'waypoint' ? "the waypoint's identity" : "the client's identity"} ${spiffeOf(peer.facts.principal)}` : 'a plaintext client without identity';
  c.steps.push({ point: label, check: 'path', outcome: 'note', text: `guards ${workload} on port ${port} and sees ${who}` });

  const mtls = effectiveMtls(index, backend.namespace, backend.labels);
  const strictPolicy = mtls.decidedBy?.policy;
  if (!peer.mtls && mtls.strict) {
    c.steps.push({ point: label, check: 'peer-authentication', outcome: 'deny', ...(strictPolicy ? { policy: strictPolicy } : {}), text: `${describeMtls(mtls)}; this connection is plaintext: refused` });
    return { ...base, policies: [], decision: 'deny', deciding: { reason: 'strict-mtls', kind: 'PeerAuthentication', ...(strictPolicy ? { policy: strictPolicy } : {}) } };
  }
  c.steps.push({ point: label, check: 'peer-authentication', outcome: 'note', ...(strictPolicy ? { policy: strictPolicy } : {}), text: `${describeMtls(mtls)}; this connection is ${peer.mtls ? 'mTLS' : 'plaintext'}` });

  const enforced: EnforcedPolicy[] = [];
  for (const p of targeted) {
    if (kind !== 'ztunnel') {
      enforced.push(asWritten(p));
      continue;
    }
    const why = notForZtunnel(p);
    const zp = convertForZtunnel(p);
    if (why || !zp) {
      if (p.action === 'CUSTOM') noteUnenforced(c, asWritten(p), why ?? 'not sent to ztunnel', facts, request, options);
      else c.steps.push({ point: label, check: 'conversion', outcome: 'note', policy: refOf(p), text: `${p.action} policy ${refOf(p)} is not sent to ztunnel: ${why}` });
      continue;
    }
    if (converted(zp)) recordConversion(c, label, zp);
    enforced.push(zp);
  }
  const { decision, deciding } = decide(label, enforced, facts, request, options, c.steps);
  return { ...base, policies: enforced.map((p) => refOf(p.policy)), decision, ...(deciding ? { deciding } : {}) };
}

function recordConversion(c: Collector, point: string, p: EnforcedPolicy): void {
  const ref = refOf(p.policy);
  const { dropped = [], stripped = [] } = p.conversion ?? {};
  if (!c.conversions.some((x) => x.policy === ref)) c.conversions.push({ policy: ref, dropped, stripped });
  for (const d of dropped) {
    c.steps.push({ point, check: 'conversion', outcome: 'note', policy: ref, rule: d.index, text: `ztunnel cannot evaluate ${d.attributes.join(', ')}: istiod drops rules[${d.index}] of ALLOW policy ${ref} whole` });
  }
  for (const s of stripped) {
    const left = s.emptyMatch ? 'nothing L4 is left (an empty match)' : 'the rest of the rule is enforced';
    c.steps.push({ point, check: 'conversion', outcome: 'note', policy: ref, rule: s.index, text: `ztunnel cannot evaluate ${s.attributes.join(', ')}: istiod strips them from rules[${s.index}] of DENY policy ${ref}; ${left}` });
  }
}
