// The cytoscape stylesheet: selectors on data fields set by toElements.ts; hover, selection and
// find results are classes. Light and dark variants from palette.ts.
import type { StylesheetJson } from 'cytoscape';
import { enrollmentWords, mtlsBadge, type MtlsState } from './names';
import { nodeShapes, paletteFor } from './palette';
import type { BadgeName } from './view-state';

export interface StyleOptions {
  dark: boolean;
  badges: Record<BadgeName, boolean>;
  /** Many elements: cheaper edges and labels skipped when zoomed out (see the perf notes). */
  large: boolean;
}

const FONT = 'ui-sans-serif, system-ui, "Segoe UI", Roboto, "Noto Sans", sans-serif, "Noto Color Emoji"';

export function stylesheet(options: StyleOptions): StylesheetJson {
  const p = paletteFor(options.dark);
  const sheet: StylesheetJson = [
    {
      selector: 'node',
      style: {
        label: 'data(label)',
        'font-family': FONT,
        'font-size': 12,
        color: p.text,
        'text-wrap': 'wrap',
        'text-valign': 'bottom',
        'text-margin-y': 4,
        'text-outline-color': p.textOutline,
        'text-outline-width': 2,
        'min-zoomed-font-size': 8,
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
        'font-size': 10,
        color: p.text,
        'text-background-color': p.background,
        'text-background-opacity': 0.85,
        'text-background-padding': '2px',
        'text-rotation': 'autorotate',
        'min-zoomed-font-size': 8,
      },
    },
    { selector: 'edge[health = "degraded"]', style: { 'line-color': p.edge.degraded, 'target-arrow-color': p.edge.degraded } },
    { selector: 'edge[health = "failing"]', style: { 'line-color': p.edge.failing, 'target-arrow-color': p.edge.failing } },
    { selector: 'edge[!active]', style: { 'line-style': 'dotted' } },
  );
  if (options.badges.security) {
    for (const [state, badge] of Object.entries(mtlsBadge)) {
      if (badge === null) continue;
      sheet.push({
        selector: `edge[mtls = "${state}"]`,
        style: {
          'source-label': badge,
          'source-text-offset': 22,
          'source-text-margin-y': -1,
          color: p.mtls[state as MtlsState],
          'text-background-opacity': 0.85,
        },
      });
    }
    sheet.push({ selector: 'edge[mtls = "none"], edge[mtls = "partial"]', style: { width: 2 } });
  }
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
