import 'server-only';
import { evaluate, lint, meshIndex, serviceWaypoint, type AuthzDestination, type AuthzInput, type AuthzQuery, type Finding, type ObservedEdge } from '@/lib/authz';
import { badRequest } from '@/lib/errors';
import { expectedError } from './errors';
import type { MeshGraph } from '@/lib/graph/model';
import { GraphParams } from '@/lib/graph/query';
import { MAX_NAMESPACES } from '@/lib/graph/request';
import { observedEdges } from './authz-observed';
import { policyRows, redactEvaluation, visibleFindings } from '@/lib/kube/authz-views';
import type { KubeLayer } from '@/lib/kube/layer';
import type { Access } from '@/lib/kube/views';
import type { AuthzCheckParams, AuthzCheckResponse, AuthzPoliciesResponse } from '@/lib/kube/wire/authz';
import type { Deps } from './deps';

// The authorization explainer over the warm cache: "can A reach B?", the policies with their
// enforcement points and findings, and ztunnel's view beside the cluster's. Shared by the routes
// and the CLI (access undefined: everything).

type KubeServices = Pick<Deps, 'kube'>;
type AuthzServices = Pick<Deps, 'kube' | 'graph'>;

/** What the lint could compare with observed traffic (the last 10 minutes of the workload graph). */
export type ObservedTraffic = { ok: true; edges: ObservedEdge[] } | { ok: false; message: string };

/**
 * The observed edges of the namespaces given (default: every namespace with workloads), read as a
 * workload graph with waypoints merged, in chunks the graph query accepts. Metrics failing is no
 * error: the findings from the policies still stand, and the caller says traffic was not checked.
 */
export async function observedTraffic(services: Pick<Deps, 'graph'>, input: AuthzInput, namespaces?: string[]): Promise<ObservedTraffic> {
  const names = namespaces && namespaces.length > 0 ? [...namespaces].sort() : [...new Set(input.workloads.map((w) => w.namespace))].sort();
  const merged: MeshGraph['edges'] = [];
  const nodes = new Map<string, MeshGraph['nodes'][number]>();
  const seen = new Set<string>();
  try {
    for (let i = 0; i < names.length; i += MAX_NAMESPACES) {
      const graph = await services.graph(GraphParams.parse({ namespaces: names.slice(i, i + MAX_NAMESPACES).join(','), waypoints: 'merge' }));
      for (const n of graph.nodes) nodes.set(n.id, n);
      for (const e of graph.edges.filter((x) => !seen.has(x.id))) {
        seen.add(e.id);
        merged.push(e);
      }
    }
  } catch (err) {
    const known = expectedError(err);
    if (!known) throw err;
    return { ok: false, message: `traffic not checked: ${known.message}` };
  }
  if (names.length === 0) return { ok: true, edges: [] };
  const graph: MeshGraph = { graphType: 'workload', namespaces: names, window: { duration: 600, queryTime: 0 }, nodes: [...nodes.values()], edges: merged, warnings: [] };
  return { ok: true, edges: observedEdges(graph, input) };
}

const installed = (kube: KubeLayer) => kube.resourceStates().authorizationpolicies.status !== 'missing';

/** The port a client dials when none is given: the Service's first port (or the workload's Service's). */
function defaultPort(input: AuthzInput, destination: AuthzDestination): number | undefined {
  const index = meshIndex(input);
  const what = `${destination.kind} ${destination.namespace}/${destination.name}`;
  if (destination.kind === 'service') {
    const service = index.service(destination.namespace, destination.name, destination.serviceKind);
    if (!service) throw badRequest(destination.backend ? 'service' : 'to', `${what} is not known`);
    return service.ports[0]?.port;
  }
  const w = index.workload(destination.namespace, destination.name);
  if (!w) throw badRequest('to', `${what} is not known`);
  return index.servicesOf(w)[0]?.ports[0]?.port;
}

/**
 * A workload reached through a Service: the one named, or with addressed=service the Service in
 * front of it (one with a waypoint first, as that is the path traffic takes).
 */
