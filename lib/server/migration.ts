import type { InventorySource } from '@/lib/graph/inventory';
import type { GraphParams } from '@/lib/graph/query';
import type { KubeLayer } from '@/lib/kube/layer';
import { migrationInput } from '@/lib/migration/gather';
import { planMigration, type MigrationPlan } from '@/lib/migration/plan';
import type { GraphService } from './graph';

// The migration plan of one namespace from the live cluster: the informer cache's policies and
// routes, the inventory, and the namespace's traffic graph. Shared by the API route and the CLI.

export interface MigrationDeps {
  kube: () => KubeLayer;
  inventory: InventorySource;
  graph: GraphService;
  /** Istio's root namespace (mesh-wide policies): ISTIO_NAMESPACE, else istio-system. */
  rootNamespace: string;
}

/**
 * `access`: the namespaces the user may see (undefined: all). Items naming an object elsewhere
 * (a caller's workload, a mesh-wide policy in the root namespace) are left out and counted.
 */
export async function migrationPlan(deps: MigrationDeps, query: GraphParams & { namespaces: [string] }, access?: ReadonlySet<string>, signal?: AbortSignal): Promise<MigrationPlan> {
  const viewer = access ? { accessibleNamespaces: access } : {};
  const [snapshot, inventory, graph] = await Promise.all([deps.kube().snapshot(), deps.inventory.inventory(), deps.graph(query, viewer, signal)]);
  const plan = planMigration(migrationInput({
    namespace: query.namespaces[0],
    rootNamespace: deps.rootNamespace,
    inventory,
    graph,
    authorizationPolicies: snapshot.authorizationpolicies ?? [],
    virtualServices: snapshot.virtualservices ?? [],
    httpRoutes: snapshot.httproutes ?? [],
  }));
  if (!access) return plan;
  const items = plan.items.filter((i) => !i.object || access.has(i.object.namespace));
  const hidden = plan.items.length - items.length;
  // A hidden blocker still blocks: the verdict stays, only the object's name is withheld.
  return { ...plan, items, ...(hidden > 0 ? { hiddenItems: hidden } : {}) };
}
