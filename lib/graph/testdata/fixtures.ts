import type { Inventory, InventoryWorkload } from '@/lib/graph/inventory';
import type { DestinationLabels, HttpSample, LatencySample, PeerLabels, TcpMetric, TcpSample } from '@/lib/graph/samples';

// Builders for the golden inputs (generate.ts writes them as JSON). Shaped like real ztunnel series:
// the literal "unknown" for missing values, principals spiffe://<td>/ns/<ns>/sa/<sa>.

export const TD = 'cluster.local';
export const UNKNOWN_PEER: PeerLabels = {
  cluster: 'unknown', namespace: 'unknown', workload: 'unknown', canonicalService: 'unknown',
  canonicalRevision: 'unknown', app: 'unknown', version: 'unknown', principal: 'unknown',
};
export const UNKNOWN_DESTINATION: DestinationLabels = { ...UNKNOWN_PEER, service: 'unknown', serviceName: 'unknown', serviceNamespace: 'unknown' };

export const principal = (ns: string, sa: string) => `spiffe://${TD}/ns/${ns}/sa/${sa}`;

export function peer(ns: string, workload: string, app: string, version: string, sa: string, cluster = 'Kubernetes'): PeerLabels {
  return { cluster, namespace: ns, workload, canonicalService: app, canonicalRevision: version, app, version, principal: principal(ns, sa) };
}

export function dest(p: PeerLabels, service: string, serviceNs = p.namespace): DestinationLabels {
  return { ...p, service: `${service}.${serviceNs}.svc.cluster.local`, serviceName: service, serviceNamespace: serviceNs };
}

export const bookinfo = {
  productpage: peer('bookinfo', 'productpage-v1', 'productpage', 'v1', 'bookinfo-productpage'),
  details: peer('bookinfo', 'details-v1', 'details', 'v1', 'bookinfo-details'),
  reviewsV1: peer('bookinfo', 'reviews-v1', 'reviews', 'v1', 'bookinfo-reviews'),
  reviewsV2: peer('bookinfo', 'reviews-v2', 'reviews', 'v2', 'bookinfo-reviews'),
  reviewsV3: peer('bookinfo', 'reviews-v3', 'reviews', 'v3', 'bookinfo-reviews'),
  ratings: peer('bookinfo', 'ratings-v1', 'ratings', 'v1', 'bookinfo-ratings'),
  waypoint: peer('bookinfo', 'waypoint', 'waypoint', 'latest', 'waypoint'),
  gateway: peer('istio-ingress', 'bookinfo-gateway-istio', 'bookinfo-gateway-istio', 'latest', 'bookinfo-gateway-istio'),
};

interface TcpFlow {
  source: PeerLabels;
  destination: DestinationLabels;
  reporters: ('source' | 'destination' | undefined)[];
  policy?: string;
  /** client -> server bytes/s, server -> client bytes/s, opened/s, closed/s */
  bytes: [number, number];
  opened: number;
  closed?: { '-'?: number; DENY?: number; CONNECT?: number };
}

/** The four ztunnel counters of one flow, once per reporter (both ztunnels count the same bytes). */
export function tcpFlow(f: TcpFlow): TcpSample[] {
  const out: TcpSample[] = [];
  const policy = f.policy ?? 'mutual_tls';
  for (const reporter of f.reporters) {
    const base = { source: f.source, destination: f.destination, securityPolicy: policy, responseFlags: '-', ...(reporter ? { reporter } : {}) };
    const metrics: [TcpMetric, number][] = [['receivedBytes', f.bytes[0]], ['sentBytes', f.bytes[1]], ['connectionsOpened', f.opened]];
    for (const [metric, value] of metrics) if (value > 0) out.push({ ...base, metric, value });
    const closed = f.closed ?? { '-': f.opened };
    for (const [flags, value] of Object.entries(closed)) {
      if (value && value > 0) out.push({ ...base, metric: 'connectionsClosed', responseFlags: flags, value });
    }
  }
  return out;
}

