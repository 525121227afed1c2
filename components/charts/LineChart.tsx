import { chartMax, linePath } from './paths';

// A small SVG line chart: a handful of series over ~60 points needs no chart library (no canvas,
// no dependency, server-renderable, and every part is in the accessibility tree).

export interface ChartSeries {
  /** What the line plots, e.g. "client → server". */
  name: string;
  values: (number | null)[];
  /** A Tailwind stroke class; each series also has its own dash so it reads in greyscale. */
  stroke: string;
  dash?: string;
}

const WIDTH = 320;
const HEIGHT = 64;

function last(values: (number | null)[]): number | null {
  for (let i = values.length - 1; i >= 0; i--) if (values[i] !== null && values[i] !== undefined) return values[i] ?? null;
  return null;
}

/** A figure named by its title (what it plots); the lines' latest values are listed beneath it. */
export function LineChart({ title, series, format, max, window }: { title: string; series: ChartSeries[]; format: (v: number) => string; max?: number; window: string }) {
  // Headroom, so a steady line is not drawn on the chart's top edge.
  const top = max ?? chartMax(series.map((s) => s.values)) * 1.2;
  const frame = { width: WIDTH, height: HEIGHT, max: top };
  return (
    <figure aria-label={title} className="grid gap-1">
      <figcaption className="text-xs font-medium text-slate-600 dark:text-slate-300">{title}</figcaption>
      <svg role="img" aria-label={`${title} over the ${window}: ${series.map((s) => s.name).join(', ')}; top of the scale ${format(top)}`} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} preserveAspectRatio="none" className="h-16 w-full overflow-visible rounded bg-slate-50 dark:bg-slate-950">
        <line x1={0} x2={WIDTH} y1={HEIGHT} y2={HEIGHT} className="stroke-slate-300 dark:stroke-slate-700" strokeWidth={1} />
        {series.map((s) => (
          <path key={s.name} d={linePath(s.values, frame)} data-series={s.name} fill="none" className={s.stroke} strokeWidth={1.5} strokeDasharray={s.dash} vectorEffect="non-scaling-stroke" />
        ))}
      </svg>
      <ul className="flex flex-wrap gap-x-3 text-xs text-slate-500">
        {series.map((s) => {
          const now = last(s.values);
          return (
            <li key={s.name} className="flex items-center gap-1">
              <svg aria-hidden width="14" height="4" className="overflow-visible"><line x1={0} x2={14} y1={2} y2={2} className={s.stroke} strokeWidth={2} strokeDasharray={s.dash} /></svg>
              {s.name} <span className="tabular-nums">{now === null ? 'n/a' : format(now)}</span>
            </li>
          );
        })}
        <li className="ml-auto tabular-nums">scale 0–{format(top)}</li>
      </ul>
    </figure>
  );
}

/** A sparkline for a list row: one series, no axes, named for assistive technology. */
export function Sparkline({ label, values }: { label: string; values: (number | null)[] }) {
  const frame = { width: 60, height: 16, max: chartMax([values]) };
  return (
    <svg role="img" aria-label={label} viewBox="0 0 60 16" preserveAspectRatio="none" className="inline-block h-4 w-14 shrink-0 align-middle">
      <path d={linePath(values, frame)} fill="none" className="stroke-indigo-500" strokeWidth={1.25} vectorEffect="non-scaling-stroke" />
    </svg>
  );
}
