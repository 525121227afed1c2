import type { EdgeProtocol } from './model';

// Ids that more than one module builds: the graph passes, and the browser when it collapses a graph.

export function edgeId(protocol: EdgeProtocol, source: string, target: string, waypoint?: string): string {
  return `${protocol}:${source}->${target}${waypoint ? `~${waypoint}` : ''}`;
}

/** The opaque node that stands for a namespace the user may not see (passes/visibility.ts). */
export function opaqueNamespaceId(cluster: string, namespace: string): string {
  return `ns:${cluster}:${namespace}`;
}

/** The node a viewer's collapsed namespace is drawn as. */
export function collapsedNamespaceId(cluster: string, namespace: string): string {
  return `agg:ns:${cluster}/${namespace}`;
}

/** The node a viewer's collapsed app is drawn as; namespacedApp is "namespace/app". */
export function collapsedAppId(cluster: string, namespacedApp: string): string {
  return `agg:app:${cluster}/${namespacedApp}`;
}
