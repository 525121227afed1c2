// The one place that decides why a pod or an edge is not protected by ambient mTLS, and the fix
// for that case only. Every page (edge panel, workload page, Security, Namespaces) and the CLI read
// it, so advice never differs between them. Pure.
import type { Capture, GraphEdge, GraphNode, UnnamedPod } from '@/lib/graph/model';

export type ProtectionGap =
  | 'namespace-not-enrolled'
  | 'opted-out'
  | 'not-redirected'
  | 'sidecar'
  | 'host-network'
  | 'undiscovered-namespace'
  | 'ztunnel-not-ready'
  | 'external-destination'
  | 'non-mesh-destination'
  | 'non-mesh-client'
  | 'unknown-source'
  | 'unknown-source-pod'
  | 'partial'
  | 'not-mtls';

export interface Protection {
  gap: ProtectionGap;
  /** Why, in the mesh's words, naming the pod or workload. */
  reason: string;
  /** What to change for this case only. */
  fix: string;
}

/** The subject of a pod-level gap, as the reader knows it. */
export interface Subject {
  namespace: string;
  /** Workload (Deployment...) name. */
  workload?: string;
}

const LABEL = 'istio.io/dataplane-mode';

function who(s: Subject, c: Capture): string {
  if (c.pod) return `pod ${s.namespace}/${c.pod}`;
  return s.workload ? `workload ${s.namespace}/${s.workload}` : `namespace ${s.namespace}`;
}

/** Which case a pod is in; undefined when ztunnel protects its traffic. */
export function captureGap(c: Capture): ProtectionGap | undefined {
  if (c.state === 'waypoint') return undefined;
  if (c.state === 'host-network') return 'host-network';
  if (!c.namespaceDiscovered) return 'undiscovered-namespace';
  switch (c.state) {
    case 'sidecar':
      return 'sidecar';
    case 'opted-out':
      return 'opted-out';
    case 'ambient-pending':
      return 'not-redirected';
    case 'not-enrolled':
      return 'namespace-not-enrolled';
    case 'ambient':
      return c.ztunnelNotReady ? 'ztunnel-not-ready' : undefined;
  }
}

/** Why a pod (or the least protected pod of a workload) is not protected, and its fix. */
export function podProtection(s: Subject, c: Capture): Protection | undefined {
  const gap = captureGap(c);
  if (!gap) return undefined;
  const it = who(s, c);
  const owner = s.workload ? `the pod template of ${s.workload}` : 'the pod';
  const node = c.node ? ` on node ${c.node}` : '';
  switch (gap) {
    case 'host-network':
      return { gap, reason: `${it} uses the host network, which ambient never captures.`, fix: `Run it without hostNetwork: true, or secure it in the application (ambient cannot).` };
    case 'undiscovered-namespace':
      return {
        gap,
        reason: `Namespace ${s.namespace} is outside meshConfig.discoverySelectors: istiod does not tell ztunnel about ${it}, so ztunnel cannot name or protect it.`,
        fix: c.namespaceLabelled
          ? `Label namespace ${s.namespace} so that it matches the discovery selectors.`
          : `Label namespace ${s.namespace} so that it matches the discovery selectors, then label it ${LABEL}=ambient.`,
      };
    case 'sidecar':
      return { gap, reason: `${it} has an injected sidecar (sidecar.istio.io/status), so ambient skips it; its sidecar decides its mTLS.`, fix: `To move it to ambient: stop sidecar injection for it (label sidecar.istio.io/inject=false on ${owner}) and restart it.` };
    case 'opted-out':
      return {
        gap,
        reason: `${it} is opted out with the pod label ${LABEL}=none${c.namespaceLabelled ? `, although namespace ${s.namespace} is in ambient` : ''}.`,
        fix: c.namespaceLabelled
          ? `Remove the pod label ${LABEL}=none (from ${owner}).`
          : `Remove the pod label ${LABEL}=none (from ${owner}) and label namespace ${s.namespace} ${LABEL}=ambient.`,
      };
    case 'not-redirected':
      return { gap, reason: `${it} is enrolled by its label, but istio-cni did not redirect it to ztunnel (no ambient.istio.io/redirection=enabled).`, fix: `Check the istio-cni pod${node} and its logs, then restart ${it} so istio-cni sees it again.` };
    case 'namespace-not-enrolled':
      return { gap, reason: `Neither ${it} nor namespace ${s.namespace} is labelled ${LABEL}=ambient.`, fix: `Label namespace ${s.namespace} ${LABEL}=ambient.` };
    case 'ztunnel-not-ready':
      return { gap, reason: `${it} is redirected, but the ztunnel${node} is not ready: its traffic is not protected.`, fix: `Make the ztunnel${node} ready (its pod's events and logs in the ztunnel namespace).` };
    default:
      return undefined;
  }
}

