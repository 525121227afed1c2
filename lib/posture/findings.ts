// The mesh-wide security posture: what is not protected and why, each item with where to fix it.
// Built from the traffic graph and the Kubernetes and ztunnel views. Pure.
import type { NamespaceView, WorkloadView } from '@/lib/kube/cluster-model';
import type { ZtunnelClusterView } from '@/lib/kube/wire/ztunnel';
import type { GraphNode, MeshGraph, PlaintextReason } from '@/lib/graph/model';
import { certificateHealth, type CertificateHealth } from './certificates';
import { graphHref, namespaceHref, workloadHref, ztunnelHref } from './links';
import { edgeBytes, graphLookup, nodeNamespace } from '@/lib/graph/lookup';
import { meshTraffic, type TrafficTotals } from './traffic';

export interface Peer {
  /** Graph node id. */
  id: string;
  kind: GraphNode['kind'];
  namespace?: string;
  /** Workload, app, service or address; "unknown" for an unidentified client. */
  name: string;
  principals: string[];
  /** Workload page, when the peer is a workload. */
  href?: string;
  /** The opaque node of a namespace the user may not see (lib/graph/redaction.ts): only its namespace is told. */
  redacted?: true;
}

export interface PlaintextEdge {
  id: string;
  source: Peer;
  destination: Peer;
  reason: PlaintextReason;
  explanation: string;
  mtlsShare: number | null;
  bytesPerSec: number;
  connectionsPerSec: number;
  graphHref: string;
}

export interface DeniedEdge {
  id: string;
  source: Peer;
  destination: Peer;
  deniedPerSec: number;
  graphHref: string;
}

export interface PodFinding {
  namespace: string;
  workload: string;
  pod: string;
  node?: string;
  reason: string;
  href: string;
}

export interface NamespaceFinding {
  name: string;
  ambient: boolean;
  pods: number;
  href: string;
}

export interface CertificateFinding {
  identity: string;
  node?: string;
  ztunnel: string;
  health: CertificateHealth;
  notAfter?: string;
  daysToExpiry?: number;
  state: string;
  serial?: string;
  href: string;
}

export interface SecurityPosture {
  traffic: TrafficTotals | null;
  plaintextEdges: PlaintextEdge[];
  deniedEdges: DeniedEdge[];
  notRedirected: PodFinding[];
  noReadyZtunnel: PodFinding[];
  optedOut: PodFinding[];
  undiscoveredNamespaces: NamespaceFinding[];
  /** No discovery selectors: istiod watches every namespace, so none is outside. */
  discoverySelectorsSet: boolean;
  certificates: CertificateFinding[];
  /** ztunnels whose certificates could not be read (their pods' certificates are unknown). */
  unansweredZtunnels: { pod: string; node?: string; message?: string }[];
}

export interface PostureInput {
  graph?: MeshGraph;
  namespaces: NamespaceView[];
  workloads: WorkloadView[];
  discoverySelectorsSet: boolean;
  ztunnel?: Pick<ZtunnelClusterView, 'ztunnels' | 'certificates'>;
  now: Date;
}

export const reasonText: Record<PlaintextReason, string> = {
  'non-mesh-client': 'The client is outside the mesh: only the server’s ztunnel saw the connection, and it arrived in plaintext',
  'non-mesh-destination': 'The server is outside the mesh: the client’s ztunnel sent it in plaintext',
  'external-destination': 'Egress to an address outside the cluster: ztunnel cannot wrap it in mTLS',
  partial: 'Part of this traffic was mTLS, part was not',
  'not-mtls': 'Reported without mTLS',
};

function peer(node: GraphNode | undefined, id: string, principals: string[]): Peer {
  if (!node) return { id, kind: 'unknown', name: id, principals };
  const namespace = nodeNamespace(node);
  const name =
    node.kind === 'workload' ? node.workload
    : node.kind === 'app' ? node.app
    : node.kind === 'service' ? node.service
    : node.kind === 'external' ? node.address
    : node.kind === 'aggregate' ? node.namespace
    : 'unknown';
  const href = node.kind === 'workload' && namespace && !node.flags.inaccessible ? workloadHref(namespace, node.workload) : undefined;
  return { id, kind: node.kind, namespace, name, principals, href, ...(node.flags.inaccessible ? { redacted: true as const } : {}) };
}

