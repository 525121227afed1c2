// Legs -> metric series: the exact label sets ztunnel (istio_tcp_*) and waypoints
// (istio_requests_total, istio_request_duration_milliseconds) emit, each a sum of flow terms.
// Envoy sidecars' series are built in sidecar-series.ts with the same helpers.

import type { MeshPod, MeshService } from '../mesh/view';
import type { Flag, Leg } from './legs';
import { addSidecarSeries } from './sidecar-series';
import { add, addRequestSeries, TCP_METRICS, type SeriesSet } from './series-set';

export { DURATION_BUCKETS, LATENCY_SHAPE, TCP_METRICS, type Series, type SeriesSet, type SeriesTerm } from './series-set';

const U = 'unknown';

function peer(side: 'source' | 'destination', p: MeshPod | undefined, principal: string, clusterId: string): Record<string, string> {
  const known = p !== undefined;
  const ns = side === 'source' ? 'source_workload_namespace' : 'destination_workload_namespace';
  const out: Record<string, string> = {};
  out[`${side}_workload`] = known ? p.workloadName : U;
  out[`${side}_canonical_service`] = known ? p.canonicalName : U;
  out[`${side}_canonical_revision`] = known ? p.canonicalRevision : U;
  out[ns] = known ? p.namespace : U;
  out[`${side}_principal`] = principal;
  out[`${side}_app`] = known ? p.canonicalName : U;
  out[`${side}_version`] = known ? p.canonicalRevision : U;
  out[`${side}_cluster`] = known ? clusterId : U;
  return out;
}

function serviceLabels(svc: MeshService | undefined): Record<string, string> {
  return {
    destination_service: svc?.hostname ?? U,
    destination_service_namespace: svc?.namespace ?? U,
    destination_service_name: svc?.name ?? U,
  };
}

/** The 23 ztunnel labels in the order ztunnel prints them. */
export function tcpLabels(leg: Leg, reporter: 'source' | 'destination', flag: Flag, clusterId: string): Record<string, string> {
  const client = leg.client.discovered ? leg.client : undefined;
  const sourcePrincipal = reporter === 'source' || leg.mtls ? (client?.identity ?? U) : U;
  const src = peer('source', client, sourcePrincipal, clusterId);
  const dst = peer('destination', leg.server, leg.server?.identity ?? U, clusterId);
  const svc = serviceLabels(leg.server ? leg.service : undefined);
  return { reporter, ...src, ...svc, ...dst, request_protocol: 'tcp', response_flags: flag, connection_security_policy: leg.mtls ? 'mutual_tls' : U };
}

export function buildSeries(legs: Leg[], clusterId: string): SeriesSet {
  const set: SeriesSet = new Map();
  for (const leg of legs) {
    const { flow, share } = leg;
    for (const reporter of ['source', 'destination'] as const) {
      const r = leg[reporter];
      if (!r) continue;
      const target = `${r.ztunnel.namespace}/${r.ztunnel.name}`;
      const conns = flow.connectionsPerSecond * share;
      add(set, TCP_METRICS.connectionsOpened, target, tcpLabels(leg, reporter, '-', clusterId), flow.id, conns);
      add(set, TCP_METRICS.connectionsClosed, target, tcpLabels(leg, reporter, r.flag, clusterId), flow.id, conns);
      if (r.flag !== '-') continue;
      const labels = tcpLabels(leg, reporter, '-', clusterId);
      add(set, TCP_METRICS.receivedBytes, target, labels, flow.id, flow.requestBytesPerSecond * share);
      add(set, TCP_METRICS.sentBytes, target, labels, flow.id, flow.responseBytesPerSecond * share);
    }
    if (leg.waypointHop === 'from' && flow.http && leg.server && leg.destination?.flag !== 'DENY') addWaypointHttp(set, leg, clusterId);
    if (leg.waypointHop === 'to' && flow.http && leg.server && leg.waypointDenied) addWaypointDenied(set, leg, clusterId);
    addSidecarSeries(set, leg, clusterId);
  }
  return set;
}

function waypointLabels(client: MeshPod | undefined, server: MeshPod | undefined, service: MeshService | undefined, clusterId: string): Record<string, string> {
  return {
    reporter: 'waypoint',
    ...peer('source', client, client?.identity ?? U, clusterId),
    ...peer('destination', server, server?.identity ?? U, clusterId),
    ...serviceLabels(service),
    request_protocol: 'http',
    grpc_response_status: '',
    response_flags: '-',
    connection_security_policy: 'mutual_tls',
  };
}

function addWaypointHttp(set: SeriesSet, leg: Leg, clusterId: string): void {
  const http = leg.flow.http!;
  const target = `${leg.client.namespace}/${leg.client.name}`;
  const base = waypointLabels(leg.originalClient, leg.server, leg.service, clusterId);
  const outcomes = [['200', 1 - http.errorShare], ['500', http.errorShare]] as const;
  addRequestSeries(set, target, leg.flow.id, { requestsPerSecond: http.requestsPerSecond * leg.share, latencyMs: http.latencyMs }, [...outcomes], (code) => ({ ...base, response_code: code }));
}

/**
 * Requests the waypoint's RBAC filter refused: a local 403 before any backend is picked, so the
 * destination workload is unknown (the Service is known from the request), response_flags "-".
 */
function addWaypointDenied(set: SeriesSet, leg: Leg, clusterId: string): void {
  const http = leg.flow.http!;
  const target = `${leg.server!.namespace}/${leg.server!.name}`;
  const base = waypointLabels(leg.client, undefined, leg.service, clusterId);
  addRequestSeries(set, target, leg.flow.id, { requestsPerSecond: http.requestsPerSecond * leg.share * leg.waypointDenied!.share, latencyMs: 1 }, [['403', 1]], (code) => ({ ...base, response_code: code }));
}
