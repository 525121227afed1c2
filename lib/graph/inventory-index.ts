import type { Inventory, InventoryNamespace, InventoryService, InventoryWorkload } from './inventory';

// Lookups over the inventory, built once per graph. Metrics name workloads by (cluster, namespace, name);
// an inventory from a single cluster may call its cluster differently, so a unique (namespace, name)
// match is accepted too.

export interface InventoryIndex {
  workload(cluster: string, namespace: string, name: string): InventoryWorkload | undefined;
  service(namespace: string, name: string): InventoryService | undefined;
  serviceByHostname(hostname: string): InventoryService | undefined;
  /** The first service (by name) whose selector matches the workload. */
  serviceOfWorkload(namespace: string, workload: string): InventoryService | undefined;
  namespace(name: string): InventoryNamespace | undefined;
  isWaypoint(cluster: string, namespace: string, name: string): boolean;
  /** The waypoint ("namespace/name") that traffic to this destination goes through, if any. */
  waypointFor(destination: { cluster: string; namespace: string; workload: string; service: string }): string | undefined;
  readonly inventory: Inventory;
}

export function indexInventory(inventory: Inventory): InventoryIndex {
  const byKey = new Map<string, InventoryWorkload>();
  const byNsName = new Map<string, InventoryWorkload[]>();
  for (const w of inventory.workloads) {
    byKey.set(`${w.cluster}/${w.namespace}/${w.name}`, w);
    const list = byNsName.get(`${w.namespace}/${w.name}`) ?? [];
    list.push(w);
    byNsName.set(`${w.namespace}/${w.name}`, list);
  }
  const services = new Map(inventory.services.map((s) => [`${s.namespace}/${s.name}`, s]));
  const hostnames = new Map(inventory.services.map((s) => [s.hostname, s]));
  const serviceOf = new Map<string, InventoryService>();
  for (const s of [...inventory.services].sort((a, b) => a.name.localeCompare(b.name))) {
    for (const w of s.workloads) {
      const key = `${s.namespace}/${w}`;
      if (!serviceOf.has(key)) serviceOf.set(key, s);
    }
  }
  const namespaces = new Map(inventory.namespaces.map((n) => [n.name, n]));

  const workload = (cluster: string, namespace: string, name: string) => {
    const exact = byKey.get(`${cluster}/${namespace}/${name}`);
    if (exact) return exact;
    const candidates = byNsName.get(`${namespace}/${name}`);
    return candidates?.length === 1 ? candidates[0] : undefined;
  };

  const serviceByHostname = (hostname: string) => {
    const exact = hostnames.get(hostname);
    if (exact) return exact;
    // "details:9080" or "details.bookinfo" forms: match on the first labels.
    const [name, ns] = hostname.split(':')[0]?.split('.') ?? [];
    return name && ns ? services.get(`${ns}/${name}`) : undefined;
  };

  return {
    inventory,
    workload,
    service: (namespace, name) => services.get(`${namespace}/${name}`),
    serviceByHostname,
    serviceOfWorkload: (namespace, name) => serviceOf.get(`${namespace}/${name}`),
    namespace: (name) => namespaces.get(name),
    isWaypoint: (cluster, namespace, name) => workload(cluster, namespace, name)?.isWaypoint ?? false,
    waypointFor: (d) =>
      workload(d.cluster, d.namespace, d.workload)?.usesWaypoint ??
      serviceByHostname(d.service)?.usesWaypoint ??
      namespaces.get(d.namespace)?.usesWaypoint,
  };
}
