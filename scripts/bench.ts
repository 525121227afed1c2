// `npm run bench`: runs every scripts/bench-*.ts and prints its figures.
import { readdirSync } from 'node:fs';

interface BenchModule {
  run(): Promise<{ name: string; value: number; unit: string }[]>;
}

const dir = new URL('./', import.meta.url);
const files = readdirSync(dir).filter((f) => /^bench-.+\.ts$/.test(f)).sort();
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
