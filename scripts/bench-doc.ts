// One section of docs/benchmarks.md, written by the bench that measured it: the section replaced in
// place (from its heading to the next "## "), or appended when new; other sections are left alone.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { BenchFigure } from './bench-graph';

const PATH = 'docs/benchmarks.md';

/** `heading`: the section's "## ..." line; `intro`: the lines between it and the table. */
export function writeBenchSection(heading: string, intro: string[], figures: BenchFigure[]): void {
  const body = [
    heading,
    '',
    ...intro,
    '',
    '| Figure | Value |',
    '| --- | --- |',
    ...figures.map((f) => `| ${f.name} | ${f.value} ${f.unit} |`),
    '',
  ].join('\n');
  const existing = existsSync(PATH) ? readFileSync(PATH, 'utf8') : '# Benchmarks\n\n';
  const start = existing.indexOf(heading);
  const end = start < 0 ? -1 : existing.indexOf('\n## ', start + heading.length);
  const next = start < 0 ? `${existing.trimEnd()}\n\n${body}` : `${existing.slice(0, start)}${body}${end < 0 ? '' : existing.slice(end + 1)}`;
  writeFileSync(PATH, next.endsWith('\n') ? next : `${next}\n`);
}
