// L4 matching as ztunnel does it (and Envoy for the same fields): identities, namespaces, IP blocks,
// ports and their not* forms, and the when-conditions ztunnel understands. Three-valued, because an
// address we do not know makes a match undecidable rather than false.
import type { AuthorizationCondition, AuthorizationOperation, AuthorizationSource } from './model';

export type Tri = 'yes' | 'no' | 'maybe';

export function all(values: Iterable<Tri>): Tri {
  let out: Tri = 'yes';
  for (const v of values) {
    if (v === 'no') return 'no';
    if (v === 'maybe') out = 'maybe';
  }
  return out;
}

export function any(values: Iterable<Tri>): Tri {
  let out: Tri = 'no';
  for (const v of values) {
    if (v === 'yes') return 'yes';
    if (v === 'maybe') out = 'maybe';
  }
  return out;
}

export function not(v: Tri): Tri {
  return v === 'yes' ? 'no' : v === 'no' ? 'yes' : 'maybe';
}

export const triOf = (b: boolean): Tri => (b ? 'yes' : 'no');

/** What one enforcement point knows about the peer that opened the connection. */
export interface PeerFacts {
  /** Identity without "spiffe://"; absent for a plaintext client, which has none. */
  principal?: string;
  /** The namespace in the identity; absent for a plaintext client. */
  namespace?: string;
  ip?: string;
}

export interface ConnectionFacts {
  peer: PeerFacts;
  /** The port the enforcement point sees (the pod port at ztunnel). */
  port: number;
  destinationIp?: string;
}

/** Istio's string match: "*" is any non-empty value, "abc*" a prefix, "*abc" a suffix, else exact. */
export function matchesPattern(pattern: string, value: string | undefined): boolean {
  if (value === undefined || value === '') return false;
  if (pattern === '*') return true;
  if (pattern.startsWith('*')) return value.endsWith(pattern.slice(1));
  if (pattern.endsWith('*')) return value.startsWith(pattern.slice(0, -1));
  return value === pattern;
}

const anyPattern = (patterns: string[], value: string | undefined): Tri => triOf(patterns.some((p) => matchesPattern(p, value)));

interface Address {
  bits: 32 | 128;
  value: bigint;
}

function parseAddress(text: string): Address | undefined {
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(text)) {
    const parts = text.split('.').map(Number);
    if (parts.some((p) => p > 255)) return undefined;
    return { bits: 32, value: parts.reduce((acc, p) => (acc << 8n) | BigInt(p), 0n) };
  }
  if (!text.includes(':') || !/^[0-9a-fA-F:]+$/.test(text)) return undefined;
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - tail.length;
  if ((halves.length === 1 && missing !== 0) || missing < 0) return undefined;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  if (groups.some((g) => g.length === 0 || g.length > 4)) return undefined;
  return { bits: 128, value: groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n) };
}

/** A CIDR block or a single address; undefined when it cannot be read. */
export function parseBlock(block: string): { address: Address; length: number } | undefined {
  const [ip, len] = block.split('/');
  const address = parseAddress(ip ?? '');
  if (!address) return undefined;
  const length = len === undefined ? address.bits : /^\d+$/.test(len) ? Number(len) : NaN;
  if (!(length >= 0 && length <= address.bits)) return undefined;
  return { address, length };
}

export function inBlock(ip: string, block: string): boolean {
  const a = parseAddress(ip);
  const b = parseBlock(block);
  if (!a || !b || a.bits !== b.address.bits) return false;
  const shift = BigInt(a.bits - b.length);
  return a.value >> shift === b.address.value >> shift;
}

const anyBlock = (blocks: string[], ip: string | undefined): Tri => (ip === undefined ? 'maybe' : triOf(blocks.some((b) => inBlock(ip, b))));

/** serviceAccounts entries: "<ns>/<sa>", or "<sa>" in the policy's namespace. */
function anyServiceAccount(entries: string[], principal: string | undefined, policyNamespace: string): Tri {
  const m = principal?.match(/\/ns\/([^/]+)\/sa\/([^/]+)$/);
  if (!m) return 'no';
  return triOf(entries.some((e) => (e.includes('/') ? e : `${policyNamespace}/${e}`) === `${m[1]}/${m[2]}`));
}

/** The L4 fields of one source; the HTTP fields are matched in l7.ts. */
export function matchSourceL4(s: AuthorizationSource, facts: ConnectionFacts, policyNamespace: string): Tri {
  const { peer } = facts;
  const checks: Tri[] = [];
  if (s.principals) checks.push(anyPattern(s.principals, peer.principal));
  if (s.notPrincipals) checks.push(not(anyPattern(s.notPrincipals, peer.principal)));
  if (s.namespaces) checks.push(anyPattern(s.namespaces, peer.namespace));
  if (s.notNamespaces) checks.push(not(anyPattern(s.notNamespaces, peer.namespace)));
  if (s.serviceAccounts) checks.push(anyServiceAccount(s.serviceAccounts, peer.principal, policyNamespace));
  if (s.notServiceAccounts) checks.push(not(anyServiceAccount(s.notServiceAccounts, peer.principal, policyNamespace)));
  if (s.ipBlocks) checks.push(anyBlock(s.ipBlocks, peer.ip));
  if (s.notIpBlocks) checks.push(not(anyBlock(s.notIpBlocks, peer.ip)));
  return all(checks);
}

export function matchOperationL4(o: AuthorizationOperation, facts: ConnectionFacts): Tri {
  const checks: Tri[] = [];
  if (o.ports) checks.push(triOf(o.ports.includes(facts.port)));
  if (o.notPorts) checks.push(triOf(!o.notPorts.includes(facts.port)));
  return all(checks);
}

/** The when-keys ztunnel evaluates; every other key is an HTTP attribute to it. */
export const L4_CONDITION_KEYS: ReadonlySet<string> = new Set(['source.ip', 'source.namespace', 'source.principal', 'destination.ip', 'destination.port']);

/** One L4 condition; undefined for a key that is not L4. */
export function matchConditionL4(c: AuthorizationCondition, facts: ConnectionFacts): Tri | undefined {
  const test = conditionTest(c.key, facts);
  if (!test) return undefined;
  const checks: Tri[] = [];
  if (c.values) checks.push(any(c.values.map(test)));
  if (c.notValues) checks.push(not(any(c.notValues.map(test))));
  return all(checks);
}

function conditionTest(key: string, facts: ConnectionFacts): ((v: string) => Tri) | undefined {
  switch (key) {
    case 'source.ip':
      return (v) => anyBlock([v], facts.peer.ip);
    case 'source.namespace':
      return (v) => triOf(matchesPattern(v, facts.peer.namespace));
    case 'source.principal':
      return (v) => triOf(matchesPattern(v, facts.peer.principal));
    case 'destination.ip':
      return (v) => anyBlock([v], facts.destinationIp);
    case 'destination.port':
      return (v) => triOf(v === String(facts.port));
    default:
      return undefined;
  }
}
