// Our own shapes of the security.istio.io policies (v1, v1beta1 served alike), reduced to what the
// evaluator and the findings need. parse.ts makes them from Kubernetes objects. Pure types.

export type AuthorizationAction = 'ALLOW' | 'DENY' | 'AUDIT' | 'CUSTOM';

/** spec.targetRefs[] (or the older spec.targetRef): what a waypoint-enforced policy attaches to. */
export interface PolicyTargetRef {
  /** "" for a Service, gateway.networking.k8s.io for a Gateway, networking.istio.io for a ServiceEntry. */
  group: string;
  kind: string;
  name: string;
  /** Must be the policy's own namespace when set; istiod ignores the reference otherwise. */
  namespace?: string;
}

/** rules[].from[].source. Every list is OR inside itself; the fields of one source are ANDed. */
export interface AuthorizationSource {
  /** Written without "spiffe://": cluster.local/ns/<ns>/sa/<sa>. "*", "prefix*" and "*suffix" allowed. */
  principals?: string[];
  notPrincipals?: string[];
  namespaces?: string[];
  notNamespaces?: string[];
  /** Newer Istio: "<ns>/<sa>", or "<sa>" in the policy's own namespace. */
  serviceAccounts?: string[];
  notServiceAccounts?: string[];
  ipBlocks?: string[];
  notIpBlocks?: string[];
  /** HTTP attribute: the original client address (X-Forwarded-For), only a proxy that parses HTTP sees it. */
  remoteIpBlocks?: string[];
  notRemoteIpBlocks?: string[];
  /** HTTP attribute: the JWT principal "<iss>/<sub>" checked by RequestAuthentication. */
  requestPrincipals?: string[];
  notRequestPrincipals?: string[];
}

/** rules[].to[].operation. Ports are L4; hosts, methods and paths are HTTP attributes. */
export interface AuthorizationOperation {
  ports?: number[];
  notPorts?: number[];
  hosts?: string[];
  notHosts?: string[];
  methods?: string[];
  notMethods?: string[];
  paths?: string[];
  notPaths?: string[];
}

/** rules[].when[]: a condition on a named attribute (source.ip, request.headers[x], ...). */
export interface AuthorizationCondition {
  key: string;
  values?: string[];
  notValues?: string[];
}

/** A rule matches when every present part matches: any source, any operation, all conditions. */
export interface AuthorizationRule {
  from?: AuthorizationSource[];
  to?: AuthorizationOperation[];
  when?: AuthorizationCondition[];
}

export interface AuthorizationPolicy {
  kind: 'AuthorizationPolicy';
  namespace: string;
  name: string;
  /** spec.selector.matchLabels; absent (or empty) means every workload of the namespace. */
  selector?: Record<string, string>;
  /** spec.targetRefs plus spec.targetRef: non-empty means the policy is for a waypoint, never ztunnel. */
  targetRefs: PolicyTargetRef[];
  /** Istio's default is ALLOW. */
  action: AuthorizationAction;
  /** spec.provider.name of a CUSTOM policy (an ext-authz provider). */
  provider?: string;
  /** No rules: the policy matches nothing (an ALLOW policy without rules therefore allows nothing). */
  rules: AuthorizationRule[];
  /** Things the parser could not take as written; the policy is still used. */
  issues: string[];
}

export type MtlsMode = 'STRICT' | 'PERMISSIVE' | 'DISABLE' | 'UNSET';

export interface PeerAuthentication {
  kind: 'PeerAuthentication';
  namespace: string;
  name: string;
  selector?: Record<string, string>;
  /** spec.mtls.mode; UNSET (or absent) inherits from the level above. */
  mode: MtlsMode;
  /** spec.portLevelMtls by port number. Not honoured for ambient pods. */
  portLevelMtls: Record<number, MtlsMode>;
  /** metadata.creationTimestamp: the oldest of two policies at one level wins. */
  createdAt?: string;
  issues: string[];
}

export interface RequestAuthentication {
  kind: 'RequestAuthentication';
  namespace: string;
  name: string;
  selector?: Record<string, string>;
  targetRefs: PolicyTargetRef[];
  /** jwtRules[].issuer */
  issuers: string[];
  issues: string[];
}

export type SecurityPolicy = AuthorizationPolicy | PeerAuthentication | RequestAuthentication;

/** "namespace/name" of a namespaced object. */
export function refOf(o: { namespace: string; name: string }): string {
  return `${o.namespace}/${o.name}`;
}

export const GATEWAY_GROUP = 'gateway.networking.k8s.io';
export const ISTIO_NETWORKING_GROUP = 'networking.istio.io';
