// Pure geometry for the small SVG charts: values -> an SVG path, gaps (null) break the line.

export interface Frame {
  width: number;
  height: number;
  /** The value at the top edge; the bottom is 0. */
  max: number;
}

/** A nice top for the y axis: at least the largest value, never 0. */
export function chartMax(columns: readonly (readonly (number | null)[])[], floor = 0): number {
  let max = floor;
  for (const column of columns) for (const v of column) if (v !== null && Number.isFinite(v) && v > max) max = v;
  return max > 0 ? max : 1;
}

/** "M x y L x y ..." for one series; a null starts a new segment. Points are spread evenly over the width. */
export function linePath(values: readonly (number | null)[], frame: Frame): string {
  const n = values.length;
  if (n === 0) return '';
  const x = (i: number) => (n === 1 ? frame.width / 2 : (i / (n - 1)) * frame.width);
  const y = (v: number) => frame.height - (Math.min(Math.max(v, 0), frame.max) / frame.max) * frame.height;
  let path = '';
  let pen = false;
  values.forEach((v, i) => {
    if (v === null || !Number.isFinite(v)) {
      pen = false;
      return;
    }
    path += `${pen ? 'L' : 'M'}${round(x(i))} ${round(y(v))}`;
    pen = true;
  });
  return path;
}

const round = (n: number) => Math.round(n * 10) / 10;
