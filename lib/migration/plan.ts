import type { Enrollment } from '@/lib/graph/model';
import type { AuthorizationPolicy } from '@/lib/authz';
import { httpAttributesOfRule } from '@/lib/authz/l7';
import type { MigrationPlan, PlanItem } from '@/lib/kube/wire/migration';

export type { ItemKind, MigrationPlan, MigrationResponse, ObjectRef, PlanItem } from '@/lib/kube/wire/migration';

// What would change if a namespace moved from sidecars to ambient (Istio's "Migrate from Sidecar
// to Ambient" guide, checked against this namespace's objects and traffic). Pure: the caller
// gathers inventory, policies, routes and graph edges; this says what to change, object by object.

export interface PlanWorkload { namespace: string; name: string; enrollment: Enrollment; labels: Record<string, string>; serviceAccount?: string }
export interface PlanRoute { kind: 'VirtualService' | 'HTTPRoute'; namespace: string; name: string; /** Hosts (VirtualService) or parent Services (HTTPRoute), as written. */ targets: string[] }
export interface PlanEdgePeer { namespace: string; name: string; enrollment: Enrollment }
export interface PlanEdge { source: PlanEdgePeer; target: PlanEdgePeer; protocol: 'tcp' | 'http' | 'grpc' }

export interface MigrationInput {
  namespace: string;
  trustDomain: string;
  rootNamespace: string;
  /** Labels of the namespace (istio-injection, istio.io/rev, istio.io/dataplane-mode, istio.io/use-waypoint). */
  namespaceLabels: Record<string, string>;
  /** Service names of the namespace, to tell which routes send traffic to it. */
  services: string[];
  workloads: PlanWorkload[];
  authorizationPolicies: AuthorizationPolicy[];
  routes: PlanRoute[];
  edges: PlanEdge[];
}

function selects(p: AuthorizationPolicy, w: PlanWorkload, rootNamespace: string): boolean {
  if (p.targetRefs.length > 0) return false;
  if (p.namespace !== w.namespace && p.namespace !== rootNamespace) return false;
  return Object.entries(p.selector ?? {}).every(([k, v]) => w.labels[k] === v);
}

const hasPeerRules = (p: AuthorizationPolicy) => p.rules.some((r) => (r.from ?? []).some((f) => (f.principals?.length ?? 0) + (f.namespaces?.length ?? 0) + (f.notPrincipals?.length ?? 0) + (f.notNamespaces?.length ?? 0) > 0));

const routesHere = (r: PlanRoute, ns: string, services: string[]) =>
  r.namespace === ns || r.targets.some((t) => services.some((s) => t === s || t.startsWith(`${s}.${ns}`)));

function stateOf(c: MigrationPlan['counts']): MigrationPlan['state'] {
  const kinds = [c.sidecar > 0, c.ambient > 0].filter(Boolean).length;
  if (kinds === 2) return 'mixed';
  if (c.sidecar > 0) return 'sidecar';
  if (c.ambient > 0) return 'ambient';
  return 'none';
}

