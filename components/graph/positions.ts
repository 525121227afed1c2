// Keeps the picture still across refreshes: nodes already drawn keep their place, and only new
// nodes are placed, next to the nodes they talk to. Pure.

export interface Point {
  x: number;
  y: number;
}

export interface PlacementInput {
  /** Positions of nodes already on screen that are still in the graph. */
  existing: ReadonlyMap<string, Point>;
  /** Nodes to place, in graph order. */
  added: readonly string[];
  edges: readonly { source: string; target: string }[];
  /** Distance between neighbouring nodes. */
  spacing?: number;
}

/**
 * A full layout is worth its reshuffle only when most of the picture is new (another namespace
 * selection, another graph type); otherwise new nodes are placed by placeNewNodes.
 */
export function needsFullLayout(existing: number, added: number): boolean {
  if (existing === 0) return added > 0;
  return added > existing;
}

export function placeNewNodes(input: PlacementInput): Map<string, Point> {
  const spacing = input.spacing ?? 90;
  const known = new Map(input.existing);
  const placed = new Map<string, Point>();
  const occupied = (p: Point) => [...known.values()].some((q) => Math.abs(q.x - p.x) < spacing * 0.6 && Math.abs(q.y - p.y) < spacing * 0.6);
  const put = (id: string, p: Point) => {
    let candidate = p;
    for (let step = 1; occupied(candidate) && step < 200; step += 1) {
      // Alternate below and above the wanted spot.
      const offset = Math.ceil(step / 2) * spacing * 0.7 * (step % 2 === 1 ? 1 : -1);
      candidate = { x: p.x, y: p.y + offset };
    }
    known.set(id, candidate);
    placed.set(id, candidate);
  };

  // Nodes with a drawn neighbour first; each placement can give the next one a neighbour.
  let pending = [...input.added];
  let progress = true;
  while (pending.length > 0 && progress) {
    progress = false;
    const still: string[] = [];
    for (const id of pending) {
      const anchors: Point[] = [];
      for (const e of input.edges) {
        // A client sits left of its server (the layered layout's direction).
        const src = e.target === id ? known.get(e.source) : undefined;
        const dst = e.source === id ? known.get(e.target) : undefined;
        if (src && e.source !== id) anchors.push({ x: src.x + spacing * 1.5, y: src.y });
        if (dst && e.target !== id) anchors.push({ x: dst.x - spacing * 1.5, y: dst.y });
      }
      if (anchors.length === 0) {
        still.push(id);
        continue;
      }
      const mean = anchors.reduce((a, b) => ({ x: a.x + b.x / anchors.length, y: a.y + b.y / anchors.length }), { x: 0, y: 0 });
      put(id, mean);
      progress = true;
    }
    pending = still;
  }

  // Nodes with no drawn neighbour: a new column right of everything.
  if (pending.length > 0) {
    const all = [...known.values()];
    const right = all.length > 0 ? Math.max(...all.map((p) => p.x)) + spacing * 1.5 : 0;
    const top = all.length > 0 ? Math.min(...all.map((p) => p.y)) : 0;
    pending.forEach((id, i) => put(id, { x: right, y: top + i * spacing }));
  }
  return placed;
}
