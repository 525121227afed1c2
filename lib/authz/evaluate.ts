// "Would this connection be allowed, by which policy, enforced where, seeing which identity?"
// Pure: the mesh and its policies come in as an AuthzInput; the answer lists every enforcement point
// in order, what each sees and decides, and the steps that led there.
import type { AuthzInput, MeshService, MeshWaypoint, MeshWorkload } from './input';
import { refOf } from './model';
import { meshIndex, type MeshIndex } from './mesh';
import type { HttpRequest } from './l7';
import type { ConnectionFacts, PeerFacts } from './match';
import { policiesTargetingGateway, policiesTargetingService } from './attachment';
import { clientBypassesWaypoint, serviceWaypoint, workloadWaypoint, type Client, type WaypointBinding } from './path';
import { asWritten } from './ztunnel';
import type { Deciding, Step } from './decide';
import type { EvaluateOptions } from './rules';
import { clientPeer, destinationPoint, noteUnenforced, waypointPoint, type Collector, type Conversion, type EnforcementPoint, type UnenforcedPolicy } from './points';

/** A workload of the mesh, or a plaintext client known by its address (its namespace is for display: policies cannot see it). */
export type AuthzSource = { kind: 'workload'; namespace: string; name: string } | { kind: 'plaintext'; namespace?: string; ip?: string };
/** A workload addressed directly, or a Service (optionally narrowed to one backend workload, e.g. for a graph edge). */
export type AuthzDestination =
  | { kind: 'workload'; namespace: string; name: string }
  | { kind: 'service'; namespace: string; name: string; serviceKind?: 'Service' | 'ServiceEntry'; backend?: string };

export interface AuthzQuery {
  source: AuthzSource;
  destination: AuthzDestination;
  /** The port the client connects to (the Service port when the destination is a Service). */
  port: number;
  /** The HTTP request, for rules a waypoint or sidecar evaluates; unknown attributes make the answer conditional. */
  request?: HttpRequest;
}

/**
 * allowed-unenforced: it gets through, and a policy written for this traffic is not enforced on its
 * path. conditional: the answer depends on request attributes not given, an external authorizer, or
 * which backend of a Service is picked.
 */
export type Decision = 'allowed' | 'denied' | 'allowed-unenforced' | 'conditional';

export interface Evaluation {
  ok: true;
  decision: Decision;
  /** Every enforcement point in order: the waypoint first, then one per destination workload. */
  path: EnforcementPoint[];
  /** What decided, and where: the denying policy, or the ALLOW policy that let it through. */
  deciding?: Deciding & { point: string };
  steps: Step[];
  unenforced: UnenforcedPolicy[];
  /** Policies on this path that ztunnel enforces in a converted form (HTTP attributes). */
  conversions: Conversion[];
}

export type EvaluationResult = Evaluation | { ok: false; error: string };

function resolveClient(index: MeshIndex, s: AuthzSource): Client | string {
  if (s.kind === 'plaintext') return { kind: 'plaintext', ...(s.ip ? { ip: s.ip } : {}), ...(s.namespace ? { namespace: s.namespace } : {}) };
  const workload = index.workload(s.namespace, s.name);
  if (!workload) return `source workload ${s.namespace}/${s.name} is not known`;
  return { kind: 'workload', workload, mesh: workload.ambient || workload.sidecar || workload.gateway !== undefined };
}

interface Target {
  service?: MeshService;
  backends: MeshWorkload[];
  binding: WaypointBinding;
  /** Pod port for a service port. */
  podPort: (port: number) => number;
}

function resolveTarget(index: MeshIndex, d: AuthzDestination): Target | string {
  if (d.kind === 'service') {
    const service = index.service(d.namespace, d.name, d.serviceKind);
    if (!service) return `destination ${d.serviceKind ?? 'Service'} ${d.namespace}/${d.name} is not known`;
    const podPort = (port: number) => service.ports.find((p) => p.port === port)?.targetPort ?? port;
    const all = index.backends(service);
    const backends = d.backend === undefined ? all : all.filter((w) => w.name === d.backend);
    if (d.backend !== undefined && backends.length === 0) return `workload ${d.namespace}/${d.backend} is not behind ${d.serviceKind ?? 'Service'} ${d.namespace}/${d.name}`;
    return { service, backends, binding: serviceWaypoint(index, service), podPort };
  }
  const workload = index.workload(d.namespace, d.name);
  if (!workload) return `destination workload ${d.namespace}/${d.name} is not known`;
  return { backends: [workload], binding: workloadWaypoint(index, workload), podPort: (port) => port };
}

function waypointPeer(index: MeshIndex, w: MeshWaypoint): PeerFacts {
  const ip = w.ips?.[0];
  return { principal: index.waypointPrincipal(w), namespace: w.namespace, ...(ip ? { ip } : {}) };
}

