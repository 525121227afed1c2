// What the destination ztunnel enforces, as the simulator plays it (pure; written apart from
// lib/authz on purpose: a property test compares the two). Targeted AuthorizationPolicies (selector,
// namespace, or root namespace = mesh) after istiod's conversion for ztunnel (ALLOW rules with HTTP
// attributes dropped, HTTP parts of DENY rules stripped), full L4 matching with not* forms and
// wildcards, DENY before ALLOW, and PeerAuthentication STRICT refusing plaintext.

import type { KubeObject } from '../store';
import type { MeshPod } from './view';

export type Dict = Record<string, unknown>;
export const ROOT_NAMESPACE = 'istio-system';
export const HTTP_SOURCE = ['requestPrincipals', 'notRequestPrincipals', 'remoteIpBlocks', 'notRemoteIpBlocks'];
export const HTTP_OPERATION = ['hosts', 'notHosts', 'methods', 'notMethods', 'paths', 'notPaths'];
export const L4_WHEN = new Set(['source.ip', 'source.namespace', 'source.principal', 'destination.ip', 'destination.port']);

export interface Rule {
  from?: Dict[];
  to?: Dict[];
  when?: { key: string; values?: string[]; notValues?: string[] }[];
}
/** A rule as ztunnel holds it; `never` for a DENY rule left with nothing to match. */
export type HeldRule = Rule | 'never';

export const spec = (o: KubeObject): Dict => (o.spec ?? {}) as Dict;
export const list = (v: unknown): string[] | undefined => (Array.isArray(v) ? v.map(String) : undefined);
export const ref = (o: KubeObject) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;

function isTargeted(policy: KubeObject): boolean {
  const s = spec(policy);
  return !(Array.isArray(s.targetRefs) && s.targetRefs.length > 0) && !s.targetRef;
}

function selects(o: KubeObject, server: MeshPod): boolean {
  const ns = o.metadata.namespace;
  if (ns !== server.namespace && ns !== ROOT_NAMESPACE) return false;
  const labels = (spec(o).selector as { matchLabels?: Record<string, string> } | undefined)?.matchLabels ?? {};
  return Object.entries(labels).every(([k, v]) => server.labels[k] === v);
}

const without = (d: Dict, keys: string[]): Dict => Object.fromEntries(Object.entries(d).filter(([k]) => !keys.includes(k)));
const hasAny = (d: Dict, keys: string[]) => keys.some((k) => d[k] !== undefined);
const part = (entries: unknown, field: 'source' | 'operation'): Dict[] | undefined =>
  Array.isArray(entries) ? entries.map((e) => ((e as Dict)[field] ?? {}) as Dict) : undefined;

export function ruleOf(raw: Dict): Rule {
  return { from: part(raw.from, 'source'), to: part(raw.to, 'operation'), when: Array.isArray(raw.when) ? (raw.when as Rule['when']) : undefined };
}

export function usesHttp(r: Rule): boolean {
  return (r.from ?? []).some((s) => hasAny(s, HTTP_SOURCE)) || (r.to ?? []).some((o) => hasAny(o, HTTP_OPERATION)) || (r.when ?? []).some((w) => !L4_WHEN.has(w.key));
}

/** The DENY rule with its HTTP conditions stripped; 'never' when nothing L4 is left. */
export function stripHttp(r: Rule): HeldRule {
  const from = r.from?.map((s) => without(s, HTTP_SOURCE)).filter((s) => Object.keys(s).length > 0);
  const to = r.to?.map((o) => without(o, HTTP_OPERATION)).filter((o) => Object.keys(o).length > 0);
  const when = r.when?.filter((w) => L4_WHEN.has(w.key));
  const stripped: Rule = { ...(from?.length ? { from } : {}), ...(to?.length ? { to } : {}), ...(when?.length ? { when } : {}) };
  return Object.keys(stripped).length === 0 ? 'never' : stripped;
}

/** The policy as istiod sends it to ztunnel; undefined for CUSTOM, AUDIT and attached policies. */
export function heldRules(policy: KubeObject): { action: 'ALLOW' | 'DENY'; rules: HeldRule[] } | undefined {
  const s = spec(policy);
  const action = (s.action as string | undefined) ?? 'ALLOW';
  if (!isTargeted(policy) || (action !== 'ALLOW' && action !== 'DENY')) return undefined;
  const rules = (Array.isArray(s.rules) ? (s.rules as Dict[]) : []).map(ruleOf);
  if (action === 'ALLOW') return { action, rules: rules.filter((r) => !usesHttp(r)) };
  return { action, rules: rules.map((r) => (usesHttp(r) ? stripHttp(r) : r)) };
}

