// Hand-built inputs for the posture tests: a small ambient mesh with the cases the pages must show.
import type { NamespaceView, PodView, WorkloadView } from '@/lib/kube/cluster-model';
import type { PodEnrollment, PodEnrollmentState } from '@/lib/kube/wire/pods';
import type { EdgeSecurity, GraphEdge, GraphNode, MeshGraph, PlaintextReason, TcpEdgeTraffic } from '@/lib/graph/model';

const flags = { waypoint: false, ingressGateway: false, outside: false, inaccessible: false, idle: false };
const traffic = { tcpInBps: 0, tcpOutBps: 0, httpInRps: 0, httpOutRps: 0 };

export function workloadNode(namespace: string, workload: string, extra: Partial<Extract<GraphNode, { kind: 'workload' }>> = {}): GraphNode {
  return { id: `wl:c:${namespace}:${workload}`, kind: 'workload', cluster: 'c', namespace, workload, enrollment: 'ambient', notInInventory: false, flags, traffic, ...extra };
}

export const externalNode: GraphNode = { id: 'ext:c:203.0.113.50', kind: 'external', cluster: 'c', namespace: '', address: '203.0.113.50', flags, traffic };
export const unknownNode: GraphNode = { id: 'unknown:c', kind: 'unknown', cluster: 'c', namespace: '', flags, traffic };

export function tcpEdge(source: GraphNode, target: GraphNode, bytes: [number, number], options: { mtls?: number; connections?: number; denied?: number; reason?: PlaintextReason } = {}): GraphEdge {
  const mtls = options.mtls ?? 1;
  const tcp: TcpEdgeTraffic = {
    clientToServerBps: bytes[0],
    serverToClientBps: bytes[1],
    connectionsOpenedPerSec: options.connections ?? 1,
    connectionsClosedPerSec: options.connections ?? 1,
    deniedPerSec: options.denied ?? 0,
    connectFailedPerSec: 0,
  };
  const security: EdgeSecurity = {
    mtlsShare: bytes[0] + bytes[1] > 0 ? mtls : null,
    mtlsShareByConnections: mtls,
    sourcePrincipals: mtls > 0 ? [`spiffe://cluster.local/ns/${source.namespace}/sa/x`] : [],
    destinationPrincipals: [`spiffe://cluster.local/ns/${target.namespace}/sa/y`],
    ...(options.reason ? { reason: options.reason } : {}),
  };
  return { id: `tcp:${source.id}>${target.id}`, source: source.id, target: target.id, protocol: 'tcp', tcp, security, sourceCluster: 'c', destinationCluster: 'c' };
}

export function graphOf(nodes: GraphNode[], edges: GraphEdge[]): MeshGraph {
  return { graphType: 'workload', namespaces: [], window: { duration: 600, queryTime: 1_700_000_000 }, nodes, edges, warnings: [] };
}

const reasons: Record<PodEnrollmentState, string> = {
  ambient: 'Enrolled',
  'ambient-pending': 'Labelled but not redirected',
  waypoint: 'A waypoint',
  sidecar: 'Sidecar',
  'opted-out': 'Opted out',
  'host-network': 'Host network',
  'not-enrolled': 'Not labelled',
};

export function pod(namespace: string, name: string, node: string, state: PodEnrollmentState, options: { unprotected?: boolean; ip?: string; sa?: string } = {}): PodView {
  const enrollment: PodEnrollment = {
    state,
    enrollment: state === 'ambient' || state === 'waypoint' ? 'ambient' : state === 'ambient-pending' ? 'ambient-pending' : state === 'sidecar' ? 'sidecar' : 'none',
    reason: reasons[state],
    unprotected: options.unprotected ?? state === 'ambient-pending',
  };
  return { namespace, pod: name, node, ready: true, restarts: 0, ip: options.ip, serviceAccount: options.sa ?? name.split('-')[0] ?? 'default', enrollment };
}

export function workload(namespace: string, name: string, pods: PodView[], extra: Partial<WorkloadView> = {}): WorkloadView {
  return {
    namespace,
    name,
    kind: 'Deployment',
    app: name,
    version: 'v1',
    versionLabelled: true,
    serviceAccount: pods[0]?.serviceAccount ?? 'default',
    principal: `spiffe://cluster.local/ns/${namespace}/sa/${pods[0]?.serviceAccount ?? 'default'}`,
    enrollment: pods[0]?.enrollment.enrollment ?? 'unknown',
    enrollmentReason: pods[0]?.enrollment.reason ?? 'No pods',
    unprotectedPods: pods.filter((p) => p.enrollment.unprotected).length,
    waypoint: { kind: 'none' },
    isWaypoint: false,
    isIngressGateway: false,
    labels: {},
    pods,
    nodes: [...new Set(pods.map((p) => p.node ?? ''))],
    services: [],
    ...extra,
  };
}

export function namespaceView(name: string, pods: PodView[], extra: Partial<NamespaceView> = {}): NamespaceView {
  const counts: Record<PodEnrollmentState, number> = { ambient: 0, 'ambient-pending': 0, waypoint: 0, sidecar: 0, 'opted-out': 0, 'host-network': 0, 'not-enrolled': 0 };
  for (const p of pods) counts[p.enrollment.state] += 1;
  return {
    name,
    labels: {},
    enrollment: { labelled: counts.ambient + counts['ambient-pending'] > 0, state: 'partial', reason: 'test', pods: counts, unprotected: pods.filter((p) => p.enrollment.unprotected).length },
    discovered: true,
    pods: { total: pods.length, ready: pods.length },
    workloads: new Set(pods.map((p) => p.pod)).size,
    ...extra,
  };
}
