// Legs -> the series an Envoy sidecar's /stats/prometheus carries for them, as Istio's stats filter
// emits them: istio_requests_total and istio_request_duration_milliseconds for an HTTP or gRPC hop,
// istio_tcp_* for a TCP hop (never both). reporter="source" from the client's sidecar,
// "destination" from the server's. connection_security_policy is what the server side saw
// (mutual_tls or none); the source side always says unknown. Principals come from the TLS
// handshake, so a plaintext hop has none on either side. A peer is named when its metadata reached
// the proxy (mTLS with a mesh peer, or the endpoint istiod describes); Envoy's unknown peer has
// canonical revision "latest".

import type { MeshPod } from '../mesh/view';
import type { Leg } from './legs';
import { add, addRequestSeries, TCP_METRICS, type HttpFigures, type SeriesSet } from './series-set';

const U = 'unknown';
type Reporter = 'source' | 'destination';
export type EnvoyProtocol = 'http' | 'grpc' | 'tcp';

/** Port name prefixes (or appProtocol values) Istio takes as a declared TCP protocol. */
const TCP_PROTOCOLS = new Set(['https', 'mongo', 'mysql', 'redis', 'tcp', 'tls']);

/** The hop's protocol as Istio selects it: the Service port's appProtocol or name prefix, else sniffed. */
export function envoyProtocol(leg: Leg): EnvoyProtocol {
  const t = leg.flow.target;
  const port = t.kind === 'service' ? leg.service?.ports.find((p) => p.port === t.port) : undefined;
  const declared = (port?.appProtocol ?? port?.name?.replace(/-.*$/, '') ?? '').toLowerCase();
  if (declared === 'http' || declared === 'http2') return 'http';
  if (declared === 'grpc') return 'grpc';
  if (TCP_PROTOCOLS.has(declared)) return 'tcp';
  return leg.flow.http ? 'http' : 'tcp';
}

/** The flow's request figures; a flow without them makes one request per connection. */
function httpOf(leg: Leg): HttpFigures & { errorShare: number } {
  const http = leg.flow.http ?? { requestsPerSecond: leg.flow.connectionsPerSecond, errorShare: 0, latencyMs: 10 };
  return { ...http, requestsPerSecond: http.requestsPerSecond * leg.share };
}

function peerLabels(side: Reporter, p: MeshPod | undefined, principal: string, clusterId: string): Record<string, string> {
  const l: Record<string, string> = {};
  if (side === 'source') {
    l.source_workload = p?.workloadName ?? U;
    l.source_canonical_service = p?.canonicalName ?? U;
    l.source_canonical_revision = p?.canonicalRevision ?? 'latest';
    l.source_workload_namespace = p?.namespace ?? U;
    l.source_principal = principal;
    l.source_app = p ? (p.labels.app ?? '') : U;
    l.source_version = p ? (p.labels.version ?? '') : U;
    l.source_cluster = p ? clusterId : U;
  } else {
    l.destination_workload = p?.workloadName ?? U;
    l.destination_workload_namespace = p?.namespace ?? U;
    l.destination_principal = principal;
    l.destination_app = p ? (p.labels.app ?? '') : U;
    l.destination_version = p ? (p.labels.version ?? '') : U;
  }
  return l;
}

/** Envoy's label set, in the order its stats filter prints it. */
export function sidecarLabels(leg: Leg, reporter: Reporter, protocol: EnvoyProtocol, code: string, flag: string, clusterId: string): Record<string, string> {
  // The client is named to the server only when its metadata came with an mTLS peer.
  const client = reporter === 'source' || (leg.mtls && leg.client.discovered) ? leg.client : undefined;
  const server = leg.server;
  const principal = (p: MeshPod | undefined) => (leg.mtls && p ? p.identity : U);
  const svc = leg.service?.discovered ? leg.service : undefined;
  return {
    reporter,
    ...peerLabels('source', client, principal(leg.client), clusterId),
    ...peerLabels('destination', server, principal(server), clusterId),
    // An address outside the registry goes through PassthroughCluster.
    destination_service: svc?.hostname ?? `${leg.serverIp}:${leg.serverPort}`,
    destination_canonical_service: server?.canonicalName ?? U,
    destination_canonical_revision: server?.canonicalRevision ?? 'latest',
    destination_service_name: svc?.name ?? 'PassthroughCluster',
    destination_service_namespace: svc?.namespace ?? U,
    destination_cluster: server ? clusterId : U,
    request_protocol: protocol,
    ...(protocol === 'tcp' ? {} : { response_code: code, grpc_response_status: protocol === 'grpc' ? '0' : '' }),
    response_flags: flag,
    connection_security_policy: reporter === 'source' ? U : leg.mtls ? 'mutual_tls' : 'none',
  };
}

/** Adds the series of the sidecars that report this leg (none when neither end has one). */
export function addSidecarSeries(set: SeriesSet, leg: Leg, clusterId: string): void {
  const reporters: [Reporter, MeshPod, string][] = [];
  if (leg.sidecarSource) reporters.push(['source', leg.sidecarSource.pod, leg.sidecarSource.flag]);
  if (leg.sidecarDestination) reporters.push(['destination', leg.sidecarDestination.pod, '-']);
  if (reporters.length === 0) return;
  const protocol = envoyProtocol(leg);
  const { flow, share } = leg;
  for (const [reporter, pod, flag] of reporters) {
    const target = `${pod.namespace}/${pod.name}`;
    if (protocol !== 'tcp') {
      const http = httpOf(leg);
      // A failed upstream connection answers every request with a local 503.
      const outcomes = flag === '-' ? [['200', 1 - http.errorShare] as const, ['500', http.errorShare] as const] : [['503', 1] as const];
      addRequestSeries(set, target, flow.id, http, outcomes, (code) => sidecarLabels(leg, reporter, protocol, code, code === '503' ? flag : '-', clusterId));
      continue;
    }
    const conns = flow.connectionsPerSecond * share;
    add(set, TCP_METRICS.connectionsOpened, target, sidecarLabels(leg, reporter, protocol, '', '-', clusterId), flow.id, conns);
    add(set, TCP_METRICS.connectionsClosed, target, sidecarLabels(leg, reporter, protocol, '', flag, clusterId), flow.id, conns);
    if (flag !== '-') continue;
    const labels = sidecarLabels(leg, reporter, protocol, '', '-', clusterId);
    add(set, TCP_METRICS.receivedBytes, target, labels, flow.id, flow.requestBytesPerSecond * share);
    add(set, TCP_METRICS.sentBytes, target, labels, flow.id, flow.responseBytesPerSecond * share);
  }
}
