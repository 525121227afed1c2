'use client';

import cytoscape, { type Core, type ElementDefinition } from 'cytoscape';
import dagre from 'cytoscape-dagre';
import fcose from 'cytoscape-fcose';
import { useEffect, useId, useImperativeHandle, useLayoutEffect, useRef, useState, type Ref } from 'react';
import { placeAddedNodes, syncElements } from './graph-sync';
import { foldedNamespaceCentres, layoutExpandedParts, namespaceNodesAbout } from './expand-layout';
import { FIT_PADDING, layoutPlan } from './layouts';
import { paletteFor } from './palette';
import { NAMESPACE_FONT, stylesheet } from './stylesheet';
import { labelOpacityAt, readableFitZoom, SMALL_GRAPH_NODES } from './label-zoom';
import { nudgeEdgeLabels } from './label-nudge';
import { liveSummary, renderedLabels } from './summary';
import type { BadgeName, LayoutName } from './view-state';
import { useTrafficAnimation } from './use-traffic-animation';

let registered = false;
function registerExtensions() {
  if (registered) return;
  cytoscape.use(dagre);
  cytoscape.use(fcose);
  registered = true;
}

/** Above this many elements, cytoscape draws a cached texture while panning/zooming and hides edges (perf notes). */
export const LARGE_ELEMENTS = 1000;

export interface GraphCanvasHandle {
  zoomBy(factor: number): void;
  /** Moves the picture by (x, y) CSS px: arrow keys, when the readable zoom leaves part of it out of view. */
  panBy(x: number, y: number): void;
  fit(): void;
  relayout(): void;
  png(background?: string): Blob | null;
}

export interface CytoscapeGraphProps {
  elements: ElementDefinition[];
  layout: LayoutName;
  /** When this changes, everything is laid out again (another question, not a refresh). */
  layoutKey: string;
  badges: Record<BadgeName, boolean>;
  dark: boolean;
  selected: string | null;
  /** Ids matched by Find; null when no Find is active. */
  matches: ReadonlySet<string> | null;
  animation: boolean;
  onSelect: (id: string | null) => void;
  /** Drill-down: a node double-clicked. */
  onOpen?: (id: string) => void;
  onLayout?: (info: { algorithm: string; fallback?: string; ms: number }) => void;
  ref?: Ref<GraphCanvasHandle>;
}

