// `npm run bench`: runs every scripts/bench-*.ts (or those named: `npm run bench -- scale graph`),
// prints its figures and writes them to docs/benchmarks.md, one section per file, with the machine.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, type, release } from 'node:os';

interface BenchModule {
  run(): Promise<{ name: string; value: number; unit: string }[]>;
}

const dir = new URL('./', import.meta.url);
const only = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => /^bench-.+\.ts$/.test(f))
  .filter((f) => only.length === 0 || only.some((o) => f === `bench-${o}.ts`))
  .sort();
const started = performance.now();
const sections: string[] = [];
let failed = false;
for (const file of files) {
  process.stdout.write(`== ${file}\n`);
  const t0 = performance.now();
  const rows: string[] = [];
  try {
    const mod = (await import(new URL(file, dir).href)) as BenchModule;
    for (const f of await mod.run()) {
      process.stdout.write(`  ${f.name}: ${f.value} ${f.unit}\n`);
      rows.push(`| ${f.name} | ${f.value} ${f.unit} |`);
    }
  } catch (err) {
    failed = true;
    const why = err instanceof Error ? (err.stack ?? err.message) : String(err);
    process.stdout.write(`  failed: ${why}\n`);
    rows.push(`| failed | ${why.split('\n')[0]} |`);
  }
  sections.push(`## ${file} (${Math.round((performance.now() - t0) / 1000)} s)\n\n| measure | value |\n|---|---|\n${rows.join('\n')}\n`);
}
const cpu = cpus();
const machine = `${cpu.length} x ${cpu[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB RAM, ${type()} ${release()}, Node ${process.version}`;
const doc = `# Benchmarks

Written by \`npm run bench\` (scripts/bench.ts runs every scripts/bench-*.ts). Do not edit by hand.

Machine: ${machine}. Run ${new Date().toISOString().slice(0, 16)}Z, ${Math.round((performance.now() - started) / 1000)} s in all.
The machine is shared with other jobs: figures are single runs (medians where stated).

${sections.join('\n')}`;
writeFileSync(new URL('../docs/benchmarks.md', import.meta.url), only.length === 0 ? doc : merged(doc));

/** A partial run (`npm run bench -- scale`) replaces its own sections and keeps the others. */
function merged(fresh: string): string {
  const file = new URL('../docs/benchmarks.md', import.meta.url);
  let old = '';
  try {
    old = readFileSync(file, 'utf8');
  } catch {
    return fresh;
  }
  const sectionsOf = (text: string) => new Map(text.split(/^(?=## )/m).slice(1).map((s) => [s.split(/[ \n]/)[1] ?? '', s]));
  const all = sectionsOf(old);
  for (const [name, body] of sectionsOf(fresh)) all.set(name, body);
  const head = fresh.split(/^(?=## )/m)[0] ?? '';
  return `${head}${[...all.values()].map((s) => s.trimEnd()).join('\n\n')}\n`;
}
process.exit(failed ? 1 : 0);