export function http(source: PeerLabels, destination: DestinationLabels, byCode: Record<string, number>, protocol: 'http' | 'grpc' = 'http'): HttpSample[] {
  return Object.entries(byCode).map(([code, value]) => ({
    reporter: 'waypoint', source, destination, protocol, responseCode: code, grpcStatus: protocol === 'grpc' ? '0' : '',
    securityPolicy: 'mutual_tls', responseFlags: code === '0' ? 'UF' : '-', value,
  }));
}

export function latency(source: PeerLabels, destination: PeerLabels, p50: number, p95: number, p99: number | null): LatencySample[] {
  const pick = (p: PeerLabels) => ({ cluster: p.cluster, namespace: p.namespace, workload: p.workload });
  return ([[0.5, p50], [0.95, p95], [0.99, p99]] as const).map(([quantile, valueMs]) => ({ source: pick(source), destination: pick(destination), quantile, valueMs }));
}

function workload(p: PeerLabels, extra: Partial<InventoryWorkload> = {}): InventoryWorkload {
  const sa = p.principal.split('/sa/')[1] ?? 'default';
  return {
    cluster: p.cluster, namespace: p.namespace, name: p.workload, kind: 'Deployment', app: p.canonicalService, version: p.canonicalRevision,
    serviceAccount: sa, principal: p.principal, enrollment: 'ambient', enrollmentReason: 'namespace labelled istio.io/dataplane-mode=ambient',
    protocol: 'HBONE', isWaypoint: false, isIngressGateway: false, pods: 1, labels: { app: p.canonicalService, version: p.canonicalRevision }, ...extra,
  };
}

export function bookinfoInventory(options: { waypoint?: boolean; extra?: InventoryWorkload[] } = {}): Inventory {
  const b = bookinfo;
  const usesWaypoint = options.waypoint ? 'bookinfo/waypoint' : undefined;
  const workloads = [b.productpage, b.details, b.reviewsV1, b.reviewsV2, b.reviewsV3, b.ratings].map((p) => workload(p, { usesWaypoint }));
  if (options.waypoint) workloads.push(workload(b.waypoint, { isWaypoint: true, app: undefined, version: undefined, protocol: 'HBONE', labels: { 'gateway.istio.io/managed': 'istio.io-mesh-controller', 'gateway.networking.k8s.io/gateway-name': 'waypoint' } }));
  workloads.push(workload(b.gateway, { isIngressGateway: true, enrollment: 'none', enrollmentReason: 'namespace not labelled', protocol: 'TCP' }));
  workloads.push(...(options.extra ?? []));
  const svc = (name: string, members: string[]) => ({ namespace: 'bookinfo', name, hostname: `${name}.bookinfo.svc.cluster.local`, workloads: members, ...(usesWaypoint ? { usesWaypoint } : {}) });
  return {
    trustDomain: TD,
    namespaces: [
      { name: 'bookinfo', labels: { 'istio.io/dataplane-mode': 'ambient' }, ambientLabelled: true, discovered: true, ...(usesWaypoint ? { usesWaypoint } : {}) },
      { name: 'istio-ingress', labels: {}, ambientLabelled: false, discovered: true },
      { name: 'legacy', labels: {}, ambientLabelled: false, discovered: true },
    ],
    workloads,
    services: [
      svc('productpage', ['productpage-v1']), svc('details', ['details-v1']),
      svc('reviews', ['reviews-v1', 'reviews-v2', 'reviews-v3']), svc('ratings', ['ratings-v1']),
      ...(options.waypoint ? [{ namespace: 'bookinfo', name: 'waypoint', hostname: 'waypoint.bookinfo.svc.cluster.local', workloads: ['waypoint'] }] : []),
    ],
  };
}

export const legacy = {
  curl: peer('legacy', 'curl', 'curl', 'v1', 'curl'),
  db: peer('legacy', 'mysql', 'mysql', 'v1', 'mysql'),
};
export const legacyWorkloads = [legacy.curl, legacy.db].map((p) => workload(p, { enrollment: 'none', enrollmentReason: 'namespace not labelled', protocol: 'TCP' }));
export { workload as inventoryWorkload };
