// Expanding a namespace on the namespace map: its workloads take the place of the namespace node
// and only they are laid out; the rest of the map moves apart just enough to make room. Pure.
import type { Point } from './positions';

export interface DrawnNode {
  id: string;
  namespace: string;
  cluster: string;
}

export interface ExpansionPart {
  /** Where the namespace node was. */
  at: Point;
  /** The nodes that replace it. */
  ids: string[];
}

/** New nodes grouped under the namespace node they replace; nodes with no such node are left out. */
export function expansionParts(removedNamespaces: readonly (DrawnNode & Point)[], added: readonly DrawnNode[]): ExpansionPart[] {
  const key = (n: DrawnNode) => `${n.cluster}\u0000${n.namespace}`;
  const parts = new Map<string, ExpansionPart>();
  for (const r of removedNamespaces) parts.set(key(r), { at: { x: r.x, y: r.y }, ids: [] });
  for (const a of added) parts.get(key(a))?.ids.push(a.id);
  return [...parts.values()].filter((p) => p.ids.length > 0);
}

/**
 * New positions for nodes around a part that grew from one node to a box of `size`: everything
 * right of the centre moves right by half the growth, left of it left, and the same vertically,
 * so the map keeps its arrangement and nothing lands on the expanded part.
 */
export function makeRoom(positions: ReadonlyMap<string, Point>, centre: Point, size: { w: number; h: number }, margin = 60): Map<string, Point> {
  const dx = size.w / 2 + margin;
  const dy = size.h / 2 + margin;
  const out = new Map<string, Point>();
  for (const [id, p] of positions) {
    const sx = p.x > centre.x ? dx : p.x < centre.x ? -dx : 0;
    const sy = p.y > centre.y ? dy : p.y < centre.y ? -dy : 0;
    out.set(id, { x: p.x + sx, y: p.y + sy });
  }
  return out;
}
