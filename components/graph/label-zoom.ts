// Readable labels: on graphs up to SMALL_GRAPH_NODES nodes, "fit" never zooms below the level at
// which labels draw at READABLE_PX CSS px (on a phone the user pans; on a desktop the layered layout is
// compact enough for Bookinfo to fit whole: layouts.ts); when zoomed out further, labels
// fade in quarter steps instead of shrinking to noise. Pure.
import { EDGE_FONT, NODE_FONT } from './stylesheet';

export const READABLE_PX = 11;
export const SMALL_GRAPH_NODES = 50;
/** The smallest zoom at which both node and edge labels are READABLE_PX or more. */
export const READABLE_ZOOM = READABLE_PX / Math.min(EDGE_FONT, NODE_FONT);
/** Below this many rendered px a label is noise: fully faded. */
const INVISIBLE_PX = 5;

/** 0, 0.25, 0.5, 0.75 or 1: few steps, so zooming restyles the graph a handful of times at most. */
export function labelOpacityAt(zoom: number, font = Math.min(EDGE_FONT, NODE_FONT)): number {
  const px = zoom * font;
  const t = Math.min(1, Math.max(0, (px - INVISIBLE_PX) / (READABLE_PX - INVISIBLE_PX)));
  return Math.round(t * 4) / 4;
}

/**
 * The zoom "fit" should use: at least READABLE_ZOOM on small graphs, so labels stay readable. A
 * namespace map passes its larger font: the whole map fits sooner, its namespace names still readable.
 */
export function readableFitZoom(fitZoom: number, nodeCount: number, font?: number): number {
  const readable = font === undefined ? READABLE_ZOOM : READABLE_PX / font;
  return nodeCount <= SMALL_GRAPH_NODES ? Math.max(fitZoom, readable) : fitZoom;
}
