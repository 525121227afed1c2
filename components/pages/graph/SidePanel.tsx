'use client';

import { collapsedAppId } from '@/lib/graph/ids';
import { graphLookup } from '@/lib/graph/lookup';
import type { GraphNode, MeshGraph } from '@/lib/graph/model';
import { Button } from '@/components/ui/Button';
import { EdgeDetails } from '@/components/graph/EdgeDetails';
import { ElementList } from '@/components/graph/ElementList';
import { NodeDetails } from '@/components/graph/NodeDetails';
import { mtlsBadge, mtlsState } from '@/components/graph/names';
import { ALL_NAMESPACES } from '@/components/graph/collapse';
import type { CollapseSpec, GraphViewState } from '@/components/graph/view-state';
import { useQuery } from '@tanstack/react-query';
import { nodeNamespace } from '@/lib/graph/lookup';
import { MAX_SPARKLINE_EDGES } from '@/lib/graph/request';
import { sparklinesQueryOptions } from '@/lib/api-client/series';
import { formatShare } from '@/components/graph/format';
import { meshTraffic } from '@/lib/posture/traffic';
import { SeriesPanel } from './SeriesPanel';

function Summary({ graph }: { graph: MeshGraph }) {
  const counts = { full: 0, partial: 0, none: 0, unknown: 0 };
  for (const e of graph.edges) counts[mtlsState(e.security)] += 1;
  const totals = meshTraffic(graph).totals;
  return (
    <div className="grid grid-cols-3 gap-2 text-center" aria-label="mTLS summary">
      <div className="rounded-md bg-green-50 p-2 dark:bg-green-950/50"><div className="text-lg font-semibold">{counts.full}</div><div className="text-xs">{mtlsBadge.full} mTLS</div></div>
      <div className="rounded-md bg-amber-50 p-2 dark:bg-amber-950/50"><div className="text-lg font-semibold">{counts.partial}</div><div className="text-xs">{mtlsBadge.partial} partly</div></div>
      <div className="rounded-md bg-red-50 p-2 dark:bg-red-950/50"><div className="text-lg font-semibold">{counts.none}</div><div className="text-xs">{mtlsBadge.none} plaintext</div></div>
      {/* The same figures as Overview and Security, from the one computation in lib/posture. */}
      <p className="col-span-3 text-left text-xs text-slate-600 dark:text-slate-400" aria-label="Security figures">
        <span data-testid="graph-plaintext-edges">Plaintext edges {totals.plaintextEdges}</span> of {totals.edges} (any plaintext: partly or wholly) ·{' '}
        <span data-testid="graph-mtls-share">mTLS share of bytes {totals.mtlsShare === null ? '—' : formatShare(totals.mtlsShare)}</span>
      </p>
    </div>
  );
}

function CollapseActions({ node, collapse, onCollapse }: { node: GraphNode; collapse: CollapseSpec; onCollapse: (spec: CollapseSpec) => void }) {
  if (node.kind === 'aggregate') {
    const expand =
      node.aggregateBy === 'namespace'
        ? { namespaces: collapse.namespaces.includes(ALL_NAMESPACES) ? [] : collapse.namespaces.filter((n) => n !== node.namespace), apps: collapse.apps }
        : { namespaces: collapse.namespaces, apps: collapse.apps.filter((a) => collapsedAppId(node.cluster, a) !== node.id) };
    return <Button size="sm" onClick={() => onCollapse(expand)}>{collapse.namespaces.includes(ALL_NAMESPACES) ? 'Expand all namespaces' : 'Expand'}</Button>;
  }
  if (node.kind === 'unknown' || node.kind === 'external') return null;
  const app = node.kind === 'workload' ? node.app : node.kind === 'app' ? node.app : undefined;
  return (
    <div className="flex flex-wrap gap-2">
      <Button size="sm" onClick={() => onCollapse({ ...collapse, namespaces: [...collapse.namespaces, node.namespace] })}>Collapse namespace</Button>
      {app && <Button size="sm" onClick={() => onCollapse({ ...collapse, apps: [...collapse.apps, `${node.namespace}/${app}`] })}>Collapse app {app}</Button>}
    </div>
  );
}

