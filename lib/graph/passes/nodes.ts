import type { AppNode, Enrollment, GraphNode, NodeFlags, NodeTraffic, ServiceNode, UnnamedPod, WorkloadNode } from '@/lib/graph/model';
import type { Inventory } from '@/lib/graph/inventory';
import type { InventoryWorkload } from '@/lib/graph/inventory';
import type { WorkGraph } from '@/lib/graph/work';
import { known, type Endpoint } from './endpoints';

// Endpoint -> node, by graph type. Ids are readable and stable: wl:<cluster>:<ns>:<workload>,
// app:<cluster>:<ns>:<app>, vapp:<cluster>:<ns>:<app>:<version>, svc:<cluster>:<ns>:<service>,
// unknown:<cluster>, ext:<cluster>:<address>. Waypoints are always workload nodes, whatever the graph type.

export function noFlags(): NodeFlags {
  return { waypoint: false, ingressGateway: false, outside: false, inaccessible: false, idle: false };
}

export function noTraffic(): NodeTraffic {
  return { tcpInBps: 0, tcpOutBps: 0, httpInRps: 0, httpOutRps: 0 };
}

/** Least protected first: an app is only as enrolled as its weakest workload. */
const enrollmentOrder: Enrollment[] = ['none', 'unknown', 'ambient-pending', 'sidecar', 'ambient'];

function weakest(a: Enrollment, b: Enrollment): Enrollment {
  return enrollmentOrder.indexOf(a) <= enrollmentOrder.indexOf(b) ? a : b;
}

function appLabel(e: Endpoint, inv: InventoryWorkload | undefined): string | undefined {
  return inv?.app ?? (known(e.canonicalService) ? e.canonicalService : known(e.app) ? e.app : undefined);
}

function appOf(e: Endpoint, inv: InventoryWorkload | undefined): string {
  return appLabel(e, inv) ?? e.workload;
}

function versionOf(e: Endpoint, inv: InventoryWorkload | undefined): string | undefined {
  return inv?.version ?? (known(e.canonicalRevision) ? e.canonicalRevision : known(e.version) ? e.version : undefined);
}

function workloadNode(id: string, e: Endpoint, inv: InventoryWorkload | undefined): WorkloadNode {
  const principal = inv?.principal ?? (known(e.principal) ? e.principal : undefined);
  return {
    id,
    kind: 'workload',
    cluster: e.cluster,
    namespace: e.namespace,
    workload: e.workload,
    app: appLabel(e, inv),
    version: versionOf(e, inv),
    serviceAccount: inv?.serviceAccount,
    principal,
    enrollment: inv?.enrollment ?? 'unknown',
    protocol: inv?.protocol,
    usesWaypoint: inv?.usesWaypoint,
    notInInventory: !inv,
    // Undefined when absent (JSON leaves it out): a conditional spread gave each node a hidden class of its own (lib/graph/copy.ts).
    capture: inv?.capture,
    flags: { waypoint: inv?.isWaypoint ?? false, ingressGateway: inv?.isIngressGateway ?? false, outside: false, inaccessible: false, idle: false },
    traffic: noTraffic(),
  };
}

function serviceNode(graph: WorkGraph, cluster: string, namespace: string, name: string, hostname?: string): string {
  const id = `svc:${cluster}:${namespace}:${name}`;
  if (!graph.nodes.has(id)) {
    const inv = graph.inventory.service(namespace, name);
    const node: ServiceNode = {
      id,
      kind: 'service',
      cluster,
      namespace,
      service: name,
      hostname: inv?.hostname ?? (hostname && hostname !== 'unknown' ? hostname : undefined),
      usesWaypoint: inv?.usesWaypoint,
      flags: noFlags(),
      traffic: noTraffic(),
    };
    graph.nodes.set(id, node);
  }
  return id;
}

function appNode(graph: WorkGraph, e: Endpoint, inv: InventoryWorkload | undefined, versioned: boolean): string {
  const app = appOf(e, inv);
  const version = versioned ? versionOf(e, inv) : undefined;
  const id = `${versioned ? 'vapp' : 'app'}:${e.cluster}:${e.namespace}:${app}${version ? `:${version}` : ''}`;
  const principal = inv?.principal ?? (known(e.principal) ? e.principal : undefined);
  const enrollment = inv?.enrollment ?? 'unknown';
  const existing = graph.nodes.get(id);
  if (existing?.kind === 'app') {
    if (!existing.workloads.includes(e.workload)) existing.workloads = [...existing.workloads, e.workload].sort();
    if (principal && !existing.principals.includes(principal)) existing.principals = [...existing.principals, principal].sort();
    if (inv?.capture && enrollmentOrder.indexOf(enrollment) < enrollmentOrder.indexOf(existing.enrollment)) existing.capture = inv.capture;
    existing.enrollment = weakest(existing.enrollment, enrollment);
    existing.flags.ingressGateway ||= inv?.isIngressGateway ?? false;
    return id;
  }
  const node: AppNode = {
    id,
    kind: 'app',
    cluster: e.cluster,
    namespace: e.namespace,
    app,
    version,
    workloads: [e.workload],
    principals: principal ? [principal] : [],
    enrollment,
    capture: inv?.capture,
    flags: { waypoint: false, ingressGateway: inv?.isIngressGateway ?? false, outside: false, inaccessible: false, idle: false },
    traffic: noTraffic(),
  };
  graph.nodes.set(id, node);
  return id;
}

