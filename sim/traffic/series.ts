// Legs -> metric series: the exact label sets ztunnel (istio_tcp_*) and waypoints
// (istio_requests_total, istio_request_duration_milliseconds) emit, each a sum of flow terms.

import type { MeshPod, MeshService } from '../mesh/view';
import type { Flag, Leg } from './legs';

export interface SeriesTerm {
  flowId: string;
  /** Per second at multiplier 1. */
  coef: number;
}

export interface Series {
  name: string;
  /** Pod that exposes it: "namespace/name" of a ztunnel or waypoint pod. */
  target: string;
  labels: Record<string, string>;
  terms: SeriesTerm[];
}

export type SeriesSet = Map<string, Series>;

const U = 'unknown';

export const TCP_METRICS = {
  connectionsOpened: 'istio_tcp_connections_opened_total',
  connectionsClosed: 'istio_tcp_connections_closed_total',
  receivedBytes: 'istio_tcp_received_bytes_total',
  sentBytes: 'istio_tcp_sent_bytes_total',
} as const;

/** Waypoint histogram buckets (Istio's default duration buckets, ms). */
export const DURATION_BUCKETS = [0.5, 1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000, 300000, 600000, 1800000, 3600000];
/** Each flow's latency distribution: share of requests at a multiple of its nominal latency. */
export const LATENCY_SHAPE = [
  { share: 0.5, factor: 0.75 },
  { share: 0.4, factor: 1.5 },
  { share: 0.1, factor: 4 },
];

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

function add(set: SeriesSet, name: string, target: string, labels: Record<string, string>, flowId: string, coef: number): void {
  if (coef === 0) return;
  const key = `${name}\u0000${target}\u0000${Object.values(labels).join('\u0000')}`;
  const series = set.get(key);
  if (!series) {
    set.set(key, { name, target, labels, terms: [{ flowId, coef }] });
    return;
  }
  const term = series.terms.find((t) => t.flowId === flowId);
  if (term) term.coef += coef;
  else series.terms.push({ flowId, coef });
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
  }
  return set;
}

function addWaypointHttp(set: SeriesSet, leg: Leg, clusterId: string): void {
  const http = leg.flow.http!;
  const client = leg.originalClient;
  const target = `${leg.client.namespace}/${leg.client.name}`;
  const base = {
    reporter: 'waypoint',
    ...peer('source', client, client?.identity ?? U, clusterId),
    ...peer('destination', leg.server, leg.server?.identity ?? U, clusterId),
    ...serviceLabels(leg.service),
    request_protocol: 'http',
    grpc_response_status: '',
    response_flags: '-',
    connection_security_policy: 'mutual_tls',
  };
  const rps = http.requestsPerSecond * leg.share;
  for (const [code, part] of [['200', 1 - http.errorShare], ['500', http.errorShare]] as const) {
    const labels = { ...base, response_code: code };
    add(set, 'istio_requests_total', target, labels, leg.flow.id, rps * part);
    const reqRate = rps * part;
    for (const le of [...DURATION_BUCKETS.map(String), '+Inf']) {
      const within = LATENCY_SHAPE.filter((s) => le === '+Inf' || s.factor * http.latencyMs <= Number(le)).reduce((a, s) => a + s.share, 0);
      add(set, 'istio_request_duration_milliseconds_bucket', target, { ...labels, le }, leg.flow.id, reqRate * within);
    }
    const meanMs = LATENCY_SHAPE.reduce((a, s) => a + s.share * s.factor * http.latencyMs, 0);
    add(set, 'istio_request_duration_milliseconds_sum', target, labels, leg.flow.id, reqRate * meanMs);
    add(set, 'istio_request_duration_milliseconds_count', target, labels, leg.flow.id, reqRate);
  }
}
