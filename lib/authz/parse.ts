// Kubernetes objects (security.istio.io/v1, v1beta1 served alike) to our policy shapes. A shape we
// cannot read is reported, never thrown: the caller lists it as unreadable, the mesh keeps working.
import { z } from 'zod';
import type {
  AuthorizationAction,
  AuthorizationCondition,
  AuthorizationOperation,
  AuthorizationPolicy,
  AuthorizationRule,
  AuthorizationSource,
  MtlsMode,
  PeerAuthentication,
  PolicyTargetRef,
  RequestAuthentication,
} from './model';

export const SECURITY_API_VERSIONS = ['security.istio.io/v1', 'security.istio.io/v1beta1'];

const strings = z.array(z.string()).nullish();
const ports = z.array(z.union([z.string(), z.number()])).nullish();
const metadata = z.looseObject({ name: z.string().min(1), namespace: z.string().min(1), creationTimestamp: z.string().nullish() });
const selector = z.looseObject({ matchLabels: z.record(z.string(), z.string()).nullish() }).nullish();
const targetRef = z.looseObject({ group: z.string().nullish(), kind: z.string(), name: z.string(), namespace: z.string().nullish() });

const source = z.looseObject({
  principals: strings,
  notPrincipals: strings,
  namespaces: strings,
  notNamespaces: strings,
  serviceAccounts: strings,
  notServiceAccounts: strings,
  ipBlocks: strings,
  notIpBlocks: strings,
  remoteIpBlocks: strings,
  notRemoteIpBlocks: strings,
  requestPrincipals: strings,
  notRequestPrincipals: strings,
});
const operation = z.looseObject({
  ports,
  notPorts: ports,
  hosts: strings,
  notHosts: strings,
  methods: strings,
  notMethods: strings,
  paths: strings,
  notPaths: strings,
});
const condition = z.looseObject({ key: z.string().min(1), values: strings, notValues: strings });
const rule = z.looseObject({
  from: z.array(z.looseObject({ source: source.nullish() })).nullish(),
  to: z.array(z.looseObject({ operation: operation.nullish() })).nullish(),
  when: z.array(condition).nullish(),
});
const authorizationSpec = z.looseObject({
  selector,
  targetRef: targetRef.nullish(),
  targetRefs: z.array(targetRef).nullish(),
  action: z.enum(['ALLOW', 'DENY', 'AUDIT', 'CUSTOM']).nullish(),
  provider: z.looseObject({ name: z.string() }).nullish(),
  rules: z.array(rule).nullish(),
});
const mode = z.enum(['STRICT', 'PERMISSIVE', 'DISABLE', 'UNSET']);
const peerSpec = z.looseObject({
  selector,
  mtls: z.looseObject({ mode: mode.nullish() }).nullish(),
  portLevelMtls: z.record(z.string(), z.looseObject({ mode: mode.nullish() })).nullish(),
});
const requestSpec = z.looseObject({
  selector,
  targetRef: targetRef.nullish(),
  targetRefs: z.array(targetRef).nullish(),
  jwtRules: z.array(z.looseObject({ issuer: z.string() })).nullish(),
});
const object = z.looseObject({ apiVersion: z.string().nullish(), kind: z.string().nullish(), metadata, spec: z.unknown().optional() });

export interface UnreadablePolicy {
  kind: string;
  namespace?: string;
  name?: string;
  issues: string[];
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; unreadable: UnreadablePolicy };

function zodIssues(error: z.ZodError, prefix: string): string[] {
  return error.issues.map((i) => `${[prefix, ...i.path.map(String)].filter(Boolean).join('.')}: ${i.message}`);
}

/** Keys a schema does not know: kept as issues because ignoring a field can widen what a rule matches. */
function unknownKeys(value: object | null | undefined, schema: { shape: object }, path: string, issues: string[]): void {
  if (!value) return;
  for (const key of Object.keys(value)) {
    if (!(key in schema.shape)) issues.push(`${path}.${key} is not understood and was ignored`);
  }
}

const list = (v: string[] | null | undefined): string[] | undefined => (v && v.length > 0 ? v : undefined);

function portList(v: (string | number)[] | null | undefined, path: string, issues: string[]): number[] | undefined {
  if (!v || v.length === 0) return undefined;
  const out: number[] = [];
  for (const p of v) {
    const n = typeof p === 'number' ? p : /^\d+$/.test(p) ? Number(p) : NaN;
    if (Number.isInteger(n) && n >= 0 && n <= 65535) out.push(n);
    else issues.push(`${path}: "${p}" is not a port number and was dropped`);
  }
  return out;
}

