// `npm run bench`: runs every scripts/bench-*.ts and prints its figures.
import { readdirSync } from 'node:fs';

interface BenchModule {
  run(): Promise<{ name: string; value: number; unit: string }[]>;
}

const dir = new URL('./', import.meta.url);
// `npm run bench -- --only load` runs scripts/bench-load.ts alone; other options go to the benches.
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt >= 0 ? process.argv[onlyAt + 1] : undefined;
const files = readdirSync(dir).filter((f) => /^bench-.+\.ts$/.test(f) && (!only || f === `bench-${only}.ts`)).sort();
let failed = false;
for (const file of files) {
  process.stdout.write(`== ${file}\n`);
  try {
    const mod = (await import(new URL(file, dir).href)) as BenchModule;
    for (const f of await mod.run()) process.stdout.write(`  ${f.name}: ${f.value} ${f.unit}\n`);
  } catch (err) {
    failed = true;
    process.stdout.write(`  failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  }
}
process.exit(failed ? 1 : 0);
