'use client';

import { useQuery } from '@tanstack/react-query';
import dynamic from 'next/dynamic';
import { useEffect, useMemo, useRef, useState } from 'react';
import { graphLookup } from '@/lib/graph/lookup';
import type { MeshGraph } from '@/lib/graph/model';
import { filterTraffic } from '@/lib/graph/traffic-filter';
import { graphQueryOptions, graphUrl as graphApiUrl } from '@/lib/api-client/graph';
import { namespacesQueryOptions } from '@/lib/api-client/namespaces';
import { Notice, Spinner } from '@/components/ui/States';
import type { GraphCanvasHandle } from '@/components/graph/CytoscapeGraph';
import { collapseGraph, isCollapseEmpty, ALL_NAMESPACES } from '@/components/graph/collapse';
import { collapsePatch, effectiveCollapse, mapNamespaces, namespaceMapActive } from '@/components/graph/namespace-map';
import { keepUnchangedParts } from '@/components/graph/stable-state';
import { parseFindExpression } from '@/components/graph/find-expression';
import { findMatches, hideMatches } from '@/components/graph/find-subjects';
import { toElements } from '@/components/graph/to-elements';
import { useDarkMode } from '@/components/graph/use-dark-mode';
import { parseViewState, serializeViewState, toGraphRequest, type GraphViewState, type ParsedViewState } from '@/components/graph/view-state';
import { formatClock } from '@/components/pages/common/format';
import { useUrlState, type UrlState } from '../common/use-url-state';
import { DRAWER_QUERY, PHONE_QUERY, useMediaQuery, useRemembered } from '@/components/shell/use-layout';
import { CanvasControls } from './CanvasControls';
import { DisplayMenu } from './DisplayMenu';
import { ExportMenu } from './ExportMenu';
import { FocusBreadcrumb } from './FocusBreadcrumb';
import { FindBar } from './FindBar';
import { GraphError, NoNamespaces, NoSuchNamespace, NoTraffic } from './GraphStates';
import { metricsSourceNote } from './metrics-source-note';
import { SidePanel } from './SidePanel';
import { Toolbar } from './Toolbar';
import { TrafficMenu } from './TrafficMenu';

// Cytoscape and its layouts are most of the page's script: loaded on their own (the canvas needs the
// browser). The page's HTML already names the script, so it downloads beside the page's own
// (CanvasScriptPreload.tsx): here it is only waited for.
const CytoscapeGraph = dynamic(() => import('@/components/graph/CytoscapeGraph').then((m) => m.CytoscapeGraph), {
  ssr: false,
  loading: () => <div className="grid h-full place-items-center"><Spinner label="Loading the graph view…" /></div>,
});

/** The whole graph view lives in the URL; every change is a history entry, so Back undoes it. */
const graphUrl: UrlState<ParsedViewState, Partial<GraphViewState>> = {
  read: parseViewState,
  write: (current, patch) => serializeViewState({ ...parseViewState(current).state, ...patch }),
  history: 'push',
};

function expressionMatches(graph: MeshGraph, text: string) {
  if (text.trim() === '') return null;
  const parsed = parseFindExpression(text);
  if (!parsed.ok) return null;
  return findMatches(graph, parsed.expr, parsed.targets);
}

