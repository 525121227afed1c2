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

declare global {
  interface Window {
    __ambientLensGraph?: RenderedGraph;
  }
}

export function summarize(cy: Core, layout: string, layoutMs: number): RenderedGraph {
  return {
    layout,
    layoutMs,
    zoom: cy.zoom(),
    pan: cy.pan(),
    nodes: cy.nodes().map((n) => ({
      id: n.id(),
      label: String(n.data('label') ?? ''),
      kind: String(n.data('kind') ?? ''),
      x: Math.round(n.position().x),
      y: Math.round(n.position().y),
      classes: n.classes(),
    })),
    edges: cy.edges().map((e) => ({
      id: e.id(),
      source: e.source().id(),
      target: e.target().id(),
      mtls: String(e.data('mtls') ?? ''),
      badge: String(e.style('source-label') ?? ''),
      label: String(e.data('label') ?? ''),
      classes: e.classes(),
    })),
  };
}
