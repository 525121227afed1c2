import 'server-only';
import { createHash } from 'node:crypto';
import type { Inventory, InventorySource } from '@/lib/graph/inventory';

// The graph cache's inventory version: a digest of exactly what the graph reads from Kubernetes
// that changes what it draws (enrollment and its reason, waypoints, workloads and services added or
// removed, identities, protection state). Pod churn that leaves those alone (a pod restarting, its
// IP, which pod is the least protected one, replica counts) does not move it, so a busy cluster
// does not empty the cache on every pod status change; such details are at most one cache entry's
// life (two time buckets) old.

/** The graph-relevant projection of an inventory, as a digest. Pure apart from hashing. */
export function graphInventoryDigest(inv: Inventory): string {
  const projection = [
    inv.trustDomain,
    inv.namespaces.map((n) => [n.name, n.ambientLabelled, n.usesWaypoint ?? null, n.discovered]),
    inv.workloads.map((w) => [
      w.cluster, w.namespace, w.name, w.kind, w.app ?? null, w.version ?? null, w.serviceAccount, w.principal,
      w.enrollment, w.enrollmentReason, w.protocol ?? null, w.usesWaypoint ?? null, w.isWaypoint, w.isIngressGateway,
      w.capture ? [w.capture.state, w.capture.ztunnelNotReady, w.capture.namespaceLabelled, w.capture.namespaceDiscovered] : null,
    ]),
    inv.services.map((s) => [s.namespace, s.name, s.hostname, s.usesWaypoint ?? null, s.workloads]),
  ];
  return createHash('sha256').update(JSON.stringify(projection)).digest('base64url');
}

/**
 * `version()` for an inventory source whose underlying cache has a generation: the digest is
 * computed once per generation (the generation moves on every watched change, pods included).
 */
export function withGraphVersion(source: InventorySource, generation: () => Promise<number>): InventorySource {
  let memo: { generation: number; version: Promise<string> } | undefined;
  return {
    inventory: () => source.inventory(),
    version: async () => {
      const g = await generation();
      if (memo?.generation !== g) {
        const version = source.inventory().then(graphInventoryDigest);
        memo = { generation: g, version };
        // A failed read is not remembered: the next call tries again.
        version.catch(() => {
          if (memo?.version === version) memo = undefined;
        });
      }
      return memo.version;
    },
  };
}