function labelsOf(s: z.infer<typeof selector>): Record<string, string> | undefined {
  const labels = s?.matchLabels;
  return labels && Object.keys(labels).length > 0 ? labels : undefined;
}

function targetRefsOf(spec: { targetRef?: z.infer<typeof targetRef> | null; targetRefs?: z.infer<typeof targetRef>[] | null }, issues: string[]): PolicyTargetRef[] {
  if (spec.targetRef && spec.targetRefs?.length) issues.push('spec.targetRef and spec.targetRefs are both set; Istio accepts only one');
  const refs = [...(spec.targetRef ? [spec.targetRef] : []), ...(spec.targetRefs ?? [])];
  return refs.map((r) => ({ group: r.group ?? '', kind: r.kind, name: r.name, ...(r.namespace ? { namespace: r.namespace } : {}) }));
}

function sourceOf(s: z.infer<typeof source>, path: string, issues: string[]): AuthorizationSource {
  unknownKeys(s, source, path, issues);
  const out: AuthorizationSource = {};
  for (const key of Object.keys(source.shape) as (keyof typeof source.shape)[]) {
    const v = list(s[key]);
    if (v) out[key] = v;
  }
  return out;
}

function operationOf(o: z.infer<typeof operation>, path: string, issues: string[]): AuthorizationOperation {
  unknownKeys(o, operation, path, issues);
  const out: AuthorizationOperation = {};
  const p = portList(o.ports, `${path}.ports`, issues);
  const np = portList(o.notPorts, `${path}.notPorts`, issues);
  if (p) out.ports = p;
  if (np) out.notPorts = np;
  for (const key of ['hosts', 'notHosts', 'methods', 'notMethods', 'paths', 'notPaths'] as const) {
    const v = list(o[key]);
    if (v) out[key] = v;
  }
  return out;
}

function ruleOf(r: z.infer<typeof rule>, path: string, issues: string[]): AuthorizationRule {
  unknownKeys(r, rule, path, issues);
  const out: AuthorizationRule = {};
  if (r.from?.length) out.from = r.from.map((f, i) => sourceOf(f.source ?? {}, `${path}.from[${i}].source`, issues));
  if (r.to?.length) out.to = r.to.map((t, i) => operationOf(t.operation ?? {}, `${path}.to[${i}].operation`, issues));
  if (r.when?.length) {
    out.when = r.when.map((c): AuthorizationCondition => ({ key: c.key, ...(list(c.values) ? { values: c.values! } : {}), ...(list(c.notValues) ? { notValues: c.notValues! } : {}) }));
  }
  return out;
}

function header(raw: unknown, kind: string): { ok: true; meta: z.infer<typeof metadata>; spec: unknown; issues: string[] } | { ok: false; unreadable: UnreadablePolicy } {
  const top = object.safeParse(raw);
  if (!top.success) {
    const meta = (raw as { metadata?: { namespace?: unknown; name?: unknown } } | null)?.metadata;
    const named = typeof meta?.namespace === 'string' && typeof meta?.name === 'string' ? { namespace: meta.namespace, name: meta.name } : {};
    return { ok: false, unreadable: { kind, ...named, issues: zodIssues(top.error, '') } };
  }
  const issues: string[] = [];
  const { apiVersion } = top.data;
  if (apiVersion && !SECURITY_API_VERSIONS.includes(apiVersion)) issues.push(`apiVersion ${apiVersion} is not one Ambient Lens reads`);
  return { ok: true, meta: top.data.metadata, spec: top.data.spec ?? {}, issues };
}

