// Which rows of a long list to put in the DOM: those in view plus a few either side. Pure.

/** Below this many rows every row is rendered (cheap, and find-in-page sees them all). */
export const VIRTUAL_FROM = 150;

export interface WindowInput {
  count: number;
  rowHeight: number;
  scrollTop: number;
  /** Height of the scrolling box. */
  viewport: number;
  /** Rows rendered beyond each edge, so fast scrolling and arrow keys find a row ready. */
  overscan?: number;
}

/** Rows [start, end) to render. */
export function visibleWindow(input: WindowInput): { start: number; end: number } {
  const { count, rowHeight, scrollTop, viewport } = input;
  if (count < VIRTUAL_FROM) return { start: 0, end: count };
  const overscan = input.overscan ?? 8;
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const visible = Math.ceil(Math.max(viewport, rowHeight) / rowHeight) + 1;
  const start = Math.max(0, Math.min(first - overscan, count - visible - overscan));
  const end = Math.min(count, first + visible + overscan);
  return { start: Math.max(0, start), end };
}

/** The scrollTop that brings row `index` into view, or null when it already is. */
export function scrollToShow(index: number, rowHeight: number, scrollTop: number, viewport: number): number | null {
  const top = index * rowHeight;
  if (top < scrollTop) return top;
  if (top + rowHeight > scrollTop + viewport) return top + rowHeight - viewport;
  return null;
}
