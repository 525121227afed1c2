// The graph's Inventory, from the cluster model. Pure mapping plus the InventorySource adapter.
import type { Inventory, InventorySource } from '@/lib/graph/inventory';
import type { ClusterModel, WorkloadView } from './cluster-model';
import type { WaypointUse } from './enrollment';
import { workloadCapture } from './capture';

function waypointRef(use: WaypointUse): string | undefined {
  return use.kind === 'waypoint' ? use.waypoint : undefined;
}

/**
 * protocol: what ztunnel will report for the workload, from the redirection annotation
 * (HBONE when captured or a waypoint, TCP otherwise); absent when no pod runs.
 */
function protocolOf(w: WorkloadView): 'HBONE' | 'TCP' | undefined {
  if (w.pods.length === 0) return undefined;
  return w.enrollment === 'ambient' ? 'HBONE' : 'TCP';
}

export function toInventory(model: ClusterModel, cluster: string, accessibleNamespaces?: ReadonlySet<string>): Inventory {
  const visible = (ns: string) => !accessibleNamespaces || accessibleNamespaces.has(ns);
  const namespaces = new Map(model.namespaces.map((n) => [n.name, n]));
  return {
    trustDomain: model.trustDomain,
    namespaces: model.namespaces
      .filter((n) => visible(n.name))
      .map((n) => ({ name: n.name, labels: n.labels, ambientLabelled: n.enrollment.labelled, usesWaypoint: n.waypoint, discovered: n.discovered })),
    workloads: model.workloads
      .filter((w) => visible(w.namespace))
      .map((w) => ({
        cluster,
        namespace: w.namespace,
        name: w.name,
        kind: w.kind,
        app: w.app,
        version: w.versionLabelled ? w.version : undefined,
        serviceAccount: w.serviceAccount,
        principal: w.principal,
        enrollment: w.enrollment,
        enrollmentReason: w.enrollmentReason,
        protocol: protocolOf(w),
        usesWaypoint: waypointRef(w.waypoint),
        isWaypoint: w.isWaypoint,
        isIngressGateway: w.isIngressGateway,
        pods: w.pods.length,
        labels: w.labels,
        capture: workloadCapture(w, namespaces.get(w.namespace)),
        podAddresses: w.pods.map((p) => ({ pod: p.pod, ip: p.ip })),
      })),
    services: model.services
      .filter((s) => visible(s.namespace))
      .map((s) => ({ namespace: s.namespace, name: s.name, hostname: s.hostname, usesWaypoint: waypointRef(s.waypoint), workloads: s.workloads })),
  };
}

/** InventorySource over anything that yields the current cluster model (the warm cache). */
export function inventorySourceFrom(
  model: () => Promise<ClusterModel>,
  cluster: string,
  accessibleNamespaces?: ReadonlySet<string>,
): InventorySource {
  // The model is rebuilt only when the cache moves on: so is its inventory (a 5,000-workload
  // inventory is not rebuilt for every graph request).
  let last: { model: ClusterModel; inventory: Inventory } | undefined;
  return {
    inventory: async () => {
      const m = await model();
      if (last?.model !== m) last = { model: m, inventory: toInventory(m, cluster, accessibleNamespaces) };
      return last.inventory;
    },
  };
}
