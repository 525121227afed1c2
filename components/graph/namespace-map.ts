// Large graphs open as a namespace map: one node per namespace, edges merged between them
// (collapse.ts, with the mTLS share weighted by bytes as on workload edges). The user expands
// namespaces one at a time; only those are drawn in full. Pure.
import type { MeshGraph } from '@/lib/graph/model';
import { ALL_NAMESPACES } from './collapse';
import type { CollapseSpec, GraphViewState } from './view-state';

/** Above this many nodes a graph is unreadable at the zoom that fits it: open the namespace map. */
export const NAMESPACE_MAP_NODES = 300;
/**
 * A map already open stays open down to this many nodes, so that a refresh whose count wavers
 * around the threshold (idle workloads coming and going) does not flip the drawing back and forth.
 */
export const NAMESPACE_MAP_LEAVE_NODES = 250;

type MapInputs = Pick<GraphViewState, 'map' | 'focus' | 'expand' | 'collapse'>;

/** The map is for the namespaces' graph; a node graph (focus) is small by nature. `wasActive`: the same question's last answer was drawn as the map. */
export function namespaceMapActive(graph: MeshGraph, view: Pick<GraphViewState, 'map' | 'focus'>, wasActive = false): boolean {
  return view.map === 'auto' && view.focus === null && graph.nodes.length > (wasActive ? NAMESPACE_MAP_LEAVE_NODES : NAMESPACE_MAP_NODES);
}

/** The namespaces that can fold into one node (unknown and external nodes stay as they are). */
export function mapNamespaces(graph: MeshGraph): string[] {
  const names = new Set<string>();
  for (const n of graph.nodes) if (n.kind !== 'unknown' && n.kind !== 'external' && n.kind !== 'aggregate') names.add(n.namespace);
  return [...names].sort();
}

/** What is collapsed: on the map, every namespace not expanded, plus what the user collapsed. */
export function effectiveCollapse(graph: MeshGraph, view: MapInputs, active: boolean): CollapseSpec {
  if (!active) return view.collapse;
  if (view.collapse.namespaces.includes(ALL_NAMESPACES)) return view.collapse;
  const folded = new Set([...mapNamespaces(graph).filter((n) => !view.expand.includes(n)), ...view.collapse.namespaces]);
  return { namespaces: [...folded].sort(), apps: view.collapse.apps };
}

/**
 * The URL change for a collapse the side panel asks for (it works on the effective spec). On the
 * map, expanding or folding a namespace changes `expand`, so the rest of the map stays as it is.
 */
export function collapsePatch(graph: MeshGraph, wanted: CollapseSpec, active: boolean): Pick<GraphViewState, 'collapse'> & Partial<Pick<GraphViewState, 'expand' | 'map'>> {
  if (!active) return { collapse: wanted };
  // "Expand all" from an every-namespace collapse: leave the map for the full drawing.
  if (wanted.namespaces.length === 0 && wanted.apps.length === 0) return { collapse: wanted, expand: [], map: 'off' };
  if (wanted.namespaces.includes(ALL_NAMESPACES)) return { collapse: { namespaces: [], apps: wanted.apps }, expand: [] };
  const expand = mapNamespaces(graph).filter((n) => !wanted.namespaces.includes(n));
  return { collapse: { namespaces: [], apps: wanted.apps }, expand };
}
