import 'server-only';
import { evaluate, lint, meshIndex, serviceWaypoint, type AuthzDestination, type AuthzInput, type AuthzQuery, type Finding } from '@/lib/authz';
import { badRequest } from '@/lib/errors';
import { policyRows, redactEvaluation, visibleFindings } from '@/lib/kube/authz-views';
import type { KubeLayer } from '@/lib/kube/layer';
import type { Access } from '@/lib/kube/views';
import type { AuthzCheckParams, AuthzCheckResponse, AuthzPoliciesResponse } from '@/lib/kube/wire/authz';
import type { Deps } from './deps';

// The authorization explainer over the warm cache: "can A reach B?", the policies with their
// enforcement points and findings, and ztunnel's view beside the cluster's. Shared by the routes
// and the CLI (access undefined: everything).

type KubeServices = Pick<Deps, 'kube'>;

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
  const query: AuthzQuery = { source: params.from, destination, port };
  const result = evaluate(input, query);
  if (!result.ok) throw badRequest(/source/.test(result.error) ? 'from' : /port/.test(result.error) ? 'port' : 'to', result.error);
  return {
    generatedAt: new Date().toISOString(),
    source: params.from,
    destination,
    port,
    evaluation: redactEvaluation(result, input, access),
    policiesInstalled: installed(kube),
  };
}

/** Every finding of the mesh (or of some namespaces), unfiltered by user: the CLI's lint. */
export async function lintMesh(services: KubeServices, namespaces?: string[]): Promise<Finding[]> {
  const input = await services.kube().authzInput();
  return lint(input, [], namespaces && namespaces.length > 0 ? { namespaces } : {});
}

export async function getAuthzPolicies(services: KubeServices, access: Access, namespace?: string): Promise<AuthzPoliciesResponse> {
  const kube = services.kube();
  const input = await kube.authzInput();
  const [findingsAll, ztunnel] = await Promise.all([
    Promise.resolve(lint(input)),
    kube.ztunnelView(access).then(
      (view) => ({ ok: true as const, view }),
      (err: unknown) => ({ ok: false as const, message: err instanceof Error ? err.message : String(err) }),
    ),
  ]);
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
  };
}
