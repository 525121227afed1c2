// Flows -> legs: each pod-to-pod (or pod-to-outside) hop a flow takes, with who reports it.
// This is where the reporter rules live:
//   captured client -> source reporter (its node's ztunnel); captured server -> destination reporter;
//   sidecar client -> its own Envoy as source; sidecar server -> its own Envoy as destination
//   (a sidecar pod is never captured, so no ztunnel reports its end);
//   mTLS only when both ends speak it; waypoints split a flow into client->waypoint and
//   waypoint->backend hops, and refuse (403) what the policies attached to them deny, so only the
//   allowed share goes on to the backends; DENY at the server's ztunnel; CONNECT when the server's
//   ztunnel is down.

import type { FlowSpec } from '../scenarios/types';
import type { MeshPod, MeshService, MeshView, ZtunnelPod } from '../mesh/view';
import { nsName } from '../mesh/view';
import { peerOf, ztunnelVerdict } from '../mesh/policy';
import { waypointDecision } from '../mesh/waypoint-policy';

export type Flag = '-' | 'DENY' | 'CONNECT';
/** Envoy response flags a sidecar records: upstream connection failure / termination. */
export type EnvoyFlag = '-' | 'UF' | 'UC';

export interface Leg {
  flow: FlowSpec;
  /** Fraction of the flow's rates this hop carries. */
  share: number;
  client: MeshPod;
  /** undefined: an address outside the mesh's knowledge (external IP). */
  server: MeshPod | undefined;
  serverIp: string;
  serverPort: number;
  /** The service the client asked for (undefined for an external IP). */
  service: MeshService | undefined;
  mtls: boolean;
  /** Through a waypoint: 'to' = client -> waypoint, 'from' = waypoint -> backend. */
  waypointHop?: 'to' | 'from';
  /** The original client of a 'from' hop (the waypoint's L7 metrics name it). */
  originalClient?: MeshPod;
  /** On a 'to' hop: the share of the flow's requests the waypoint refused (403), and the DENY policy if one did. */
  waypointDenied?: { share: number; policy?: string };
  source?: { ztunnel: ZtunnelPod; flag: Flag };
  destination?: { ztunnel: ZtunnelPod; flag: Flag };
  /** The client's Envoy sidecar reports the hop (reporter="source"). */
  sidecarSource?: { pod: MeshPod; flag: EnvoyFlag };
  /** The server's Envoy sidecar reports the hop (reporter="destination"). */
  sidecarDestination?: { pod: MeshPod };
  /** Reason for a failed connection, as ztunnel's access log prints it. */
  error?: string;
}

function hbone(pod: MeshPod): boolean {
  return pod.captured || (pod.proxy !== undefined && pod.discovered);
}

function accepts(pod: MeshPod): boolean {
  return pod.captured || pod.proxy === 'waypoint';
}

