// Wire shapes and parameters of GET /api/authz/check and /api/authz/policies, shared by the routes,
// the CLI and the browser. Pure (zod and lib/authz types only).
import { z } from 'zod';
import type { AuthzDestination, AuthzSource, Evaluation, Finding, ZtunnelPolicyDiff } from '@/lib/authz';
import { dnsLabel, objectName } from './names';

/** `NS/WORKLOAD`, or `plaintext:NS` for a client outside the mesh (it has no identity policies can see). */
export function parseAuthzSource(text: string): AuthzSource | string {
  const plain = /^plaintext:(.*)$/.exec(text);
  if (plain) {
    const ns = dnsLabel.safeParse(plain[1]);
    return ns.success ? { kind: 'plaintext', namespace: ns.data } : 'plaintext:NS needs a namespace name';
  }
  const [namespace, name, ...rest] = text.split('/');
  if (rest.length > 0 || !dnsLabel.safeParse(namespace).success || !objectName.safeParse(name).success) return 'must be NS/WORKLOAD or plaintext:NS';
  return { kind: 'workload', namespace: namespace as string, name: name as string };
}

/** `NS/WORKLOAD`, or `NS/service:NAME` for a connection addressed to a Service. */
export function parseAuthzDestination(text: string): AuthzDestination | string {
  const [namespace, rest, ...more] = text.split('/');
  const bad = 'must be NS/WORKLOAD or NS/service:NAME';
  if (more.length > 0 || !dnsLabel.safeParse(namespace).success || rest === undefined) return bad;
  const service = /^service:(.*)$/.exec(rest);
  const name = service ? service[1] : rest;
  if (!dnsLabel.safeParse(name).success && !objectName.safeParse(name).success) return bad;
  return service ? { kind: 'service', namespace: namespace as string, name: name as string } : { kind: 'workload', namespace: namespace as string, name: name as string };
}

const endpoint = <T>(parse: (s: string) => T | string) =>
  z.string().transform((s, ctx) => {
    const parsed = parse(s);
    if (typeof parsed === 'string') {
      ctx.addIssue({ code: 'custom', message: parsed });
      return z.NEVER;
    }
    return parsed;
  });

export const AuthzCheckParams = z
  .object({
    from: endpoint(parseAuthzSource),
    to: endpoint(parseAuthzDestination),
    /** The port the client dials; defaults to the Service's (or the workload's Service's) first port. */
    port: z.coerce.number().int('must be a port number').min(1, 'must be a port number').max(65535, 'must be a port number').optional(),
    /** With a workload destination: the Service (same namespace) the client addressed, as a graph edge knows it. */
    service: dnsLabel.optional(),
    /** With a workload destination and no service: `service` picks the Service in front of it (a graph edge between workloads). */
    addressed: z.enum(['service', 'workload']).optional(),
    /** The HTTP request, for the rules a waypoint (or sidecar) evaluates: its method ... */
    method: z.string().max(16).regex(/^[A-Z]+$/, 'must be an HTTP method in capitals (GET, POST...)').optional(),
    /** ... and its path. Without them, an answer that depends on them is "conditional". */
    path: z.string().max(1000).regex(/^\/[^\s]*$/, 'must be a path starting with /').optional(),
  })
  .strict();
export type AuthzCheckParams = z.output<typeof AuthzCheckParams>;

export const AuthzPoliciesParams = z.object({ namespace: dnsLabel.optional() }).strict();
export type AuthzPoliciesParams = z.output<typeof AuthzPoliciesParams>;

export interface AuthzCheckResponse {
  generatedAt: string;
  /** The connection asked about, with the port resolved. */
  source: AuthzSource;
  destination: AuthzDestination;
  port: number;
  /** The HTTP request asked about, when given. */
  request?: { method?: string; path?: string };
  /** Enforcement points, policies and identities in namespaces the user cannot see are redacted. */
  evaluation: Evaluation;
  /** False when the cluster serves no security.istio.io policies (the CRDs are not installed). */
  policiesInstalled: boolean;
}

/** Where an AuthorizationPolicy is enforced: by waypoints (attached), the pods' ztunnels or sidecars (targeted), or nowhere. */
export interface PolicyEnforcement {
  kind: 'waypoint' | 'ztunnel' | 'sidecar' | 'none';
  /** "waypoint ns/name", "ztunnel", "sidecar": one per place it is enforced. */
  label: string;
}

/** What ztunnel holds of a policy compared with what the cluster says it should. */
export type ZtunnelAgreement = 'held' | 'missing' | 'differs' | 'not-for-ztunnel' | 'unknown';

export interface AuthorizationPolicyRow {
  namespace: string;
  name: string;
  action: string;
  scope: 'mesh' | 'namespace' | 'workload-selector' | 'target';
  /** Selector labels, or the targetRefs as "Kind ns/name". */
  selector?: Record<string, string>;
  targets: string[];
  /** "namespace/name" of the workloads it selects (targeted policies). */
  selects: string[];
  enforcedBy: PolicyEnforcement[];
  rules: number;
  ztunnel: ZtunnelAgreement;
  findings: Finding[];
}

export interface PeerAuthenticationRow {
  namespace: string;
  name: string;
  mode: string;
  level: 'mesh' | 'namespace' | 'workload';
  selector?: Record<string, string>;
  selects: string[];
  portLevel: boolean;
  findings: Finding[];
}

export interface AuthzPoliciesResponse {
  generatedAt: string;
  policiesInstalled: boolean;
  rootNamespace: string;
  authorizationPolicies: AuthorizationPolicyRow[];
  peerAuthentications: PeerAuthenticationRow[];
  /** Every finding of the visible namespaces (including those on namespaces and workloads). */
  findings: Finding[];
  counts: { error: number; warning: number; info: number };
  /** The cluster's view against the policies each ztunnel holds (config_dump). */
  ztunnel: { ok: true; diff: ZtunnelPolicyDiff } | { ok: false; message: string };
  /** Observed traffic the findings were checked against (AUTHZ030-032): edges read, or why not. */
  traffic: { ok: true; edges: number } | { ok: false; message: string };
}