export function evaluate(input: AuthzInput, query: AuthzQuery, options: EvaluateOptions = {}): EvaluationResult {
  if (!Number.isInteger(query.port) || query.port < 1 || query.port > 65535) return { ok: false, error: `port ${query.port} is not a port number` };
  const index = meshIndex(input);
  const client = resolveClient(index, query.source);
  if (typeof client === 'string') return { ok: false, error: client };
  const target = resolveTarget(index, query.destination);
  if (typeof target === 'string') return { ok: false, error: target };
  const { service, binding, backends } = target;
  const c: Collector = { steps: [], unenforced: [], conversions: [] };
  const request = query.request;
  const peer = clientPeer(index, client);
  const clientFacts: ConnectionFacts = { peer, port: query.port };

  const bypass = binding.state === 'ok' ? clientBypassesWaypoint(client, service, index) : undefined;
  const waypoint = binding.state === 'ok' && !bypass ? binding.waypoint : undefined;
  c.steps.push({ point: 'path', check: 'path', outcome: 'note', text: bypass ? `${binding.reason}, but ${bypass}` : waypoint ? binding.reason : `no waypoint on the path: ${binding.reason}` });
  if (service && !service.ports.some((p) => p.port === query.port)) {
    c.steps.push({ point: 'path', check: 'path', outcome: 'note', text: `${service.kind ?? 'Service'} ${refOf(service)} does not expose port ${query.port}` });
  }

  const path: EnforcementPoint[] = [];
  if (waypoint) {
    path.push(waypointPoint(index, waypoint, service, clientFacts, request, options, c));
  } else {
    const why = bypass ?? binding.reason;
    const attached = [...(service ? policiesTargetingService(index, service) : []), ...gatewayPolicies(index, binding)];
    for (const p of attached) noteUnenforced(c, asWritten(p), `no waypoint enforces it (${why}); ztunnel sends the traffic straight to the pod`, clientFacts, request, options);
  }
  const atWaypoint = path[0];
  if (atWaypoint?.decision === 'deny') return finish(c, path, 'denied', atWaypoint);

  const destPeer = waypoint
    ? { facts: waypointPeer(index, waypoint), who: 'waypoint' as const, mtls: true }
    : { facts: peer, who: 'client' as const, mtls: client.kind === 'workload' && client.mesh };
  const outcomes: { decision: EnforcementPoint['decision']; point?: EnforcementPoint }[] = [];
  for (const backend of backends) {
    const point = destinationPoint(index, backend, destPeer, target.podPort(query.port), request, options, c);
    if (point) path.push(point);
    outcomes.push({ decision: point?.decision ?? 'allow', ...(point ? { point } : {}) });
  }
  if (backends.length === 0) c.steps.push({ point: 'path', check: 'path', outcome: 'note', text: 'no destination workload is known behind this Service' });

  const denied = outcomes.filter((o) => o.decision === 'deny');
  if (outcomes.length > 0 && denied.length === outcomes.length) return finish(c, path, 'denied', denied[0]?.point);
  if (denied.length > 0) {
    c.steps.push({ point: 'path', check: 'result', outcome: 'conditional', text: `denied by ${denied.length} of ${outcomes.length} destination workloads: the answer depends on which one the connection reaches` });
    return finish(c, path, 'conditional');
  }
  if (atWaypoint?.decision === 'conditional' || outcomes.some((o) => o.decision === 'conditional')) return finish(c, path, 'conditional');
  const allowedBy = [...path].reverse().find((p) => p.deciding?.reason === 'allow-policy') ?? path[path.length - 1];
  return finish(c, path, c.unenforced.length > 0 ? 'allowed-unenforced' : 'allowed', allowedBy);
}

function gatewayPolicies(index: MeshIndex, binding: WaypointBinding) {
  const [ns, name] = binding.ref?.split('/') ?? [];
  return ns && name ? policiesTargetingGateway(index, ns, name) : [];
}

function finish(c: Collector, path: EnforcementPoint[], decision: Decision, by?: EnforcementPoint): Evaluation {
  const deciding = by?.deciding ? { ...by.deciding, point: by.label } : undefined;
  const text: Record<Decision, string> = {
    allowed: 'allowed',
    denied: `denied${deciding ? ` at ${deciding.point}` : ''}`,
    'allowed-unenforced': `allowed, but ${c.unenforced.map((u) => u.policy).join(', ')} ${c.unenforced.length > 1 ? 'are' : 'is'} not enforced on this path`,
    conditional: 'it depends: see the steps marked "maybe"',
  };
  c.steps.push({ point: 'path', check: 'result', outcome: decision === 'denied' ? 'deny' : decision === 'conditional' ? 'conditional' : 'allow', text: text[decision] });
  return { ok: true, decision, path, ...(deciding ? { deciding } : {}), steps: c.steps, unenforced: c.unenforced, conversions: c.conversions };
}
