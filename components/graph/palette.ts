// The graph's colours, light and dark. The legend reads the same table, so it always matches the canvas.
import type { Enrollment } from '@/lib/graph/model';
import type { MtlsState } from './names';
import type { EdgeHealth, NodeShapeKind } from './to-elements';

export interface Palette {
  background: string;
  text: string;
  textOutline: string;
  kind: Record<NodeShapeKind, { fill: string; border: string }>;
  enrollment: Record<Enrollment, string>;
  edge: Record<EdgeHealth, string>;
  /** Line colours by security state; with the line pattern they stay apart in greyscale and for colour-blind readers (Okabe-Ito hues). */
  mtls: Record<MtlsState, string>;
  denied: string;
  box: { fill: string; border: string; text: string };
  selection: string;
  findMatch: string;
}

export const lightPalette: Palette = {
  background: '#f8fafc',
  text: '#0f172a',
  textOutline: '#f8fafc',
  kind: {
    workload: { fill: '#e0e7ff', border: '#4f46e5' },
    app: { fill: '#ccfbf1', border: '#0d9488' },
    service: { fill: '#ede9fe', border: '#7c3aed' },
    waypoint: { fill: '#fef3c7', border: '#d97706' },
    gateway: { fill: '#e0f2fe', border: '#0284c7' },
    unknown: { fill: '#f1f5f9', border: '#64748b' },
    external: { fill: '#ffedd5', border: '#ea580c' },
    aggregate: { fill: '#e2e8f0', border: '#334155' },
  },
  enrollment: { ambient: '#16a34a', 'ambient-pending': '#ca8a04', sidecar: '#2563eb', none: '#dc2626', unknown: '#64748b' },
  edge: { ok: '#94a3b8', degraded: '#d97706', failing: '#dc2626' },
  mtls: { full: '#15803d', partial: '#b26b00', none: '#c2410c', unknown: '#64748b' },
  denied: '#a3206f',
  box: { fill: '#f1f5f9', border: '#cbd5e1', text: '#475569' },
  selection: '#2563eb',
  findMatch: '#c026d3',
};

export const darkPalette: Palette = {
  background: '#020617',
  text: '#e2e8f0',
  textOutline: '#020617',
  kind: {
    workload: { fill: '#312e81', border: '#818cf8' },
    app: { fill: '#134e4a', border: '#2dd4bf' },
    service: { fill: '#4c1d95', border: '#a78bfa' },
    waypoint: { fill: '#78350f', border: '#fbbf24' },
    gateway: { fill: '#0c4a6e', border: '#38bdf8' },
    unknown: { fill: '#1e293b', border: '#94a3b8' },
    external: { fill: '#7c2d12', border: '#fb923c' },
    aggregate: { fill: '#1e293b', border: '#cbd5e1' },
  },
  enrollment: { ambient: '#4ade80', 'ambient-pending': '#facc15', sidecar: '#60a5fa', none: '#f87171', unknown: '#94a3b8' },
  edge: { ok: '#64748b', degraded: '#fbbf24', failing: '#f87171' },
  mtls: { full: '#4ade80', partial: '#f0b400', none: '#ff7a3d', unknown: '#94a3b8' },
  denied: '#e57bc0',
  box: { fill: '#0f172a', border: '#334155', text: '#94a3b8' },
  selection: '#60a5fa',
  findMatch: '#e879f9',
};

export const paletteFor = (dark: boolean): Palette => (dark ? darkPalette : lightPalette);

/** Cytoscape node shape per kind; the legend draws the same shapes. */
export const nodeShapes: Record<NodeShapeKind, string> = {
  workload: 'ellipse',
  app: 'round-rectangle',
  service: 'round-triangle',
  waypoint: 'round-hexagon',
  gateway: 'round-tag',
  unknown: 'round-diamond',
  external: 'round-pentagon',
  aggregate: 'round-octagon',
};