/**
 * ztunnel names every pod istiod tells it about; a pod in a namespace outside the discovery
 * selectors is the in-cluster client it cannot name (host-network clients show as their node).
 */
export function unnamedPodsOf(inventory: Inventory): UnnamedPod[] {
  const out: UnnamedPod[] = [];
  for (const w of inventory.workloads) {
    if (!w.capture || w.capture.namespaceDiscovered || w.capture.state === 'host-network') continue;
    for (const p of w.podAddresses ?? []) out.push({ namespace: w.namespace, workload: w.name, pod: p.pod, ip: p.ip, capture: w.capture });
  }
  return out.sort((a, b) => a.namespace.localeCompare(b.namespace) || a.pod.localeCompare(b.pod));
}

function ensure(graph: WorkGraph, node: GraphNode): string {
  if (!graph.nodes.has(node.id)) graph.nodes.set(node.id, node);
  return node.id;
}

function asWorkload(graph: WorkGraph, id: string, e: Endpoint, inv: InventoryWorkload | undefined): string {
  return graph.nodes.has(id) ? id : ensure(graph, workloadNode(id, e, inv));
}

/** The node id an endpoint maps to under the graph type, creating the node on first use. */
export function nodeFor(graph: WorkGraph, e: Endpoint, role: 'source' | 'destination'): string {
  if (e.kind === 'unknown') {
    // Only pods the viewer may see are offered as the unknown source (a hidden namespace stays hidden).
    const id = `unknown:${e.cluster}`;
    if (graph.nodes.has(id)) return id; // the pods below are listed once, not per unknown client
    const accessible = graph.options.accessibleNamespaces;
    const unnamedPods = unnamedPodsOf(graph.inventory.inventory).filter((p) => !accessible || accessible.has(p.namespace));
    return ensure(graph, { id, kind: 'unknown', cluster: e.cluster, namespace: 'unknown', ...(unnamedPods.length ? { unnamedPods } : {}), flags: noFlags(), traffic: noTraffic() });
  }
  if (e.kind === 'external') {
    return ensure(graph, { id: `ext:${e.cluster}:${e.address}`, kind: 'external', address: e.address, cluster: e.cluster, namespace: 'unknown', flags: noFlags(), traffic: noTraffic() });
  }
  if (e.kind === 'service') return serviceNode(graph, e.cluster, e.serviceNamespace, e.serviceName, e.service);

  const workloadId = `wl:${e.cluster}:${e.namespace}:${e.workload}`;
  // A workload node, once drawn, is the answer in the workload graph (and for waypoints in every graph).
  if (graph.options.graphType === 'workload' && graph.nodes.has(workloadId)) return workloadId;
  const inv = graph.inventory.workload(e.cluster, e.namespace, e.workload);
  if (inv?.isWaypoint || graph.options.graphType === 'workload') return asWorkload(graph, workloadId, e, inv);
  switch (graph.options.graphType) {
    case 'app':
      return appNode(graph, e, inv, false);
    case 'versionedApp':
      return appNode(graph, e, inv, true);
    case 'service': {
      if (role === 'destination' && known(e.serviceName) && known(e.serviceNamespace)) {
        return serviceNode(graph, e.cluster, e.serviceNamespace, e.serviceName, e.service);
      }
      const svc = graph.inventory.serviceOfWorkload(e.namespace, e.workload);
      return svc ? serviceNode(graph, e.cluster, svc.namespace, svc.name, svc.hostname) : asWorkload(graph, workloadId, e, inv);
    }
  }
}

/** An inventory workload as an endpoint (for idle nodes). */
export function inventoryEndpoint(w: InventoryWorkload): Endpoint {
  return {
    kind: 'workload',
    cluster: w.cluster,
    namespace: w.namespace,
    workload: w.name,
    canonicalService: w.app ?? 'unknown',
    canonicalRevision: w.version ?? 'unknown',
    app: w.app ?? 'unknown',
    version: w.version ?? 'unknown',
    principal: w.principal,
    service: 'unknown',
    serviceName: 'unknown',
    serviceNamespace: 'unknown',
    address: 'unknown',
  };
}

export { serviceNode };