export function GraphView() {
  const [{ state: parsed, problems }, update] = useUrlState(graphUrl);
  // Parts a click did not change keep their identity, so memos and canvas effects keyed on them stay put.
  const stable = useRef<GraphViewState | undefined>(undefined);
  const state = keepUnchangedParts(stable.current, parsed);
  stable.current = state;
  const dark = useDarkMode();
  const canvas = useRef<GraphCanvasHandle>(null);
  const [layoutNote, setLayoutNote] = useState<string | undefined>();
  // Layout: the side panel is a column (hideable, remembered) on wide screens and an overlay drawer
  // at 1024 px and below; on phones the toolbar folds into a "View options" menu.
  const drawer = useMediaQuery(DRAWER_QUERY);
  const phone = useMediaQuery(PHONE_QUERY);
  const [panelColumn, setPanelColumn] = useRemembered('graph-panel-open', true);
  const [panelDrawer, setPanelDrawer] = useState(false);
  const [toolbarOpen, setToolbarOpen] = useState(false);
  const panelOpen = drawer ? panelDrawer : panelColumn;
  const setPanelOpen = drawer ? setPanelDrawer : setPanelColumn;
  // Selecting something on a small screen opens the drawer to show it.
  useEffect(() => {
    if (drawer && state.selected) setPanelDrawer(true);
  }, [drawer, state.selected]);

  const namespaces = useQuery(namespacesQueryOptions({ refetchInterval: false, staleTime: 30_000 }));
  const request = useMemo(() => toGraphRequest(state), [state]);
  const graph = useQuery({
    ...graphQueryOptions(request),
    refetchInterval: state.queryTime === null && state.refresh > 0 ? state.refresh * 1000 : false,
    placeholderData: (previous) => previous,
  });

  const { protocols, telemetry } = state;
  const sourceNote = graph.data ? metricsSourceNote(graph.data) : null;
  const traffic = useMemo(() => (graph.data ? filterTraffic(graph.data, { protocols, telemetry }) : null), [graph.data, protocols, telemetry]);
  const { map, focus, expand } = state;
  // Per question, the map once drawn holds until the graph is well below the threshold (namespace-map.ts).
  const question = graphApiUrl(request);
  const lastMap = useRef<{ question: string; active: boolean } | null>(null);
  const wasMap = lastMap.current?.question === question && lastMap.current?.active === true;
  const mapActive = traffic !== null && namespaceMapActive(traffic, { map, focus }, wasMap);
  useEffect(() => {
    if (traffic) lastMap.current = { question, active: mapActive };
  }, [traffic, question, mapActive]);
  const collapse = useMemo(() => (traffic ? effectiveCollapse(traffic, { map, focus, expand, collapse: state.collapse }, mapActive) : state.collapse), [traffic, map, focus, expand, state.collapse, mapActive]);
  const collapsed = useMemo(() => (traffic ? collapseGraph(traffic, collapse) : null), [traffic, collapse]);
  const hidden = useMemo(() => (collapsed ? expressionMatches(collapsed, state.hide) : null), [collapsed, state.hide]);
  const displayed = useMemo(() => (collapsed && hidden ? hideMatches(collapsed, hidden) : collapsed), [collapsed, hidden]);
  const found = useMemo(() => (displayed ? expressionMatches(displayed, state.find) : null), [displayed, state.find]);
  const matchIds = useMemo(() => (found ? new Set([...found.nodes, ...found.edges]) : null), [found]);
  const { edgeLabel, badges, boxes } = state;
  const elements = useMemo(() => (displayed ? toElements(displayed, { edgeLabel, badges, boxes }) : []), [displayed, edgeLabel, badges, boxes]);
  // A new question lays the graph out again; a refresh of the same question does not, nor does
  // expanding a namespace on the map (only its part is laid out, in place).
  const layoutKey = [state.layout, state.boxes, state.graphType, state.waypoints, state.namespaces.join(','), JSON.stringify(state.collapse), state.hide, state.focus, protocols.join(','), telemetry.join(','), mapActive].join('|');

  const select = (id: string | null) => update({ selected: id });
  // Drill-down: a history entry, so Back returns to the graph it was opened from.
  const openNodeGraph = (id: string) => update({ focus: id, selected: id, collapse: { namespaces: [], apps: [] }, find: '', hide: '' });
  const changeCollapse = (wanted: typeof collapse) => update({ ...(traffic ? collapsePatch(traffic, wanted, mapActive) : { collapse: wanted }), selected: null });
  // Double-click on the map: a namespace opens in place; anything else opens its node graph.
  const openNode = (id: string) => {
    const node = displayed ? graphLookup(displayed).node(id) : undefined;
    if (node?.kind === 'aggregate' && node.aggregateBy === 'namespace') changeCollapse({ ...collapse, namespaces: collapse.namespaces.filter((n) => n !== node.namespace && n !== ALL_NAMESPACES) });
    else if (node?.kind !== 'aggregate') openNodeGraph(id);
  };
  const selectedNode = displayed && state.selected ? graphLookup(displayed).node(state.selected) : undefined;
  const drillable = selectedNode && selectedNode.kind !== 'aggregate' && selectedNode.kind !== 'unknown' && selectedNode.kind !== 'external' ? selectedNode : undefined;
  const canDraw = displayed !== null && displayed.nodes.length > 0;

  const known = namespaces.data?.namespaces.map((n) => n.name);
  const missing = known ? state.namespaces.filter((n) => !known.includes(n)) : [];
  let body: React.ReactNode = null;
  if (state.namespaces.length > 0 && missing.length === state.namespaces.length) body = <NoSuchNamespace missing={missing} namespaces={namespaces.data?.namespaces ?? []} onPick={(ns) => update({ namespaces: ns })} />;
  else if (state.namespaces.length === 0) body = <NoNamespaces namespaces={namespaces.data?.namespaces ?? []} onPick={(ns) => update({ namespaces: ns })} />;
  else if (graph.isPending) body = <div className="grid h-full place-items-center"><Spinner label="Asking Prometheus for the traffic…" /></div>;
  else if (graph.isError && !graph.data) body = <div className="p-6"><GraphError error={graph.error} onRetry={() => void graph.refetch()} onReset={() => update({ ...state, graphType: 'workload', duration: 600, queryTime: null, find: '', hide: '' })} onLive={() => update({ queryTime: null })} /></div>;
  else if (displayed && displayed.nodes.length === 0 && graph.data?.nodes.length === 0) body = <NoTraffic duration={state.duration} queryTime={state.queryTime} idle={state.idle} check={graph.data?.ztunnelSeries} onWiden={(duration) => update({ duration })} onShowIdle={() => update({ idle: true })} />;
  else if (displayed && displayed.nodes.length === 0) body = <Notice className="m-6">Everything is hidden by the Hide expression.</Notice>;

  return (
    <div className="flex h-full min-h-0 flex-col">
      {phone && (
        <div className="flex items-center gap-2 border-b border-slate-200 bg-white px-3 py-1.5 dark:border-slate-800 dark:bg-slate-900">
          <button type="button" aria-expanded={toolbarOpen} aria-controls="graph-view-options" onClick={() => setToolbarOpen(!toolbarOpen)} className="rounded-md border border-slate-300 px-2.5 py-1 text-sm dark:border-slate-700">
            {toolbarOpen ? '▴' : '▾'} View options
          </button>
          <span className="truncate text-xs text-slate-500">{state.namespaces.join(', ') || 'no namespace'} · {state.graphType}</span>
        </div>
      )}
      <div id="graph-view-options" className={phone && !toolbarOpen ? 'hidden' : 'contents'}>
      <Toolbar
        state={state}
        update={update}
        namespaces={namespaces.data?.namespaces ?? []}
        namespacesLoading={namespaces.isPending}
        namespacesError={namespaces.isError ? `Could not list namespaces: ${namespaces.error.message}` : undefined}
        updatedAt={graph.dataUpdatedAt || null}
        fetching={graph.isFetching}
        onRefresh={() => void graph.refetch()}
        traffic={<TrafficMenu state={state} update={update} />}
        display={<DisplayMenu state={state} update={update} />}
        exportMenu={<ExportMenu graph={displayed} canvas={canvas} disabled={!canDraw} />}
      />
      {state.focus !== null && (
        <FocusBreadcrumb namespaces={state.namespaces} focus={state.focus} node={graph.data ? graphLookup(graph.data).node(state.focus) : undefined} onBack={() => update({ focus: null, selected: state.focus })} />
      )}
      <FindBar find={state.find} hide={state.hide} onChange={(patch) => update(patch)} findCount={found ? found.nodes.size + found.edges.size : null} hideCount={hidden ? hidden.nodes.size + hidden.edges.size : null} />
      </div>
      <div className="space-y-1 empty:hidden [&>*]:mx-4 [&>*:first-child]:mt-2 [&>*:last-child]:mb-1">
        {problems.length > 0 && <Notice>Parts of this link were not understood: {problems.join('; ')}.</Notice>}
        {graph.isError && graph.data && <Notice>Refresh failed ({graph.error.message}); showing the graph from {formatClock(graph.dataUpdatedAt)}.</Notice>}
        {graph.data && graph.data.warnings.length > 0 && (
          <Notice>
            <span className="font-medium">Partial data:</span> {graph.data.warnings.join(' · ')}
          </Notice>
        )}
        {canDraw && layoutNote && <Notice tone="info">{layoutNote}</Notice>}
        {mapActive && canDraw && traffic && (
          <Notice tone="info">
            <span data-testid="namespace-map">
              Namespace map: {traffic.nodes.length.toLocaleString()} nodes in {mapNamespaces(traffic).length} namespaces, one node each
              {expand.length > 0 ? ` (${expand.join(', ')} drawn in full)` : ''}. Double-click a namespace, or select it and Expand, to draw its workloads.
            </span>{' '}
            <button type="button" className="underline" onClick={() => update({ map: 'off', expand: [], selected: null })}>Draw every node</button>
          </Notice>
        )}
        {!mapActive && state.map === 'off' && traffic && namespaceMapActive(traffic, { map: 'auto', focus }) && canDraw && (
          <Notice tone="info">
            Drawing all {traffic.nodes.length.toLocaleString()} nodes.{' '}
            <button type="button" className="underline" onClick={() => update({ map: 'auto', selected: null })}>Back to the namespace map</button>
          </Notice>
        )}
        {!isCollapseEmpty(state.collapse) && canDraw && (
          <Notice tone="info">
            Collapsed: {[...state.collapse.namespaces.map((n) => (n === ALL_NAMESPACES ? 'every namespace' : `namespace ${n}`)), ...state.collapse.apps.map((a) => `app ${a}`)].join(', ')}.{' '}
            <button type="button" className="underline" onClick={() => update({ collapse: { namespaces: [], apps: [] }, selected: null })}>Expand all</button>
          </Notice>
        )}
      </div>
      <div className="relative flex min-h-0 flex-1">
        <div className="relative min-w-0 flex-1 bg-slate-50 dark:bg-slate-950">
          {body}
          {canDraw && displayed && (
            <CanvasControls canvas={canvas} dark={dark} elements={elements} badges={state.badges} onEnter={drillable ? () => openNodeGraph(drillable.id) : selectedNode?.kind === 'aggregate' && selectedNode.aggregateBy === 'namespace' ? () => openNode(selectedNode.id) : undefined}>
              <CytoscapeGraph
                ref={canvas}
                elements={elements}
                layout={state.layout}
                layoutKey={layoutKey}
                badges={state.badges}
                dark={dark}
                selected={state.selected}
                matches={matchIds}
                animation={state.animation}
                onSelect={select}
                onOpen={openNode}
                onLayout={(info) => setLayoutNote(info.fallback)}
              />
            </CanvasControls>
          )}
          {canDraw && (
            <button
              type="button"
              aria-expanded={panelOpen}
              aria-controls="graph-details-panel"
              onClick={() => setPanelOpen(!panelOpen)}
              className="absolute top-3 right-3 z-10 rounded-md border border-slate-200 bg-white/90 px-2.5 py-1 text-sm shadow-sm hover:bg-slate-50 dark:border-slate-700 dark:bg-slate-900/90 dark:hover:bg-slate-800"
            >
              {panelOpen ? 'Hide details' : 'Details'}
            </button>
          )}
        </div>
        {canDraw && displayed && panelOpen && (
          <SidePanel
            graph={displayed}
            selected={state.selected}
            onSelect={select}
            security={state.badges.security}
            matches={matchIds}
            collapse={collapse}
            onCollapse={changeCollapse}
            overlay={drawer}
            onClose={() => setPanelOpen(false)}
            onOpenNodeGraph={openNodeGraph}
            view={state}
          />
        )}
      </div>
      {sourceNote && <p className="px-4 py-1 text-xs text-slate-500 dark:text-slate-400">{sourceNote}</p>}
    </div>
  );
}
