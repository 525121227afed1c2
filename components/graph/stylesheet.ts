// The cytoscape stylesheet: selectors on data fields set by toElements.ts; hover, selection and
// find results are classes. Light and dark variants from palette.ts.
import type { StylesheetJson } from 'cytoscape';
import { enrollmentWords, mtlsBadge, mtlsDash, type MtlsState } from './names';
import { nodeShapes, paletteFor } from './palette';
import type { BadgeName } from './view-state';

export interface StyleOptions {
  dark: boolean;
  badges: Record<BadgeName, boolean>;
  /** Many elements: cheaper edges and labels skipped when zoomed out (see the perf notes). */
  large: boolean;
  /** 0..1: labels fade out as the graph is zoomed out past readability (see label-zoom.ts). */
  labelOpacity?: number;
  /** The same for namespace nodes on the namespace map, whose labels are larger (NAMESPACE_FONT). */
  namespaceLabelOpacity?: number;
}

/** Label sizes in graph units: at zoom >= READABLE_ZOOM they draw at 11 CSS px or more. */
export const NODE_FONT = 13;
export const EDGE_FONT = 12;
/** Namespace nodes of the namespace map: larger, so the map reads at a zoom that shows many of them. */
export const NAMESPACE_FONT = 18;

const FONT = 'ui-sans-serif, system-ui, "Segoe UI", Roboto, "Noto Sans", sans-serif, "Noto Color Emoji"';

export function stylesheet(options: StyleOptions): StylesheetJson {
  const p = paletteFor(options.dark);
  const sheet: StylesheetJson = [
    {
      selector: 'node',
      style: {
        label: 'data(label)',
        'font-family': FONT,
        'font-size': NODE_FONT,
        color: p.text,
        'text-opacity': options.labelOpacity ?? 1,
        'text-wrap': 'wrap',
        'text-valign': 'bottom',
        'text-margin-y': 4,
        'text-outline-color': p.textOutline,
        'text-outline-width': 2,
        'min-zoomed-font-size': options.large ? 8 : 4,
        width: 40,
        height: 40,
        'border-width': 2,
      },
    },
  ];
  for (const [kind, shape] of Object.entries(nodeShapes)) {
    const colours = p.kind[kind as keyof typeof p.kind];
    sheet.push({ selector: `node[shape = "${kind}"]`, style: { shape: shape as 'ellipse', 'background-color': colours.fill, 'border-color': colours.border } });
  }
  sheet.push(
    { selector: 'node[shape = "aggregate"]', style: { width: 52, height: 52, 'border-width': 3, 'border-style': 'double' } },
    {
      selector: 'node[aggregateBy = "namespace"]',
      style: { width: 68, height: 68, 'font-size': NAMESPACE_FONT, 'font-weight': 'bold', 'text-opacity': options.namespaceLabelOpacity ?? options.labelOpacity ?? 1, 'min-zoomed-font-size': 6 },
    },
    { selector: 'node[shape = "waypoint"]', style: { width: 38, height: 38 } },
    { selector: 'node[?outside]', style: { 'border-style': 'dashed', 'background-opacity': 0.55 } },
    { selector: 'node[?inaccessible]', style: { 'border-style': 'dotted', 'background-color': p.kind.unknown.fill, 'border-color': p.kind.unknown.border } },
    { selector: 'node[?idle]', style: { opacity: 0.5 } },
  );
  if (options.badges.enrollment) {
    for (const enrollment of Object.keys(enrollmentWords)) {
      sheet.push({ selector: `node[enrollment = "${enrollment}"]`, style: { 'border-color': p.enrollment[enrollment as keyof typeof p.enrollment], 'border-width': 3 } });
    }
  }
  sheet.push(
    {
      selector: 'node[kind = "box"]',
      style: {
        shape: 'round-rectangle',
        'background-color': p.box.fill,
        'background-opacity': 0.6,
        'border-color': p.box.border,
        'border-width': 1,
        'border-style': 'solid',
        label: 'data(label)',
        color: p.box.text,
        'text-valign': 'top',
        'text-halign': 'center',
        'text-margin-y': -4,
        'font-size': 12,
        'font-weight': 'bold',
        padding: '18px',
      },
    },
    { selector: 'node[boxKind = "cluster"]', style: { 'border-style': 'dashed', 'border-width': 2, 'background-opacity': 0.3 } },
    {
      selector: 'edge',
      style: {
        width: 1.5,
        'curve-style': options.large ? 'straight' : 'bezier',
        'line-color': p.edge.ok,
        'target-arrow-color': p.edge.ok,
        'target-arrow-shape': 'triangle',
        'arrow-scale': 0.9,
        label: 'data(label)',
        'font-family': FONT,
        'font-size': EDGE_FONT,
        color: p.text,
        'text-opacity': options.labelOpacity ?? 1,
        'text-background-color': p.background,
        'text-background-opacity': 0.85 * (options.labelOpacity ?? 1),
        'text-background-padding': '2px',
        // Horizontal: easier to read, and a label's box is exactly what it covers (label-nudge.ts).
        'text-rotation': 'none',
        'min-zoomed-font-size': options.large ? 8 : 4,
      },
    },
    { selector: 'edge[health = "degraded"]', style: { 'line-color': p.edge.degraded, 'target-arrow-color': p.edge.degraded } },
    { selector: 'edge[health = "failing"]', style: { 'line-color': p.edge.failing, 'target-arrow-color': p.edge.failing } },
    { selector: 'edge[!active]', style: { 'line-style': 'dotted' } },
  );
  if (options.badges.security) {
    // Security: a lock only on fully mTLS edges; partial and plaintext edges get their own colour,
    // line pattern and mark, so they stay apart in greyscale and for colour-blind readers.
    for (const [state, badge] of Object.entries(mtlsBadge) as [MtlsState, string | null][]) {
      if (badge === null) continue;
      const dash = mtlsDash[state];
      sheet.push({
        selector: `edge[mtls = "${state}"]`,
        style: {
          'source-label': badge,
          'source-text-offset': 20,
          'source-text-margin-y': -1,
          'source-text-rotation': 'none',
          ...(dash ? { 'line-style': 'dashed', 'line-dash-pattern': dash, 'line-color': p.mtls[state], 'target-arrow-color': p.mtls[state], width: 2.5 } : {}),
        },
      });
    }
    sheet.push({ selector: 'edge[mtls = "none"]', style: { 'source-arrow-shape': 'square', 'source-arrow-color': p.mtls.none, 'font-weight': 'bold' } });
  }
  // Denied by policy: its own colour and a bar at the target ("stopped here"), whatever its bytes.
  sheet.push({ selector: 'edge[?denied]', style: { 'line-color': p.denied, 'target-arrow-color': p.denied, 'target-arrow-shape': 'tee', 'arrow-scale': 1.3, 'line-style': 'solid', width: 3 } });
  sheet.push(
    { selector: '.hover', style: { 'border-width': 4, 'z-index': 20 } },
    { selector: 'edge.hover', style: { width: 3, 'z-index': 20 } },
    { selector: '.find-match', style: { 'overlay-color': p.findMatch, 'overlay-opacity': 0.22, 'overlay-padding': 6 } },
    { selector: '.find-dim', style: { opacity: 0.25 } },
    { selector: 'node.selected', style: { 'border-color': p.selection, 'border-width': 5, 'z-index': 30 } },
    { selector: 'edge.selected', style: { 'line-color': p.selection, 'target-arrow-color': p.selection, width: 3.5, 'z-index': 30 } },
    { selector: '.animate', style: { 'line-style': 'dashed', 'line-dash-pattern': [6, 4] } },
  );
  return sheet;
}