function addressedDestination(input: AuthzInput, params: AuthzCheckParams): AuthzDestination {
  const to = params.to;
  if (to.kind !== 'workload') return to;
  if (params.service) return { kind: 'service', namespace: to.namespace, name: params.service, backend: to.name };
  if (params.addressed !== 'service') return to;
  const index = meshIndex(input);
  const w = index.workload(to.namespace, to.name);
  const services = w ? index.servicesOf(w) : [];
  const chosen = services.find((s) => serviceWaypoint(index, s).state === 'ok') ?? services[0];
  return chosen ? { kind: 'service', namespace: to.namespace, name: chosen.name, backend: to.name } : to;
}

/** Namespaces a check names: the user must see both ends (403 otherwise). */
export function checkNamespaces(params: AuthzCheckParams): string[] {
  return [...new Set([params.from.namespace, params.to.namespace].filter((n): n is string => !!n))];
}

export async function getAuthzCheck(services: KubeServices, params: AuthzCheckParams, access: Access): Promise<AuthzCheckResponse> {
  const kube = services.kube();
  const input = await kube.authzInput();
  const destination = addressedDestination(input, params);
  const port = params.port ?? defaultPort(input, destination);
  if (port === undefined) throw badRequest('port', 'required: the destination has no Service port to default to');
  const request = params.method || params.path ? { ...(params.method ? { method: params.method } : {}), ...(params.path ? { path: params.path } : {}) } : undefined;
  const query: AuthzQuery = { source: params.from, destination, port, ...(request ? { request } : {}) };
  const result = evaluate(input, query);
  if (!result.ok) throw badRequest(/source/.test(result.error) ? 'from' : /port/.test(result.error) ? 'port' : 'to', result.error);
  return {
    generatedAt: new Date().toISOString(),
    source: params.from,
    destination,
    port,
    ...(request ? { request } : {}),
    evaluation: redactEvaluation(result, input, access),
    policiesInstalled: installed(kube),
  };
}

/** Every finding of the mesh (or of some namespaces), unfiltered by user: the CLI's lint, with what observed traffic showed. */
export async function lintMesh(services: AuthzServices, namespaces?: string[]): Promise<{ findings: Finding[]; traffic: ObservedTraffic }> {
  const input = await services.kube().authzInput();
  const traffic = await observedTraffic(services, input, namespaces);
  return { findings: lint(input, traffic.ok ? traffic.edges : [], namespaces && namespaces.length > 0 ? { namespaces } : {}), traffic };
}

export async function getAuthzPolicies(services: AuthzServices, access: Access, namespace?: string): Promise<AuthzPoliciesResponse> {
  const kube = services.kube();
  const input = await kube.authzInput();
  const [traffic, ztunnel] = await Promise.all([
    observedTraffic(services, input),
    kube.ztunnelView(access).then(
      (view) => ({ ok: true as const, view }),
      (err: unknown) => ({ ok: false as const, message: err instanceof Error ? err.message : String(err) }),
    ),
  ]);
  const findingsAll = lint(input, traffic.ok ? traffic.edges : []);
  const findings = visibleFindings(findingsAll, input, access).filter((f) => !namespace || (f.object.namespace ?? f.object.name) === namespace);
  const failing = ztunnel.ok ? ztunnel.view.ztunnels.filter((z) => !z.ok) : [];
  const held = ztunnel.ok && failing.length < ztunnel.view.ztunnels.length ? ztunnel.view.policies : undefined;
  const rows = policyRows({ input, findings, held, access, ...(namespace ? { namespace } : {}) });
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity] += 1;
  return {
    generatedAt: new Date().toISOString(),
    policiesInstalled: installed(kube),
    rootNamespace: input.rootNamespace,
    authorizationPolicies: rows.authorizationPolicies,
    peerAuthentications: rows.peerAuthentications,
    findings,
    counts,
    ztunnel: rows.diff
      ? { ok: true, diff: rows.diff }
      : { ok: false, message: ztunnel.ok ? 'no ztunnel answered its config_dump' : ztunnel.message },
    traffic: traffic.ok ? { ok: true, edges: traffic.edges.length } : { ok: false, message: traffic.message },
  };
}
