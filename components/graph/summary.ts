// What is on the canvas, read back from cytoscape: exposed as window.__ambientLensGraph so
// browser tests can check the rendered state (which edges carry a lock) without reading pixels.
import type { Core } from 'cytoscape';

export interface RenderedEdge {
  id: string;
  source: string;
  target: string;
  mtls: string;
  /** The Security badge drawn on the edge ('' when none). */
  badge: string;
  lineStyle: string;
  label: string;
  classes: string[];
}

export interface RenderedGraph {
  layout: string;
  /** How long the last full layout took, ms (0 before the first one ends). */
  layoutMs: number;
  nodes: { id: string; label: string; kind: string; x: number; y: number; classes: string[] }[];
  edges: RenderedEdge[];
  zoom: number;
  pan: { x: number; y: number };
}

/** A drawn label's box on screen (CSS px) and its font size there: for the readability tests. */
export interface RenderedLabel {
  id: string;
  group: 'nodes' | 'edges';
  text: string;
  fontPx: number;
  opacity: number;
  box: { x1: number; y1: number; x2: number; y2: number };
  /** A node's shape without its name (undefined for edges): an edge label must not lie on it either. */
  body?: { x1: number; y1: number; x2: number; y2: number };
}

declare global {
  interface Window {
    __ambientLensGraph?: RenderedGraph;
    /** Computed only when called (bounding boxes cost too much to publish on every change). */
    __ambientLensLabels?: () => RenderedLabel[];
  }
}

export function renderedLabels(cy: Core): RenderedLabel[] {
  const zoom = cy.zoom();
  return cy
    .elements()
    .filter((e) => e.data('kind') !== 'box' && String(e.data('label') ?? '') !== '')
    .map((e) => {
      const b = e.renderedBoundingBox({ includeNodes: false, includeEdges: false, includeLabels: true, includeMainLabels: true, includeSourceLabels: false, includeTargetLabels: false, includeOverlays: false });
      const shape = e.isNode() ? e.renderedBoundingBox({ includeLabels: false, includeOverlays: false }) : undefined;
      return {
        id: e.id(),
        group: e.isNode() ? 'nodes' : 'edges',
        text: String(e.data('label')),
        fontPx: Number.parseFloat(String(e.style('font-size'))) * zoom,
        opacity: Number(e.style('text-opacity')),
        box: { x1: b.x1, y1: b.y1, x2: b.x2, y2: b.y2 },
        body: shape && { x1: shape.x1, y1: shape.y1, x2: shape.x2, y2: shape.y2 },
      };
    });
}

/**
 * The canvas as tests read it, computed when read: reading every edge's style on each selection or
 * layout step cost tens of milliseconds a click on a graph of thousands of elements. Getters, so a
 * read (page.evaluate serializes it) always sees the canvas as it is now.
 */
export function liveSummary(cy: Core, layout: () => string, layoutMs: () => number): RenderedGraph {
  return {
    get layout() {
      return layout();
    },
    get layoutMs() {
      return layoutMs();
    },
    get zoom() {
      return cy.zoom();
    },
    get pan() {
      return cy.pan();
    },
    get nodes() {
      return renderedNodes(cy);
    },
    get edges() {
      return renderedEdges(cy);
    },
  };
}

function renderedNodes(cy: Core): RenderedGraph['nodes'] {
  return cy.nodes().map((n) => ({
    id: n.id(),
    label: String(n.data('label') ?? ''),
    kind: String(n.data('kind') ?? ''),
    x: Math.round(n.position().x),
    y: Math.round(n.position().y),
    classes: n.classes(),
  }));
}

function renderedEdges(cy: Core): RenderedEdge[] {
  return cy.edges().map((e) => ({
    id: e.id(),
    source: e.source().id(),
    target: e.target().id(),
    mtls: String(e.data('mtls') ?? ''),
    badge: String(e.style('source-label') ?? ''),
    lineStyle: String(e.style('line-style') ?? ''),
    label: String(e.data('label') ?? ''),
    classes: e.classes(),
  }));
}
