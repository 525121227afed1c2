// Constant-time look-ups over an AuthzInput, built once per input and shared by the evaluator and
// the findings.
import type { AuthzInput, MeshNamespace, MeshService, MeshWaypoint, MeshWorkload } from './input';
import type { AuthorizationPolicy, PeerAuthentication } from './model';

/** An identity as policies write it: "<trust domain>/ns/<namespace>/sa/<service account>". */
export function principalOf(trustDomain: string, namespace: string, serviceAccount: string): string {
  return `${trustDomain}/ns/${namespace}/sa/${serviceAccount}`;
}

export function spiffeOf(principal: string): string {
  return `spiffe://${principal}`;
}

/** matchLabels semantics: every label present with the same value. No selector selects everything. */
export function selects(selector: Record<string, string> | undefined, labels: Record<string, string>): boolean {
  if (!selector) return true;
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}

export interface MeshIndex {
  input: AuthzInput;
  namespace(name: string): MeshNamespace | undefined;
  workload(namespace: string, name: string): MeshWorkload | undefined;
  workloadsIn(namespace: string): MeshWorkload[];
  service(namespace: string, name: string, kind?: MeshService['kind']): MeshService | undefined;
  waypoint(namespace: string, name: string): MeshWaypoint | undefined;
  /** The workloads a Service's selector picks, in its namespace. */
  backends(service: MeshService): MeshWorkload[];
  /** The Services whose selector picks this workload. */
  servicesOf(workload: MeshWorkload): MeshService[];
  workloadPrincipal(w: MeshWorkload): string;
  waypointPrincipal(w: MeshWaypoint): string;
  /** Every identity in the mesh: workloads' and waypoints'. */
  principals: ReadonlySet<string>;
  authorizationPoliciesIn(namespace: string): AuthorizationPolicy[];
  peerAuthenticationsIn(namespace: string): PeerAuthentication[];
}

function byNamespaceOf<T extends { namespace: string }>(items: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const list = out.get(item.namespace) ?? [];
    list.push(item);
    out.set(item.namespace, list);
  }
  return out;
}

const key = (namespace: string, name: string) => `${namespace}/${name}`;
const cache = new WeakMap<AuthzInput, MeshIndex>();

export function meshIndex(input: AuthzInput): MeshIndex {
  const hit = cache.get(input);
  if (hit) return hit;
  const namespaces = new Map(input.namespaces.map((n) => [n.name, n]));
  const workloads = new Map(input.workloads.map((w) => [key(w.namespace, w.name), w]));
  const byNamespace = byNamespaceOf(input.workloads);
  const authorizationPolicies = byNamespaceOf(input.authorizationPolicies);
  const peerAuthentications = byNamespaceOf(input.peerAuthentications);
  const services = new Map(input.services.map((s) => [`${s.kind ?? 'Service'}:${key(s.namespace, s.name)}`, s]));
  const waypoints = new Map(input.waypoints.map((w) => [key(w.namespace, w.name), w]));
  const backends = new Map<MeshService, MeshWorkload[]>();
  const servicesOf = new Map<MeshWorkload, MeshService[]>();
  for (const s of input.services) {
    const picked = s.selector ? (byNamespace.get(s.namespace) ?? []).filter((w) => selects(s.selector, w.labels)) : [];
    backends.set(s, picked);
    for (const w of picked) servicesOf.set(w, [...(servicesOf.get(w) ?? []), s]);
  }
  const workloadPrincipal = (w: MeshWorkload) => principalOf(w.trustDomain ?? input.trustDomain, w.namespace, w.serviceAccount);
  const waypointPrincipal = (w: MeshWaypoint) => principalOf(w.trustDomain ?? input.trustDomain, w.namespace, w.serviceAccount ?? w.name);
  const principals = new Set([...input.workloads.map(workloadPrincipal), ...input.waypoints.map(waypointPrincipal)]);
  const index: MeshIndex = {
    input,
    namespace: (name) => namespaces.get(name),
    workload: (namespace, name) => workloads.get(key(namespace, name)),
    workloadsIn: (namespace) => byNamespace.get(namespace) ?? [],
    service: (namespace, name, kind = 'Service') => services.get(`${kind}:${key(namespace, name)}`),
    waypoint: (namespace, name) => waypoints.get(key(namespace, name)),
    backends: (s) => backends.get(s) ?? [],
    servicesOf: (w) => servicesOf.get(w) ?? [],
    workloadPrincipal,
    waypointPrincipal,
    principals,
    authorizationPoliciesIn: (namespace) => authorizationPolicies.get(namespace) ?? [],
    peerAuthenticationsIn: (namespace) => peerAuthentications.get(namespace) ?? [],
  };
  cache.set(input, index);
  return index;
}