export function parseAuthorizationPolicy(raw: unknown): Parsed<AuthorizationPolicy> {
  const h = header(raw, 'AuthorizationPolicy');
  if (!h.ok) return h;
  const { namespace, name } = h.meta;
  const spec = authorizationSpec.safeParse(h.spec);
  if (!spec.success) return { ok: false, unreadable: { kind: 'AuthorizationPolicy', namespace, name, issues: zodIssues(spec.error, 'spec') } };
  const s = spec.data;
  const issues = h.issues;
  unknownKeys(s, authorizationSpec, 'spec', issues);
  const action: AuthorizationAction = s.action ?? 'ALLOW';
  if (action === 'CUSTOM' && !s.provider) issues.push('a CUSTOM policy needs spec.provider.name');
  const labels = labelsOf(s.selector);
  const value: AuthorizationPolicy = {
    kind: 'AuthorizationPolicy',
    namespace,
    name,
    ...(labels ? { selector: labels } : {}),
    targetRefs: targetRefsOf(s, issues),
    action,
    ...(s.provider ? { provider: s.provider.name } : {}),
    rules: (s.rules ?? []).map((r, i) => ruleOf(r, `spec.rules[${i}]`, issues)),
    issues,
  };
  if (value.selector && value.targetRefs.length > 0) issues.push('spec.selector and spec.targetRefs are both set; Istio accepts only one');
  return { ok: true, value };
}

export function parsePeerAuthentication(raw: unknown): Parsed<PeerAuthentication> {
  const h = header(raw, 'PeerAuthentication');
  if (!h.ok) return h;
  const { namespace, name, creationTimestamp } = h.meta;
  const spec = peerSpec.safeParse(h.spec);
  if (!spec.success) return { ok: false, unreadable: { kind: 'PeerAuthentication', namespace, name, issues: zodIssues(spec.error, 'spec') } };
  const issues = h.issues;
  unknownKeys(spec.data, peerSpec, 'spec', issues);
  const portLevelMtls: Record<number, MtlsMode> = {};
  for (const [port, m] of Object.entries(spec.data.portLevelMtls ?? {})) {
    const n = /^\d+$/.test(port) ? Number(port) : NaN;
    if (n >= 1 && n <= 65535) portLevelMtls[n] = m.mode ?? 'UNSET';
    else issues.push(`spec.portLevelMtls: "${port}" is not a port number`);
  }
  const labels = labelsOf(spec.data.selector);
  return {
    ok: true,
    value: {
      kind: 'PeerAuthentication',
      namespace,
      name,
      ...(labels ? { selector: labels } : {}),
      mode: spec.data.mtls?.mode ?? 'UNSET',
      portLevelMtls,
      ...(creationTimestamp ? { createdAt: creationTimestamp } : {}),
      issues,
    },
  };
}

export function parseRequestAuthentication(raw: unknown): Parsed<RequestAuthentication> {
  const h = header(raw, 'RequestAuthentication');
  if (!h.ok) return h;
  const { namespace, name } = h.meta;
  const spec = requestSpec.safeParse(h.spec);
  if (!spec.success) return { ok: false, unreadable: { kind: 'RequestAuthentication', namespace, name, issues: zodIssues(spec.error, 'spec') } };
  const issues = h.issues;
  const labels = labelsOf(spec.data.selector);
  return {
    ok: true,
    value: {
      kind: 'RequestAuthentication',
      namespace,
      name,
      ...(labels ? { selector: labels } : {}),
      targetRefs: targetRefsOf(spec.data, issues),
      issuers: (spec.data.jwtRules ?? []).map((r) => r.issuer),
      issues,
    },
  };
}

export interface ParsedPolicies {
  authorizationPolicies: AuthorizationPolicy[];
  peerAuthentications: PeerAuthentication[];
  requestAuthentications: RequestAuthentication[];
  unreadable: UnreadablePolicy[];
}

/** Sorts a mixed list of security.istio.io objects by kind; other kinds are reported unreadable. */
export function parseSecurityPolicies(objects: readonly unknown[]): ParsedPolicies {
  const out: ParsedPolicies = { authorizationPolicies: [], peerAuthentications: [], requestAuthentications: [], unreadable: [] };
  for (const raw of objects) {
    const kind = (raw as { kind?: unknown } | null)?.kind;
    if (kind === 'AuthorizationPolicy') collect(parseAuthorizationPolicy(raw), out.authorizationPolicies, out.unreadable);
    else if (kind === 'PeerAuthentication') collect(parsePeerAuthentication(raw), out.peerAuthentications, out.unreadable);
    else if (kind === 'RequestAuthentication') collect(parseRequestAuthentication(raw), out.requestAuthentications, out.unreadable);
    else out.unreadable.push({ kind: typeof kind === 'string' ? kind : 'unknown', issues: ['not a security.istio.io policy kind'] });
  }
  return out;
}

function collect<T>(parsed: Parsed<T>, into: T[], unreadable: UnreadablePolicy[]): void {
  if (parsed.ok) into.push(parsed.value);
  else unreadable.push(parsed.unreadable);
}
