// The HTTP attributes of a policy: which ones a rule uses (ztunnel cannot evaluate any of them), and
// how a waypoint matches them against a request. A request attribute the caller did not describe
// makes the match "maybe": the answer then depends on the request.
import type { AuthorizationCondition, AuthorizationOperation, AuthorizationRule, AuthorizationSource } from './model';
import { all, any, inBlock, L4_CONDITION_KEYS, matchConditionL4, matchesPattern, not, triOf, type ConnectionFacts, type Tri } from './match';

/** An HTTP request as far as the caller knows it. */
export interface HttpRequest {
  method?: string;
  path?: string;
  /** Host header (a port is ignored). */
  host?: string;
  /** Header names are case-insensitive. */
  headers?: Record<string, string>;
  /** "<iss>/<sub>" of a validated JWT. */
  requestPrincipal?: string;
  /** The original client address (X-Forwarded-For); the peer's address when absent. */
  remoteIp?: string;
}

const SOURCE_HTTP = ['remoteIpBlocks', 'notRemoteIpBlocks', 'requestPrincipals', 'notRequestPrincipals'] as const;
const OPERATION_HTTP = ['hosts', 'notHosts', 'methods', 'notMethods', 'paths', 'notPaths'] as const;

export function httpAttributesOfSource(s: AuthorizationSource): string[] {
  return SOURCE_HTTP.filter((k) => s[k] !== undefined);
}

export function httpAttributesOfOperation(o: AuthorizationOperation): string[] {
  return OPERATION_HTTP.filter((k) => o[k] !== undefined);
}

export const isL4Condition = (c: AuthorizationCondition): boolean => L4_CONDITION_KEYS.has(c.key);

/** Every HTTP attribute a rule uses, by name (when-keys by their key), without duplicates. */
export function httpAttributesOfRule(rule: AuthorizationRule): string[] {
  const found = new Set<string>();
  for (const s of rule.from ?? []) httpAttributesOfSource(s).forEach((a) => found.add(a));
  for (const o of rule.to ?? []) httpAttributesOfOperation(o).forEach((a) => found.add(a));
  for (const c of rule.when ?? []) if (!isL4Condition(c)) found.add(c.key);
  return [...found];
}

const known = (req: HttpRequest | undefined, value: string | undefined, test: (v: string) => boolean): Tri =>
  req === undefined || value === undefined ? 'maybe' : triOf(test(value));

function pathMatches(pattern: string, path: string): boolean {
  if (pattern.includes('{')) {
    // Path templates: {*} is one segment, {**} the rest of the path.
    const source = pattern
      .split(/(\{\*\*\}|\{\*\})/)
      .map((part) => (part === '{**}' ? '.+' : part === '{*}' ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('');
    return new RegExp(`^${source}$`).test(path);
  }
  return matchesPattern(pattern, path);
}

const stripPort = (host: string) => host.replace(/:\d+$/, '').toLowerCase();
const hostMatches = (pattern: string, host: string) => matchesPattern(pattern.toLowerCase(), stripPort(host));

/** The HTTP fields of one source (L4 fields are matched by matchSourceL4). */
export function matchSourceL7(s: AuthorizationSource, req: HttpRequest | undefined, facts: ConnectionFacts): Tri {
  const checks: Tri[] = [];
  const remote = req?.remoteIp ?? facts.peer.ip;
  const remoteIn = (blocks: string[]): Tri => (remote === undefined ? 'maybe' : triOf(blocks.some((b) => inBlock(remote, b))));
  if (s.remoteIpBlocks) checks.push(remoteIn(s.remoteIpBlocks));
  if (s.notRemoteIpBlocks) checks.push(not(remoteIn(s.notRemoteIpBlocks)));
  const jwt = (patterns: string[]) => known(req, req?.requestPrincipal, (p) => patterns.some((x) => matchesPattern(x, p)));
  if (s.requestPrincipals) checks.push(jwt(s.requestPrincipals));
  if (s.notRequestPrincipals) checks.push(not(jwt(s.notRequestPrincipals)));
  return all(checks);
}

export function matchOperationL7(o: AuthorizationOperation, req: HttpRequest | undefined): Tri {
  const checks: Tri[] = [];
  const method = (list: string[]) => known(req, req?.method, (m) => list.includes(m));
  const path = (list: string[]) => known(req, req?.path, (p) => list.some((x) => pathMatches(x, p)));
  const host = (list: string[]) => known(req, req?.host, (h) => list.some((x) => hostMatches(x, h)));
  if (o.methods) checks.push(method(o.methods));
  if (o.notMethods) checks.push(not(method(o.notMethods)));
  if (o.paths) checks.push(path(o.paths));
  if (o.notPaths) checks.push(not(path(o.notPaths)));
  if (o.hosts) checks.push(host(o.hosts));
  if (o.notHosts) checks.push(not(host(o.notHosts)));
  return all(checks);
}

function headerValue(req: HttpRequest | undefined, name: string): string | undefined {
  if (!req?.headers) return undefined;
  const wanted = name.toLowerCase();
  return Object.entries(req.headers).find(([k]) => k.toLowerCase() === wanted)?.[1];
}

/** Any condition, at a proxy that parses HTTP. Keys we cannot evaluate (JWT claims, SNI...) are "maybe". */
export function matchCondition(c: AuthorizationCondition, req: HttpRequest | undefined, facts: ConnectionFacts): Tri {
  const l4 = matchConditionL4(c, facts);
  if (l4) return l4;
  const header = c.key.match(/^request\.headers\[(.+)\]$/);
  let test: ((v: string) => Tri) | undefined;
  if (header) {
    const value = req?.headers ? (headerValue(req, header[1] ?? '') ?? '') : undefined;
    test = (v) => (value === undefined ? 'maybe' : triOf(matchesPattern(v, value)));
  } else if (c.key === 'remote.ip') {
    const remote = req?.remoteIp ?? facts.peer.ip;
    test = (v) => (remote === undefined ? 'maybe' : triOf(inBlock(remote, v)));
  } else if (c.key === 'request.auth.principal') {
    test = (v) => known(req, req?.requestPrincipal, (p) => matchesPattern(v, p));
  }
  if (!test) return 'maybe';
  const checks: Tri[] = [];
  if (c.values) checks.push(any(c.values.map(test)));
  if (c.notValues) checks.push(not(any(c.notValues.map(test))));
  return all(checks);
}