/** Istio string match: exact, "*", "prefix*", "*suffix". */
export function stringMatch(pattern: string, value: string): boolean {
  if (pattern === '*') return true;
  if (pattern.endsWith('*')) return value.startsWith(pattern.slice(0, -1));
  if (pattern.startsWith('*')) return value.endsWith(pattern.slice(1));
  return pattern === value;
}

function ipv4(ip: string): number | undefined {
  const parts = ip.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return undefined;
  return parts.reduce((a, p) => a * 256 + p, 0);
}

export function inBlock(block: string, ip: string): boolean {
  const [base, bits] = block.split('/');
  const a = ipv4(base ?? '');
  const b = ipv4(ip);
  if (a === undefined || b === undefined) return block === ip;
  const n = bits === undefined ? 32 : Number(bits);
  const size = 2 ** (32 - n);
  return Math.floor(a / size) === Math.floor(b / size);
}

/** Who the destination ztunnel sees: no principal or namespace without mTLS. */
export interface Peer {
  principal?: string;
  namespace?: string;
  ip: string;
}

export interface Connection {
  peer: Peer;
  serverIp: string;
  /** The pod port the server's ztunnel matches ports against. */
  port: number;
}

// A positive field matches when any value matches; absent identity never matches. A not* field
// fails when any value matches; absent identity never matches, so not* passes.
export function field(values: string[] | undefined, test: (v: string) => boolean, positive: boolean): boolean {
  if (!values) return true;
  return positive ? values.some(test) : !values.some(test);
}

export function sourceMatches(s: Dict, c: Connection, policyNs: string, trustDomain: string): boolean {
  const { principal, namespace, ip } = c.peer;
  const p = (v: string) => principal !== undefined && stringMatch(v, principal);
  const ns = (v: string) => namespace !== undefined && stringMatch(v, namespace);
  const sa = (v: string) => principal !== undefined && principal === `${trustDomain}/ns/${v.includes('/') ? v.split('/')[0] : policyNs}/sa/${v.includes('/') ? v.split('/')[1] : v}`;
  const block = (v: string) => inBlock(v, ip);
  return (
    field(list(s.principals), p, true) && field(list(s.notPrincipals), p, false) &&
    field(list(s.namespaces), ns, true) && field(list(s.notNamespaces), ns, false) &&
    field(list(s.serviceAccounts), sa, true) && field(list(s.notServiceAccounts), sa, false) &&
    field(list(s.ipBlocks), block, true) && field(list(s.notIpBlocks), block, false)
  );
}

export function operationMatches(o: Dict, c: Connection): boolean {
  const port = (v: string) => Number(v) === c.port;
  return field(list(o.ports), port, true) && field(list(o.notPorts), port, false);
}

export function conditionMatches(w: NonNullable<Rule['when']>[number], c: Connection): boolean {
  const value = { 'source.ip': c.peer.ip, 'source.namespace': c.peer.namespace, 'source.principal': c.peer.principal, 'destination.ip': c.serverIp, 'destination.port': String(c.port) }[w.key];
  const test = (v: string) => value !== undefined && (w.key.endsWith('.ip') ? inBlock(v, value) : stringMatch(v, value));
  return field(w.values, test, true) && field(w.notValues, test, false);
}

function ruleMatches(r: HeldRule, c: Connection, policyNs: string, trustDomain: string): boolean {
  if (r === 'never') return false;
  if (r.from && !r.from.some((s) => sourceMatches(s, c, policyNs, trustDomain))) return false;
  if (r.to && !r.to.some((o) => operationMatches(o, c))) return false;
  return (r.when ?? []).every((w) => conditionMatches(w, c));
}

