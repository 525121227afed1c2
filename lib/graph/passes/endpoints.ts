import type { DestinationLabels, PeerLabels } from '@/lib/graph/samples';
import { withFields } from '@/lib/graph/copy';

// What a sample's source or destination labels point at. Istio writes the literal "unknown" for a
// missing value; an empty label counts the same.

export type EndpointKind = 'workload' | 'unknown' | 'service' | 'external';

/** A sample's peer labels (destination_service & co. are "unknown" for sources), classified. */
export interface Endpoint extends DestinationLabels {
  kind: EndpointKind;
  /** For external destinations: the best name known. */
  address: string;
}

export function known(value: string | undefined): value is string {
  return value !== undefined && value !== '' && value !== 'unknown';
}

const orUnknown = (value: string | undefined) => (known(value) ? value : 'unknown');

/**
 * An endpoint as one literal in one field order, so every endpoint shares a hidden class
 * (lib/graph/copy.ts); its peer labels are read with "unknown" for missing or empty.
 */
function endpoint(kind: EndpointKind, labels: PeerLabels, namespace: string, service: string, serviceName: string, serviceNamespace: string, address: string): Endpoint {
  return {
    kind,
    cluster: orUnknown(labels.cluster),
    namespace,
    workload: orUnknown(labels.workload),
    canonicalService: orUnknown(labels.canonicalService),
    canonicalRevision: orUnknown(labels.canonicalRevision),
    app: orUnknown(labels.app),
    version: orUnknown(labels.version),
    principal: orUnknown(labels.principal),
    service,
    serviceName,
    serviceNamespace,
    address,
  };
}

export function sourceEndpoint(labels: PeerLabels): Endpoint {
  return endpoint(known(labels.workload) ? 'workload' : 'unknown', labels, orUnknown(labels.namespace), 'unknown', 'unknown', 'unknown', 'unknown');
}

/** "details.bookinfo.svc.cluster.local" -> ["details", "bookinfo"]; "details:9080" -> ["details", undefined]. */
function splitHost(host: string): [string | undefined, string | undefined, boolean] {
  // indexOf rather than split: one destination in two of a large mesh comes here (~10k a build).
  const colon = host.indexOf(':');
  const name = colon < 0 ? host : host.slice(0, colon);
  const dot1 = name.indexOf('.');
  if (dot1 < 0) return [name, undefined, false];
  const dot2 = name.indexOf('.', dot1 + 1);
  if (dot2 < 0) return [name.slice(0, dot1), name.slice(dot1 + 1), false];
  const dot3 = name.indexOf('.', dot2 + 1);
  return [name.slice(0, dot1), name.slice(dot1 + 1, dot2), name.slice(dot2 + 1, dot3 < 0 ? name.length : dot3) === 'svc'];
}

export function destinationEndpoint(labels: DestinationLabels): Endpoint {
  const service = orUnknown(labels.service);
  const [hostName, hostNamespace, inCluster] = known(service) ? splitHost(service) : [undefined, undefined, false];
  const serviceNamespace = known(labels.serviceNamespace) ? labels.serviceNamespace : inCluster ? orUnknown(hostNamespace) : 'unknown';
  const serviceName = known(labels.serviceName) ? labels.serviceName : inCluster ? orUnknown(hostName) : 'unknown';
  let kind: EndpointKind;
  let namespace: string;
  let address = 'unknown';
  if (known(labels.workload)) {
    kind = 'workload';
    namespace = known(labels.namespace) ? labels.namespace : serviceNamespace;
  } else if (known(serviceName) && known(serviceNamespace)) {
    // "Unserviced": the client named a service, nobody at the destination reported it.
    kind = 'service';
    namespace = serviceNamespace;
  } else {
    kind = 'external';
    namespace = 'unknown';
    address = service;
  }
  return endpoint(kind, labels, namespace, service, serviceName, serviceNamespace, address);
}

/**
 * Fills a cluster the metrics left unknown from the other end: a client only the destination ztunnel
 * saw is drawn in the destination's cluster; an unserviced or external destination in the client's.
 */
export function withClusters(src: Endpoint, dst: Endpoint): [Endpoint, Endpoint] {
  const s = !known(src.cluster) && src.kind === 'unknown' ? withFields(src, { cluster: dst.cluster }) : src;
  const d = !known(dst.cluster) && dst.kind !== 'workload' ? withFields(dst, { cluster: src.cluster }) : dst;
  return [s, d];
}