function edgeFindings(graph: MeshGraph): { plaintext: PlaintextEdge[]; denied: DeniedEdge[] } {
  const nodes = graphLookup(graph);
  const plaintext: PlaintextEdge[] = [];
  const denied: DeniedEdge[] = [];
  for (const e of graph.edges) {
    const source = peer(nodes.node(e.source), e.source, e.security.sourcePrincipals);
    const destination = peer(nodes.node(e.target), e.target, e.security.destinationPrincipals);
    const href = graphHref([source.namespace ?? '', destination.namespace ?? ''], { selected: e.id, duration: graph.window.duration, waypoints: 'merge' });
    if (e.security.reason) {
      plaintext.push({
        id: e.id,
        source,
        destination,
        reason: e.security.reason,
        explanation: reasonText[e.security.reason],
        mtlsShare: e.security.mtlsShare,
        bytesPerSec: edgeBytes(e),
        connectionsPerSec: e.tcp?.connectionsOpenedPerSec ?? 0,
        graphHref: href,
      });
    }
    if (e.tcp && e.tcp.deniedPerSec > 0) denied.push({ id: e.id, source, destination, deniedPerSec: e.tcp.deniedPerSec, graphHref: href });
  }
  plaintext.sort((a, b) => b.bytesPerSec - a.bytesPerSec || a.id.localeCompare(b.id));
  denied.sort((a, b) => b.deniedPerSec - a.deniedPerSec || a.id.localeCompare(b.id));
  return { plaintext, denied };
}

/**
 * Opting out only means something inside an enrolled namespace; gateways Istio deploys carry the
 * opt-out label by design (they speak mTLS themselves), so they are not findings.
 */
function podFindings(workloads: WorkloadView[], enrolledNamespaces: Set<string>): Pick<SecurityPosture, 'notRedirected' | 'noReadyZtunnel' | 'optedOut'> {
  const out: Pick<SecurityPosture, 'notRedirected' | 'noReadyZtunnel' | 'optedOut'> = { notRedirected: [], noReadyZtunnel: [], optedOut: [] };
  for (const w of workloads) {
    for (const p of w.pods) {
      const f: PodFinding = { namespace: p.namespace, workload: w.name, pod: p.pod, node: p.node, reason: p.enrollment.reason, href: workloadHref(w.namespace, w.name) };
      if (p.enrollment.state === 'ambient-pending') out.notRedirected.push(f);
      else if (p.enrollment.state === 'ambient' && p.enrollment.unprotected) out.noReadyZtunnel.push(f);
      else if (p.enrollment.state === 'opted-out' && enrolledNamespaces.has(p.namespace) && !w.isIngressGateway && !w.isWaypoint) out.optedOut.push(f);
    }
  }
  return out;
}

export function securityPosture(input: PostureInput): SecurityPosture {
  const edges = input.graph ? edgeFindings(input.graph) : { plaintext: [], denied: [] };
  const certificates: CertificateFinding[] = [];
  for (const c of input.ztunnel?.certificates ?? []) {
    if (c.root) continue;
    const health = certificateHealth(c, input.now);
    if (health === 'ok') continue;
    certificates.push({
      identity: c.identity,
      node: c.node,
      ztunnel: c.ztunnel,
      health,
      notAfter: c.notAfter,
      daysToExpiry: c.daysToExpiry,
      state: c.state,
      serial: c.serial,
      href: ztunnelHref({ tab: 'certificates', q: c.identity }),
    });
  }
  const healthOrder: CertificateHealth[] = ['expired', 'expiring', 'unavailable', 'undecodable', 'ok'];
  certificates.sort((a, b) => healthOrder.indexOf(a.health) - healthOrder.indexOf(b.health) || (a.daysToExpiry ?? 0) - (b.daysToExpiry ?? 0) || a.identity.localeCompare(b.identity));
  return {
    traffic: input.graph ? meshTraffic(input.graph).totals : null,
    plaintextEdges: edges.plaintext,
    deniedEdges: edges.denied,
    ...podFindings(input.workloads, new Set(input.namespaces.filter((n) => n.enrollment.labelled).map((n) => n.name))),
    undiscoveredNamespaces: input.namespaces
      .filter((n) => !n.discovered)
      .map((n) => ({ name: n.name, ambient: n.enrollment.labelled, pods: n.pods.total, href: namespaceHref(n.name) })),
    discoverySelectorsSet: input.discoverySelectorsSet,
    certificates,
    unansweredZtunnels: (input.ztunnel?.ztunnels ?? []).filter((z) => !z.ok).map((z) => ({ pod: z.pod, node: z.node, message: z.message })),
  };
}
