// What a waypoint enforces, as the simulator plays it (pure; written apart from lib/authz on purpose,
// like policy.ts: a property test compares the two). Only policies attached with targetRefs to the
// waypoint's Gateway or to a Service it serves; the identity is the original client's (the waypoint
// terminates the client's HBONE); ports are the Service port. HTTP requests are matched on methods,
// paths and hosts as well; on plain TCP Envoy cannot see HTTP attributes, so (as for ztunnel) an ALLOW
// rule using them is dropped and the HTTP parts of a DENY rule are stripped.

import type { KubeObject } from '../store';
import type { FlowSpec } from '../scenarios/types';
import type { MeshPod, MeshService, MeshWaypoint } from './view';
import {
  conditionMatches, field, inBlock, L4_WHEN, list, operationMatches, peerOf, ref, ruleOf, sourceMatches, spec, stringMatch, stripHttp, usesHttp,
  type Connection, type Dict, type HeldRule, type Rule, type Verdict,
} from './policy';

export interface WaypointRequest {
  method: string;
  path: string;
}

/** The requests a flow's HTTP traffic is made of when the scenario does not say: all `GET /`. */
export const DEFAULT_REQUESTS = [{ method: 'GET', path: '/', share: 1 }];

interface TargetRef {
  group?: string;
  kind?: string;
  name?: string;
}

function targetRefs(policy: KubeObject): TargetRef[] {
  const s = spec(policy);
  if (Array.isArray(s.targetRefs)) return s.targetRefs as TargetRef[];
  return s.targetRef ? [s.targetRef as TargetRef] : [];
}

/** Attached to this waypoint: by its Gateway, or by the Service the traffic addressed (same namespace). */
export function attachedTo(policy: KubeObject, service: MeshService, waypoint: MeshWaypoint): boolean {
  const ns = policy.metadata.namespace;
  return targetRefs(policy).some(
    (t) =>
      (t.kind === 'Service' && (t.group ?? '') === '' && ns === service.namespace && t.name === service.name) ||
      (t.kind === 'Gateway' && t.group === 'gateway.networking.k8s.io' && ns === waypoint.namespace && t.name === waypoint.name),
  );
}

interface AtWaypoint extends Connection {
  host: string;
  /** undefined: plain TCP through the waypoint. */
  request?: WaypointRequest;
}

// The simulated requests carry no JWT and no headers: request principals and headers are absent.
function httpSourceMatches(s: Dict, c: AtWaypoint): boolean {
  const none = () => false;
  const remote = (v: string) => inBlock(v, c.peer.ip);
  return field(list(s.requestPrincipals), none, true) && field(list(s.notRequestPrincipals), none, false) && field(list(s.remoteIpBlocks), remote, true) && field(list(s.notRemoteIpBlocks), remote, false);
}

function httpOperationMatches(o: Dict, c: AtWaypoint): boolean {
  const r = c.request;
  if (!r) return true;
  const method = (v: string) => v === r.method;
  const path = (v: string) => stringMatch(v, r.path);
  const host = (v: string) => stringMatch(v.toLowerCase(), c.host.toLowerCase());
  return (
    field(list(o.methods), method, true) && field(list(o.notMethods), method, false) &&
    field(list(o.paths), path, true) && field(list(o.notPaths), path, false) &&
    field(list(o.hosts), host, true) && field(list(o.notHosts), host, false)
  );
}

function whenMatches(w: NonNullable<Rule['when']>[number], c: AtWaypoint): boolean {
  if (L4_WHEN.has(w.key)) return conditionMatches(w, c);
  const test = (v: string) => w.key === 'remote.ip' && inBlock(v, c.peer.ip);
  return field(w.values, test, true) && field(w.notValues, test, false);
}

function ruleMatches(r: HeldRule, c: AtWaypoint, policyNs: string, trustDomain: string): boolean {
  if (r === 'never') return false;
  if (r.from && !r.from.some((s) => sourceMatches(s, c, policyNs, trustDomain) && httpSourceMatches(s, c))) return false;
  if (r.to && !r.to.some((o) => operationMatches(o, c) && httpOperationMatches(o, c))) return false;
  return (r.when ?? []).every((w) => whenMatches(w, c));
}

/** The rules as the waypoint applies them: whole for HTTP; converted like ztunnel's for plain TCP. */
function rulesFor(policy: KubeObject, action: string, http: boolean): HeldRule[] {
  const rules = (Array.isArray(spec(policy).rules) ? (spec(policy).rules as Dict[]) : []).map(ruleOf);
  if (http) return rules;
  if (action === 'ALLOW') return rules.filter((r) => !usesHttp(r));
  return rules.map((r) => (usesHttp(r) ? stripHttp(r) : r));
}

/** The waypoint's decision for one request (or one TCP connection). */
export function waypointVerdict(policies: KubeObject[], service: MeshService, waypoint: MeshWaypoint, c: AtWaypoint, trustDomain: string): Verdict {
  const attached = policies
    .filter((p) => attachedTo(p, service, waypoint))
    .map((p) => ({ p, action: (spec(p).action as string | undefined) ?? 'ALLOW' }))
    .filter((x) => x.action === 'ALLOW' || x.action === 'DENY')
    .map((x) => ({ ...x, rules: rulesFor(x.p, x.action, c.request !== undefined) }));
  const matched = (x: (typeof attached)[number]) => x.rules.findIndex((r) => ruleMatches(r, c, x.p.metadata.namespace ?? '', trustDomain));
  const matches = (x: (typeof attached)[number]) => matched(x) >= 0;
  const deny = attached.find((x) => x.action === 'DENY' && matches(x));
  // Envoy's response code details name the DENY policy and rule, as a waypoint's access log prints them.
  if (deny) return { allowed: false, error: `rbac_access_denied_matched_policy[ns[${deny.p.metadata.namespace}]-policy[${deny.p.metadata.name}]-rule[${matched(deny)}]]`, policy: ref(deny.p) };
  const allows = attached.filter((x) => x.action === 'ALLOW');
  if (allows.length > 0 && !allows.some(matches)) return { allowed: false, error: 'rbac_access_denied_matched_policy[none]' };
  return { allowed: true };
}

export interface WaypointDecision {
  /** 0..1 share of the flow's requests (or its connections, on TCP) the waypoint refuses. */
  denied: number;
  policy?: string;
}

/** What the waypoint does with one client's flow to a Service it serves. */
export function waypointDecision(policies: KubeObject[], flow: FlowSpec, client: MeshPod, service: MeshService, waypoint: MeshWaypoint, trustDomain: string): WaypointDecision {
  const requests: ({ share: number } & Partial<WaypointRequest>)[] = flow.http ? (flow.http.requests ?? DEFAULT_REQUESTS) : [{ share: 1 }];
  const port = flow.target.port;
  let denied = 0;
  let policy: string | undefined;
  for (const r of requests) {
    const request = r.method !== undefined && r.path !== undefined ? { method: r.method, path: r.path } : undefined;
    const verdict = waypointVerdict(policies, service, waypoint, { peer: peerOf(client, client.ip, true), serverIp: service.vip, port, host: service.hostname, ...(request ? { request } : {}) }, trustDomain);
    if (verdict.allowed) continue;
    denied += r.share;
    policy ??= verdict.policy;
  }
  return { denied: Math.min(1, denied), ...(policy ? { policy } : {}) };
}