export function planMigration(input: MigrationInput): MigrationPlan {
  const ns = input.namespace;
  const mine = input.workloads.filter((w) => w.namespace === ns);
  const counts = { sidecar: 0, ambient: 0, none: 0 };
  for (const w of mine) {
    if (w.enrollment === 'sidecar') counts.sidecar++;
    else if (w.enrollment === 'ambient') counts.ambient++;
    else counts.none++;
  }
  const state = stateOf(counts);
  const sidecars = mine.filter((w) => w.enrollment === 'sidecar');
  const items: PlanItem[] = [];
  const waypointName = input.namespaceLabels['istio.io/use-waypoint'] ?? 'waypoint';
  const waypointPrincipal = `spiffe://${input.trustDomain}/ns/${ns}/sa/${waypointName}`;

  const policies = input.authorizationPolicies.filter((p) => sidecars.some((w) => selects(p, w, input.rootNamespace)));
  const l7 = policies.filter((p) => p.action === 'CUSTOM' || p.rules.some((r) => httpAttributesOfRule(r).length > 0));
  for (const p of l7) {
    const attributes = [...new Set(p.rules.flatMap((r) => httpAttributesOfRule(r)))];
    items.push({
      kind: 'l7-policy', severity: 'blocker', object: { kind: 'AuthorizationPolicy', namespace: p.namespace, name: p.name },
      message: p.action === 'CUSTOM'
        ? 'CUSTOM (ext-authz) policy on these pods: ztunnel does not enforce CUSTOM'
        : `selects pods of ${ns} with L7 rules (${attributes.join(', ')}): ztunnel would drop those rules`,
      change: `Deploy a waypoint for ${ns} and rewrite this policy with targetRefs (the Service, or the waypoint Gateway ${ns}/${waypointName}) instead of a selector`,
    });
  }
  const routes = input.routes.filter((r) => routesHere(r, ns, input.services));
  for (const r of routes) {
    items.push({
      kind: 'http-routing', severity: 'blocker', object: { kind: r.kind, namespace: r.namespace, name: r.name },
      message: `HTTP routing to ${ns} today (${r.targets.join(', ') || 'no hosts'}): without a waypoint, ambient forwards at L4 and this routing stops`,
      change: r.kind === 'VirtualService'
        ? `Deploy a waypoint for ${ns} and move this VirtualService to an HTTPRoute with parentRefs to the Service (VirtualService is alpha in ambient)`
        : `Deploy a waypoint for ${ns} (label the Service or namespace istio.io/use-waypoint); the HTTPRoute keeps working through it`,
    });
  }
  const needsWaypoint = l7.length > 0 || routes.length > 0 || input.namespaceLabels['istio.io/use-waypoint'] !== undefined;
  if (needsWaypoint) {
    for (const p of policies.filter((x) => !l7.includes(x) && hasPeerRules(x))) {
      items.push({
        kind: 'l4-policy', severity: 'blocker', object: { kind: 'AuthorizationPolicy', namespace: p.namespace, name: p.name },
        message: `L4 policy on pods that will sit behind the waypoint: ztunnel will see the waypoint's identity (${waypointPrincipal}), not the client's`,
        change: `Add ${waypointPrincipal} to its from.principals, and move the client checks to a targetRefs policy on the waypoint`,
      });
    }
  }

  // One item per peer: a workload that both calls the namespace and is called by it is listed once.
  const peers = new Map<string, { peer: (typeof input.edges)[number]['source']; calls: boolean; called: boolean }>();
  for (const e of input.edges) {
    const out = e.source.namespace === ns && e.target.namespace !== ns;
    const into = e.target.namespace === ns && e.source.namespace !== ns;
    if (!out && !into) continue;
    const peer = out ? e.target : e.source;
    const key = `${peer.namespace}/${peer.name}`;
    const seen = peers.get(key) ?? { peer, calls: false, called: false };
    if (into) seen.calls = true;
    else seen.called = true;
    peers.set(key, seen);
  }
  const peerItems = [...peers.values()].map(({ peer, calls, called }): PlanItem => {
    const where = peer.enrollment === 'ambient' ? 'already ambient' : peer.enrollment === 'sidecar' ? 'on a sidecar: keeps mTLS with ambient pods' : 'outside the mesh: plaintext both before and after';
    const how = calls && called ? `calls ${ns} and is called by it` : calls ? `calls ${ns}` : `is called by ${ns}`;
    return { kind: calls ? 'caller' : 'callee', severity: 'info', object: { kind: 'Workload', namespace: peer.namespace, name: peer.name }, message: `${how}; ${where}` };
  });
  items.push(...peerItems.sort((a, b) => (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)));

  if (sidecars.length > 0) {
    const deployments = [...new Set(sidecars.map((w) => w.name))].sort();
    items.push({
      kind: 'switch', severity: 'change', object: { kind: 'Namespace', namespace: ns, name: ns },
      message: `${sidecars.length} workload(s) still run a sidecar`,
      change: `kubectl label namespace ${ns} istio.io/dataplane-mode=ambient istio-injection- istio.io/rev-; then restart ${deployments.join(', ')} (kubectl rollout restart) so they come back without a sidecar`,
    });
  }
  return { namespace: ns, counts, state, needsWaypoint, items, blocked: items.some((i) => i.severity === 'blocker') };
}