/** spec.mtls.mode after precedence: workload selector > namespace > root namespace; UNSET inherits; oldest wins at a level. */
export function peerAuthenticationMode(peerAuthentications: KubeObject[], server: MeshPod): string {
  const mode = (o: KubeObject) => ((spec(o).mtls as { mode?: string } | undefined)?.mode ?? 'UNSET').toUpperCase();
  const oldest = (a: KubeObject, b: KubeObject) => (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? '') || ref(a).localeCompare(ref(b));
  const hasSelector = (o: KubeObject) => Object.keys((spec(o).selector as { matchLabels?: object } | undefined)?.matchLabels ?? {}).length > 0;
  const own = server.namespace === ROOT_NAMESPACE ? [] : peerAuthentications.filter((p) => p.metadata.namespace === server.namespace);
  const levels = [
    own.filter((p) => hasSelector(p) && selects(p, server)),
    own.filter((p) => !hasSelector(p)),
    peerAuthentications.filter((p) => p.metadata.namespace === ROOT_NAMESPACE && !hasSelector(p)),
  ];
  for (const level of levels) {
    const first = [...level].sort(oldest)[0];
    if (first && mode(first) !== 'UNSET') return mode(first);
  }
  return 'PERMISSIVE';
}

export type Verdict = { allowed: true } | { allowed: false; error: string; policy?: string };

/** What the server's ztunnel decides for one connection. `peer` carries no identity when not mTLS. */
export function ztunnelVerdict(policies: KubeObject[], peerAuthentications: KubeObject[], c: Connection, mtls: boolean, server: MeshPod, trustDomain: string): Verdict {
  if (!mtls && peerAuthenticationMode(peerAuthentications, server) === 'STRICT') {
    return { allowed: false, error: 'connection closed due to policy rejection: explicitly denied by: istio-system/istio_converted_static_strict' };
  }
  const applying = policies.filter((p) => selects(p, server)).map((p) => ({ p, held: heldRules(p) })).filter((x) => x.held !== undefined);
  const matches = (x: (typeof applying)[number]) => x.held!.rules.some((r) => ruleMatches(r, c, x.p.metadata.namespace ?? '', trustDomain));
  const deny = applying.find((x) => x.held!.action === 'DENY' && matches(x));
  if (deny) return { allowed: false, error: `connection closed due to policy rejection: explicitly denied by: ${ref(deny.p)}`, policy: ref(deny.p) };
  const allows = applying.filter((x) => x.held!.action === 'ALLOW');
  if (allows.length > 0 && !allows.some(matches)) return { allowed: false, error: 'connection closed due to policy rejection: allow policies exist, but none allowed' };
  return { allowed: true };
}

/** The peer the server's ztunnel sees: identity only over mTLS. */
export function peerOf(client: MeshPod | undefined, clientIp: string, mtls: boolean): Peer {
  if (!mtls || !client) return { ip: clientIp };
  return { principal: client.identity.replace(/^spiffe:\/\//, ''), namespace: client.namespace, ip: clientIp };
}

/** The policy as ztunnel's config_dump prints it (after istiod's conversion). */
export function ztunnelPolicy(policy: KubeObject): Record<string, unknown> | undefined {
  const held = heldRules(policy);
  if (!held) return undefined;
  const match = (v: string) => (v === '*' ? { Presence: {} } : v.endsWith('*') ? { Prefix: v.slice(0, -1) } : v.startsWith('*') ? { Suffix: v.slice(1) } : { Exact: v });
  const rules = held.rules.map((rule) => {
    if (rule === 'never') return [];
    const clauses: Dict[][] = [];
    if (rule.from) {
      clauses.push(rule.from.map((s) => {
        const m: Dict = {};
        for (const k of ['namespaces', 'notNamespaces', 'principals', 'notPrincipals']) if (list(s[k])) m[k] = list(s[k])!.map(match);
        if (list(s.ipBlocks)) m.sourceIps = list(s.ipBlocks);
        if (list(s.notIpBlocks)) m.notSourceIps = list(s.notIpBlocks);
        return m;
      }));
    }
    if (rule.to) clauses.push(rule.to.map((o) => ({ ...(list(o.ports) ? { destinationPorts: list(o.ports)!.map(Number) } : {}), ...(list(o.notPorts) ? { notDestinationPorts: list(o.notPorts)!.map(Number) } : {}) })));
    return clauses;
  });
  const ns = policy.metadata.namespace;
  const scope = ns === ROOT_NAMESPACE && !spec(policy).selector ? 'Global' : spec(policy).selector ? 'WorkloadSelector' : 'Namespace';
  return { name: policy.metadata.name, namespace: ns, scope, action: held.action === 'DENY' ? 'Deny' : 'Allow', rules, dryRun: false };
}