export interface SidePanelProps {
  graph: MeshGraph;
  selected: string | null;
  onSelect: (id: string | null) => void;
  security: boolean;
  matches: ReadonlySet<string> | null;
  collapse: CollapseSpec;
  onCollapse: (spec: CollapseSpec) => void;
  /** Drill-down into a node's graph. */
  onOpenNodeGraph: (id: string) => void;
  /** The view, for the time series of the selection. */
  view: GraphViewState;
  /** At 1024 px and below the panel floats over the canvas as a drawer instead of taking a column. */
  overlay: boolean;
  onClose: () => void;
}

export function SidePanel({ graph, selected, onSelect, security, matches, collapse, onCollapse, onOpenNodeGraph, view, overlay, onClose }: SidePanelProps) {
  // The namespaces the drawn nodes are in (a node graph spans several), for the sparklines' one request.
  const namespaces = [...new Set(graph.nodes.filter((n) => !n.flags.inaccessible && n.kind !== 'aggregate').map(nodeNamespace).filter((n): n is string => n !== undefined))];
  const sparklines = useQuery(
    sparklinesQueryOptions(
      { namespaces: graph.edges.length <= MAX_SPARKLINE_EDGES ? namespaces : [], graphType: view.graphType, waypoints: view.waypoints, duration: view.duration, ...(view.queryTime !== null ? { queryTime: view.queryTime } : {}) },
      { refetchInterval: false, staleTime: 60_000 },
    ),
  );
  const node = selected ? graphLookup(graph).node(selected) : undefined;
  const edge = selected && !node ? graphLookup(graph).edge(selected) : undefined;
  return (
    <aside
      id="graph-details-panel"
      aria-label="Details"
      onKeyDown={(e) => overlay && e.key === 'Escape' && onClose()}
      className={`flex flex-col overflow-auto border-l border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900 ${
        overlay ? 'absolute inset-y-0 right-0 z-30 w-[min(24rem,100%)] shadow-2xl' : 'w-96 shrink-0'
      }`}
    >
      <div className="mb-3 flex items-center justify-between gap-2">
        {node || edge ? (
          <Button size="sm" variant="ghost" onClick={() => onSelect(null)}>
            ← All nodes and edges
          </Button>
        ) : (
          <span />
        )}
        <Button size="sm" variant="ghost" aria-label="Close details" onClick={onClose}>✕</Button>
      </div>
      {node && (
        <div className="space-y-4">
          <NodeDetails node={node} graph={graph} onSelect={onSelect} />
          <div className="flex flex-wrap gap-2">
            {node.kind !== 'aggregate' && node.kind !== 'unknown' && node.kind !== 'external' && view.focus !== node.id && (
              <Button size="sm" variant="primary" onClick={() => onOpenNodeGraph(node.id)}>Node graph</Button>
            )}
          </div>
          <CollapseActions node={node} collapse={collapse} onCollapse={onCollapse} />
          <SeriesPanel graph={graph} view={view} subject={{ kind: 'node', id: node.id }} />
        </div>
      )}
      {edge && (
        <div className="space-y-4">
          <EdgeDetails edge={edge} graph={graph} onSelect={onSelect} />
          <SeriesPanel graph={graph} view={view} subject={{ kind: 'edge', id: edge.id }} />
        </div>
      )}
      {selected && !node && !edge && <p className="mb-3 text-sm text-slate-500">The selected element is not in this graph any more.</p>}
      {!node && !edge && (
        <div className="space-y-4">
          <Summary graph={graph} />
          <ElementList graph={graph} selected={selected} security={security} onSelect={onSelect} matches={matches} sparklines={sparklines.data?.edges} />
        </div>
      )}
    </aside>
  );
}
