// `npm run bench`: runs every scripts/bench-*.ts and prints its figures.
import { readdirSync } from 'node:fs';

interface BenchModule {
  run(): Promise<{ name: string; value: number; unit: string }[]>;
}

const dir = new URL('./', import.meta.url);
// `npm run bench -- --only load` runs scripts/bench-load.ts alone, `--only graph,parse,scale,browser`
// those four (the scale figures); other options go to the benches. Each bench's wall time is printed.
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt >= 0 ? new Set((process.argv[onlyAt + 1] ?? '').split(',')) : undefined;
const benches = readdirSync(dir).filter((f) => /^bench-.+\.ts$/.test(f) && f !== 'bench-doc.ts');
const unknown = [...(only ?? [])].filter((name) => !benches.includes(`bench-${name}.ts`));
if (unknown.length > 0) {
  process.stderr.write(`--only: no bench named ${unknown.join(', ')} (there are ${benches.map((f) => f.slice(6, -3)).join(', ')})\n`);
  process.exit(2);
}
const files = benches.filter((f) => !only || only.has(f.slice(6, -3))).sort();
let failed = false;
const started = performance.now();
const seconds = (since: number) => `${Math.round((performance.now() - since) / 1000)} s`;
for (const file of files) {
  process.stdout.write(`== ${file}\n`);
  const t0 = performance.now();
  try {
    const mod = (await import(new URL(file, dir).href)) as BenchModule;
    for (const f of await mod.run()) process.stdout.write(`  ${f.name}: ${f.value} ${f.unit}\n`);
  } catch (err) {
    failed = true;
    process.stdout.write(`  failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  }
  process.stdout.write(`  (${file}: ${seconds(t0)})\n`);
}
process.stdout.write(`== ${files.length} benches in ${seconds(started)}\n`);
process.exit(failed ? 1 : 0);
