// The mesh-wide security posture: what is not protected and why, each item with where to fix it.
// Built from the traffic graph and the Kubernetes and ztunnel views. Pure.
import type { NamespaceView, WorkloadView } from '@/lib/kube/cluster-model';
import type { ZtunnelClusterView } from '@/lib/kube/wire/ztunnel';
import type { GraphNode, MeshGraph, PlaintextReason } from '@/lib/graph/model';
import { podCapture } from '@/lib/kube/capture';
import { countPods, workloadRole, type PodCounts } from './pod-counts';
import { edgeProtection, podProtection, type ProtectionGap } from './protection';
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
  /** lib/posture/protection's case, reason and fix. */
  gap: ProtectionGap;
  explanation: string;
  fix: string;
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
  gap: ProtectionGap;
  reason: string;
  fix: string;
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
  /** Every application pod not protected, whatever the case (the same counts as Overview and Namespaces). */
  unprotectedPods: PodFinding[];
  podCounts: PodCounts;
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
    const protection = edgeProtection(e, { source: nodes.node(e.source), target: nodes.node(e.target) });
    if (e.security.reason && protection) {
      plaintext.push({
        id: e.id,
        source,
        destination,
        reason: e.security.reason,
        gap: protection.gap,
        explanation: protection.reason,
        fix: protection.fix,
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

type PodLists = Pick<SecurityPosture, 'notRedirected' | 'noReadyZtunnel' | 'optedOut' | 'unprotectedPods'>;

/**
 * Application pods only: the mesh's own pods and its Envoy proxies (gateways carry the opt-out
 * label by design, they speak mTLS themselves) are not findings. Same rule as the counts.
 */
function podFindings(workloads: WorkloadView[], namespaces: NamespaceView[]): PodLists {
  const out: PodLists = { notRedirected: [], noReadyZtunnel: [], optedOut: [], unprotectedPods: [] };
  const nsByName = new Map(namespaces.map((n) => [n.name, n]));
  for (const w of workloads) {
    if (workloadRole(w) !== 'application') continue;
    for (const p of w.pods) {
      const protection = podProtection({ namespace: w.namespace, workload: w.name }, podCapture(p, nsByName.get(w.namespace)));
      if (!protection) continue;
      const f: PodFinding = { namespace: p.namespace, workload: w.name, pod: p.pod, node: p.node, gap: protection.gap, reason: protection.reason, fix: protection.fix, href: workloadHref(w.namespace, w.name) };
      out.unprotectedPods.push(f);
      if (protection.gap === 'not-redirected') out.notRedirected.push(f);
      else if (protection.gap === 'ztunnel-not-ready') out.noReadyZtunnel.push(f);
      else if (protection.gap === 'opted-out') out.optedOut.push(f);
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
    ...podFindings(input.workloads, input.namespaces),
    podCounts: countPods(input.workloads, input.namespaces).total,
    undiscoveredNamespaces: input.namespaces
      .filter((n) => !n.discovered)
      .map((n) => ({ name: n.name, ambient: n.enrollment.labelled, pods: n.pods.total, href: namespaceHref(n.name) })),
    discoverySelectorsSet: input.discoverySelectorsSet,
    certificates,
    unansweredZtunnels: (input.ztunnel?.ztunnels ?? []).filter((z) => !z.ok).map((z) => ({ pod: z.pod, node: z.node, message: z.message })),
  };
}