/** Resolves every flow against the current mesh view. */
export function resolveLegs(view: MeshView, flows: FlowSpec[]): Leg[] {
  const legs: Leg[] = [];
  for (const flow of flows) {
    const clients = (view.workloads.get(nsName(flow.client.namespace, flow.client.workload)) ?? []).filter((p) => p.ready);
    for (const client of clients) {
      const share = 1 / clients.length;
      const t = flow.target;
      if (t.kind === 'external') {
        pushLeg(view, legs, { flow, share, client, server: undefined, serverIp: t.ip, serverPort: t.port, service: undefined });
        continue;
      }
      const service = view.services.get(nsName(t.namespace, t.name));
      if (!service || service.endpoints.length === 0) continue;
      const targetPort = service.ports.find((p) => p.port === t.port)?.targetPort ?? t.port;
      const waypoint = service.waypoint;
      if (waypoint && waypoint.pods.length > 0 && client.captured && client.proxy !== 'waypoint') {
        const atWaypoint = waypointDecision(view.policies, flow, client, service, waypoint, view.trustDomain.replace(/^spiffe:\/\//, ''));
        const allowed = 1 - atWaypoint.denied;
        for (const wp of waypoint.pods) {
          const wpShare = share / waypoint.pods.length;
          pushLeg(view, legs, { flow, share: wpShare, client, server: wp, serverIp: wp.ip, serverPort: t.port, service, waypointHop: 'to', ...(atWaypoint.denied > 0 ? { waypointDenied: { share: atWaypoint.denied, ...(atWaypoint.policy ? { policy: atWaypoint.policy } : {}) } } : {}) });
          if (allowed <= 0) continue;
          for (const ep of service.endpoints) {
            pushLeg(view, legs, { flow, share: (wpShare * allowed) / service.endpoints.length, client: wp, server: ep, serverIp: ep.ip, serverPort: targetPort, service, waypointHop: 'from', originalClient: client });
          }
        }
        continue;
      }
      for (const ep of service.endpoints) {
        pushLeg(view, legs, { flow, share: share / service.endpoints.length, client, server: ep, serverIp: ep.ip, serverPort: targetPort, service });
      }
    }
  }
  return legs;
}

type LegInput = Omit<Leg, 'mtls' | 'source' | 'destination' | 'sidecarSource' | 'sidecarDestination' | 'error'>;

/**
 * Istio mTLS on the hop. ztunnel (for a captured pod) and Envoy proxies (sidecars, waypoints,
 * gateways) speak it to captured pods and waypoints (HBONE); to a sidecar, any Envoy does, and a
 * ztunnel only when the sidecar terminates HBONE itself (the tunnel label). Both ends must be known
 * to istiod (discovered).
 */
function mtlsBetween(client: MeshPod, server: MeshPod | undefined, serverDown: boolean): boolean {
  if (!server || !client.discovered) return false;
  const envoyClient = client.sidecar || client.proxy !== undefined;
  if (server.sidecar) return envoyClient || (client.captured && server.nativeTunnel);
  return (hbone(client) || client.sidecar) && (accepts(server) || serverDown);
}

function pushLeg(view: MeshView, legs: Leg[], input: LegInput): void {
  const { client } = input;
  // A service istiod does not discover is unknown to ztunnel: it is just an IP.
  const server = input.server && input.server.discovered ? input.server : undefined;
  const clientZtunnel = view.ztunnels.get(client.node);
  // Redirected but its ztunnel is down: the pod's traffic goes nowhere and nothing reports it.
  if (client.redirected && !client.captured) return;
  const serverDown = server !== undefined && server.redirected && !server.captured;
  const leg: Leg = { ...input, server, mtls: mtlsBetween(client, server, serverDown) };
  const envoyClient = client.sidecar && client.discovered ? client : undefined;

  if (serverDown) {
    leg.error = 'connection failed: connection refused (os error 111)';
    if (client.captured && clientZtunnel) leg.source = { ztunnel: clientZtunnel, flag: 'CONNECT' };
    if (envoyClient) leg.sidecarSource = { pod: envoyClient, flag: 'UF' };
    if (leg.source || leg.sidecarSource) legs.push(leg);
    return;
  }
  const serverZtunnel = server?.captured ? view.ztunnels.get(server.node) : undefined;
  // The server's ztunnel sees the hop's client: the waypoint on a waypoint's 'from' hop.
  const verdict = server && serverZtunnel
    ? ztunnelVerdict(view.policies, view.peerAuthentications, { peer: peerOf(client.discovered ? client : undefined, client.ip, leg.mtls), serverIp: input.serverIp, port: input.serverPort }, leg.mtls, server, view.trustDomain.replace(/^spiffe:\/\//, ''))
    : undefined;
  const denied = verdict && !verdict.allowed;
  if (verdict && !verdict.allowed) leg.error = verdict.error;
  if (client.captured && clientZtunnel) leg.source = { ztunnel: clientZtunnel, flag: denied ? 'CONNECT' : '-' };
  if (serverZtunnel) leg.destination = { ztunnel: serverZtunnel, flag: denied ? 'DENY' : '-' };
  // The server's ztunnel rejecting the HBONE stream ends the client sidecar's upstream connection.
  if (envoyClient) leg.sidecarSource = { pod: envoyClient, flag: denied ? 'UC' : '-' };
  if (server?.sidecar) leg.sidecarDestination = { pod: server };
  if (leg.source || leg.destination || leg.sidecarSource || leg.sidecarDestination) legs.push(leg);
}
