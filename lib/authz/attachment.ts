// Which AuthorizationPolicies apply where. Targeted policies (a selector, or none: the namespace, or
// in the root namespace the mesh) are enforced for the selected pods by their own proxy: the
// destination ztunnel, or a sidecar. Attached policies (targetRefs) are enforced by the waypoint
// serving the target: a Service, a ServiceEntry, or the waypoint Gateway itself.
import { GATEWAY_GROUP, ISTIO_NETWORKING_GROUP, type AuthorizationPolicy, type PolicyTargetRef } from './model';
import type { MeshService, MeshWaypoint, MeshWorkload } from './input';
import { selects, type MeshIndex } from './mesh';

export type Scope = 'mesh' | 'namespace' | 'workload-selector' | 'target';

export function scopeOf(p: AuthorizationPolicy, rootNamespace: string): Scope {
  if (p.targetRefs.length > 0) return 'target';
  if (p.selector) return 'workload-selector';
  return p.namespace === rootNamespace ? 'mesh' : 'namespace';
}

/** Targeted policies applying to a workload; root-namespace policies apply in every namespace. */
export function targetedPolicies(index: MeshIndex, w: MeshWorkload): AuthorizationPolicy[] {
  const root = index.input.rootNamespace;
  const candidates = w.namespace === root ? index.authorizationPoliciesIn(root) : [...index.authorizationPoliciesIn(root), ...index.authorizationPoliciesIn(w.namespace)];
  return candidates.filter((p) => p.targetRefs.length === 0 && selects(p.selector, w.labels));
}

const SERVICE_GROUPS = new Set(['', 'core']);

export function refersTo(ref: PolicyTargetRef, policyNamespace: string, kind: 'Service' | 'ServiceEntry' | 'Gateway', namespace: string, name: string): boolean {
  if (ref.namespace && ref.namespace !== policyNamespace) return false;
  if (policyNamespace !== namespace || ref.kind !== kind || ref.name !== name) return false;
  if (kind === 'Gateway') return ref.group === GATEWAY_GROUP;
  if (kind === 'ServiceEntry') return ref.group === ISTIO_NETWORKING_GROUP;
  return SERVICE_GROUPS.has(ref.group);
}

const targets = (p: AuthorizationPolicy, kind: 'Service' | 'ServiceEntry' | 'Gateway', namespace: string, name: string) =>
  p.targetRefs.some((r) => refersTo(r, p.namespace, kind, namespace, name));

export function policiesTargetingService(index: MeshIndex, s: MeshService): AuthorizationPolicy[] {
  return index.authorizationPoliciesIn(s.namespace).filter((p) => targets(p, s.kind ?? 'Service', s.namespace, s.name));
}

export function policiesTargetingGateway(index: MeshIndex, namespace: string, name: string): AuthorizationPolicy[] {
  return index.authorizationPoliciesIn(namespace).filter((p) => targets(p, 'Gateway', namespace, name));
}

/** What a waypoint enforces for one connection: policies on the waypoint, and on the Service addressed. */
export function waypointPolicies(index: MeshIndex, waypoint: MeshWaypoint, service: MeshService | undefined): AuthorizationPolicy[] {
  const onGateway = policiesTargetingGateway(index, waypoint.namespace, waypoint.name);
  const onService = service ? policiesTargetingService(index, service) : [];
  return [...onGateway, ...onService.filter((p) => !onGateway.includes(p))];
}

/** The workloads a targeted policy (or a PeerAuthentication / RequestAuthentication) selects. */
export function selectedWorkloads(index: MeshIndex, p: { namespace: string; selector?: Record<string, string> }): MeshWorkload[] {
  const pool = p.namespace === index.input.rootNamespace ? index.input.workloads : index.workloadsIn(p.namespace);
  return pool.filter((w) => selects(p.selector, w.labels));
}

/** Names of the Services in front of some workloads (same namespace), for a targetRefs fix. */
export function servicesInFront(index: MeshIndex, workloads: MeshWorkload[]): string[] {
  return [...new Set(workloads.flatMap((w) => index.servicesOf(w).map((s) => s.name)))].sort();
}