function nodeLabel(n: GraphNode | undefined): string {
  if (!n) return 'this peer';
  switch (n.kind) {
    case 'workload': return `${n.namespace}/${n.workload}`;
    case 'app': return `${n.namespace}/${n.app}`;
    case 'service': return `${n.namespace}/${n.service}`;
    case 'external': return n.address;
    case 'unknown': return 'the unknown source';
    case 'aggregate': return n.namespace;
  }
}

function subjectOf(n: GraphNode): Subject {
  if (n.kind === 'workload') return { namespace: n.namespace, workload: n.workload };
  if (n.kind === 'app') return { namespace: n.namespace, workload: n.workloads.length === 1 ? n.workloads[0] : undefined };
  return { namespace: n.namespace };
}

function captureOf(n: GraphNode | undefined): Capture | undefined {
  return n && (n.kind === 'workload' || n.kind === 'app') ? n.capture : undefined;
}

/** The client ztunnel could not name, named from the pods it cannot name. */
function unknownSource(pods: UnnamedPod[]): Protection {
  const first = pods[0];
  if (pods.length === 1 && first) {
    const own = podProtection({ namespace: first.namespace, workload: first.workload }, first.capture);
    const at = first.ip ? ` (${first.ip})` : '';
    return {
      gap: 'unknown-source-pod',
      reason: `ztunnel could not name the client. The only pod it cannot name is ${first.namespace}/${first.pod}${at}, workload ${first.workload}: ${own?.reason ?? ''}`.trim(),
      fix: own?.fix ?? `Check the destination's ztunnel access log for the client's address.`,
    };
  }
  const names = pods.map((p) => `${p.namespace}/${p.pod}${p.ip ? ` (${p.ip})` : ''}`);
  return {
    gap: 'unknown-source',
    reason: names.length
      ? `ztunnel could not name the client: one of the pods outside the discovery selectors (${names.join(', ')}), or an address outside the cluster.`
      : 'ztunnel could not name the client: it is not a pod istiod knows (an address outside the cluster, or a host-network process).',
    fix: names.length
      ? `Find the client's address in the destination ztunnel's access log (src.addr); the workload page names the pod it belongs to. Then apply that pod's fix.`
      : `Find the client's address in the destination ztunnel's access log (src.addr) and secure it at its origin.`,
  };
}

export interface EdgeEnds {
  source: GraphNode | undefined;
  target: GraphNode | undefined;
}

/** Why an edge is not (fully) mTLS and the fix; undefined when it is, or when no bytes crossed it. */
export function edgeProtection(edge: Pick<GraphEdge, 'security'>, ends: EdgeEnds): Protection | undefined {
  const reason = edge.security.reason;
  if (!reason) return undefined;
  const { source, target } = ends;
  if (reason === 'non-mesh-client') {
    if (source?.kind === 'unknown') return unknownSource(source.unnamedPods ?? []);
    const c = captureOf(source);
    const own = source && c ? podProtection(subjectOf(source), c) : undefined;
    if (own) return { ...own, reason: `The client is outside the mesh, so the connection arrived in plaintext. ${own.reason}` };
    return { gap: 'non-mesh-client', reason: `The client ${nodeLabel(source)} is outside the mesh: only the destination ztunnel saw this traffic, and it arrived without mTLS.`, fix: `Open the client's workload page: it says why the client is not captured.` };
  }
  if (reason === 'non-mesh-destination') {
    const c = captureOf(target);
    const own = target && c ? podProtection(subjectOf(target), c) : undefined;
    if (own) return { ...own, reason: `The server is outside the mesh, so ztunnel sent this as plain TCP. ${own.reason}` };
    return { gap: 'non-mesh-destination', reason: `The server ${nodeLabel(target)} is outside the mesh: only the source ztunnel reported this traffic, sent as plain TCP.`, fix: `Open the server's workload page: it says why the server is not captured.` };
  }
  if (reason === 'external-destination') {
    return { gap: 'external-destination', reason: `The destination ${nodeLabel(target)} is outside the cluster (an address the mesh does not know), so ztunnel cannot use mTLS to it.`, fix: 'Use TLS in the application, or send the traffic through an egress gateway that originates TLS.' };
  }
  if (reason === 'partial') {
    return { gap: 'partial', reason: 'Part of this traffic was mTLS and part was not: some clients or servers behind this edge are not in the mesh, or were enrolled during the window.', fix: 'Narrow the window, or open the workloads behind this edge: the ones not protected say why.' };
  }
  return { gap: 'not-mtls', reason: 'ztunnel reported this traffic as not mTLS (connection_security_policy is not mutual_tls).', fix: 'Open both workloads: the one not protected says why.' };
}