export function CytoscapeGraph(props: CytoscapeGraphProps) {
  const { elements, layout, layoutKey, badges, dark, selected, matches, animation, onSelect, onLayout, ref } = props;
  const container = useRef<HTMLDivElement>(null);
  const cyRef = useRef<Core | null>(null);
  const lastKey = useRef<string | null>(null);
  const algorithm = useRef('');
  const layoutMs = useRef(0);
  const callbacks = useRef({ onSelect, onOpen: props.onOpen, onLayout });
  callbacks.current = { onSelect, onOpen: props.onOpen, onLayout };
  const large = elements.length > LARGE_ELEMENTS;
  const [tip, setTip] = useState<{ lines: string[]; x: number; y: number } | null>(null);
  const tipId = useId();
  // What the stylesheet is made of. Label opacity follows the zoom (level of detail) and is applied
  // by the zoom handler itself, not through React state: the fit that ends a layout sets the zoom
  // before the first frame, so that frame is drawn in its final style (a state update after it
  // restyled and redrew every element once more).
  const { security, waypoint, enrollment } = badges;
  const styleInputs = useRef({ dark, badges: { security, waypoint, enrollment }, large });
  styleInputs.current = { dark, badges: { security, waypoint, enrollment }, large };
  const appliedStyle = useRef('');
  const applyStyle = () => {
    const cy = cyRef.current;
    if (!cy) return;
    const inputs = styleInputs.current;
    // Very large graphs keep cytoscape's cheaper cut-off (min-zoomed-font-size) instead of fading.
    const labelOpacity = inputs.large ? 1 : labelOpacityAt(cy.zoom());
    const namespaceLabelOpacity = inputs.large ? 1 : labelOpacityAt(cy.zoom(), NAMESPACE_FONT);
    const key = JSON.stringify([inputs, labelOpacity, namespaceLabelOpacity]);
    if (key === appliedStyle.current) return;
    appliedStyle.current = key;
    cy.style(stylesheet({ ...inputs, labelOpacity, namespaceLabelOpacity }));
  };
  const restyle = useRef(applyStyle);
  restyle.current = applyStyle;


  /**
   * Whether the view is still the last fit: the user has not panned or zoomed since. A fitted view is
   * fitted again when the canvas changes size (a phone's canvas settles after the first layout, the
   * side panel folds), so that the picture stays centred instead of keeping its old top-left corner.
   */
  const fitted = useRef(false);

  /** Fit the graph; small graphs stay at a zoom where labels are readable (centred; on a phone the user pans). */
  const fitReadable = () => {
    const cy = cyRef.current;
    if (!cy) return;
    fitted.current = true;
    cy.fit(undefined, FIT_PADDING);
    const leaves = cy.nodes().filter((n) => n.data('kind') !== 'box');
    // Mostly namespace nodes: a namespace map, whose names are drawn larger.
    const map = leaves.filter('[aggregateBy = "namespace"]').length * 2 >= leaves.length;
    const zoom = readableFitZoom(cy.zoom(), leaves.length, map ? NAMESPACE_FONT : undefined);
    if (zoom !== cy.zoom()) {
      cy.zoom(zoom);
      cy.center();
    }
  };

  const refit = useRef(fitReadable);
  refit.current = fitReadable;

  /**
   * Lays the graph out. A new question is drawn at once, not animated: its nodes have no places yet
   * (they would fly out of one point), and the animation only delays a readable picture.
   */
  const runLayout = (animate = true) => {
    const cy = cyRef.current;
    if (!cy) return;
    const leaves = cy.nodes().filter((n) => n.data('kind') !== 'box');
    // A namespace map drawn layered is a few ranks of long crossing edges, wider than any screen:
    // the force layout packs it so that the whole map fits with its names readable.
    const map = leaves.filter('[aggregateBy = "namespace"]').length * 2 >= leaves.length && leaves.length > 1;
    const plan = layoutPlan(map && layout === 'layered' ? 'force' : layout, { nodeCount: leaves.length, edgeCount: cy.edges().length, animate: animate && leaves.length <= 150 });
    algorithm.current = plan.algorithm;
    const started = performance.now();
    const run = cy.layout(plan.options);
    run.one('layoutstop', () => {
      layoutMs.current = Math.round(performance.now() - started);
      if (leaves.length <= SMALL_GRAPH_NODES) nudgeEdgeLabels(cy);
      fitReadable();
      callbacks.current.onLayout?.({ algorithm: plan.algorithm, fallback: plan.fallback, ms: layoutMs.current });
    });
    run.run();
  };

  // One cytoscape per mount (and per size class: the viewport options are init-only). It, its style
  // and its elements are set up as the component commits (layout effects), so that the graph is laid
  // out before the page's next paint instead of after it.
  useLayoutEffect(() => {
    if (!container.current) return;
    registerExtensions();
    const cy = cytoscape({
      container: container.current,
      minZoom: 0.05,
      maxZoom: 4,
      pixelRatio: 1,
      textureOnViewport: large,
      hideEdgesOnViewport: large,
      boxSelectionEnabled: false,
      selectionType: 'single',
    });
    cyRef.current = cy;
    lastKey.current = null;
    cy.on('tap', (e) => {
      callbacks.current.onSelect(e.target === cy ? null : String(e.target.id()));
    });
    cy.on('dbltap', 'node', (e) => {
      if (e.target.data('kind') !== 'box') callbacks.current.onOpen?.(String(e.target.id()));
    });
    cy.on('mouseover', 'node, edge', (e) => {
      e.target.addClass('hover');
      if (e.target.isNode()) e.target.connectedEdges().addClass('hover');
      const lines = e.target.data('tooltip') as string[] | undefined;
      if (!lines) return;
      const at = e.target.isNode() ? e.target.renderedPosition() : e.target.renderedMidpoint();
      // Kept inside the canvas: the tooltip is at most 20rem wide, centred on x.
      setTip({ lines, x: Math.min(Math.max(at.x, 160), Math.max(160, cy.width() - 160)), y: at.y });
    });
    cy.on('mouseout', 'node, edge', (e) => {
      e.target.removeClass('hover');
      if (e.target.isNode()) e.target.connectedEdges().removeClass('hover');
      setTip(null);
    });
    cy.on('pan zoom', () => setTip(null));
    cy.on('dragpan pinchzoom scrollzoom', () => (fitted.current = false));
    // Labels fade by zoom level (a few steps: most zooms change nothing and restyle nothing).
    // Namespace nodes have larger labels, so they stay readable further out (level of detail by zoom).
    appliedStyle.current = '';
    if (!large) cy.on('zoom', () => restyle.current());
    // Read back only when a test asks (live getters): nothing is computed on a click.
    window.__ambientLensGraph = liveSummary(cy, () => algorithm.current, () => layoutMs.current);
    window.__ambientLensLabels = () => renderedLabels(cy);
    // The canvas changes size when the navigation or the side panel folds: redraw at the new size,
    // and fit again if the view is still the last fit.
    const resize = new ResizeObserver(() => {
      cy.resize();
      if (fitted.current && cy.nodes().length > 0) refit.current();
    });
    resize.observe(container.current);
    return () => {
      resize.disconnect();
      cy.destroy();
      cyRef.current = null;
      delete window.__ambientLensGraph;
      delete window.__ambientLensLabels;
    };
  }, [large]);

  // Keyed on the badges' values: a new object with the same values must not restyle every element.
  useLayoutEffect(() => {
    restyle.current();
  }, [dark, security, waypoint, enrollment, large]);

  useLayoutEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    const rebuild = lastKey.current !== layoutKey;
    if (rebuild) cy.elements().remove();
    // Namespace nodes about to be replaced by their workloads (a namespace expanded on the map).
    const folded = rebuild ? [] : namespaceNodesAbout(cy, elements);
    // ...and the reverse: namespace nodes that take the place of their workloads.
    const refolded = rebuild ? new Map<string, { x: number; y: number }>() : foldedNamespaceCentres(cy, elements);
    const result = syncElements(cy, elements);
    lastKey.current = layoutKey;
    const expanded = new Set(layoutExpandedParts(cy, folded, result.addedNodes, layout, () => {}));
    // An expanded part is brought into view: the view is no longer the map's fit.
    if (expanded.size > 0) fitted.current = false;
    for (const [id, at] of refolded) cy.getElementById(id).position(at);
    const placed = (id: string) => expanded.has(id) || refolded.has(id);
    if (rebuild || (result.fullLayout && expanded.size === 0 && refolded.size === 0)) runLayout(!rebuild);
    else placeAddedNodes(cy, result.addedNodes.filter((id) => !placed(id)));
    // runLayout reads `layout`, which is part of layoutKey.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- re-run on new elements or a new question only
  }, [elements, layoutKey, large]);

  // Selection touches the element that was selected and the one that is: never the whole graph.
  // It is drawn after the side panel has painted: the canvas redraw that shows it takes a frame of
  // its own (hundreds of ms at thousands of elements), and the panel is what the click asked for.
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => {
        cy.batch(() => {
          cy.elements('.selected').removeClass('selected');
          if (selected) cy.getElementById(selected).addClass('selected');
        });
      }, 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [selected, elements, large]);

  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    cy.batch(() => {
      cy.elements('.find-match, .find-dim').removeClass('find-match find-dim');
      if (matches) {
        cy.elements().forEach((el) => {
          if (el.data('kind') === 'box') return;
          el.addClass(matches.has(el.id()) ? 'find-match' : 'find-dim');
        });
      }
    });
  }, [matches, elements, large]);

  useTrafficAnimation(cyRef, animation, elements);

  useImperativeHandle(ref, () => ({
    zoomBy(factor) {
      const cy = cyRef.current;
      if (!cy) return;
      fitted.current = false;
      cy.zoom({ level: cy.zoom() * factor, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
    },
    panBy(x, y) {
      fitted.current = false;
      cyRef.current?.panBy({ x, y });
    },
    fit() {
      fitReadable();
    },
    relayout: () => runLayout(),
    png(background) {
      const cy = cyRef.current;
      if (!cy) return null;
      return cy.png({ output: 'blob', full: true, scale: 2, bg: background ?? paletteFor(dark).background });
    },
  }));

  // cytoscape forces position: relative on its container, so the container fills a positioned box.
  return (
    <div className="absolute inset-0">
      <div ref={container} className="h-full w-full" data-testid="graph-canvas" aria-describedby={tip ? tipId : undefined} />
      {tip && (
        <div
          id={tipId}
          role="tooltip"
          className="pointer-events-none absolute z-20 max-w-xs -translate-x-1/2 translate-y-3 rounded-md border border-slate-200 bg-white px-2.5 py-1.5 text-xs text-slate-800 shadow-lg dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
          style={{ left: tip.x, top: tip.y }}
        >
          {tip.lines.map((line, i) => (
            <p key={i} className={i === 0 ? 'font-semibold' : undefined}>{line}</p>
          ))}
        </div>
      )}
    </div>
  );
}
