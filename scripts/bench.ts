// `npm run bench`: runs every scripts/bench-*.ts and prints its figures.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

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
const started = performance.now();
const seconds = (since: number) => `${Math.round((performance.now() - since) / 1000)} s`;

/** One bench in this process. */
async function runHere(file: string): Promise<boolean> {
  process.stdout.write(`== ${file}\n`);
  const t0 = performance.now();
  let ok = true;
  try {
    const mod = (await import(new URL(file, dir).href)) as BenchModule;
    for (const f of await mod.run()) process.stdout.write(`  ${f.name}: ${f.value} ${f.unit}\n`);
  } catch (err) {
    ok = false;
    process.stdout.write(`  failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  }
  process.stdout.write(`  (${file}: ${seconds(t0)})\n`);
  return ok;
}

/**
 * One bench in a process of its own, with this one's options: a bench's heap (a simulated mesh of
 * thousands of workloads, a browser's stack) made the next bench's garbage collection slower
 * (buildGraph at 10k workloads: 779 ms after the browser bench in one process, 456 ms in a process of its own).
 */
function runApart(file: string): Promise<boolean> {
  const options = process.argv.slice(2).filter((_, i, all) => all[i] !== '--only' && all[i - 1] !== '--only');
  const args = [...process.execArgv, fileURLToPath(import.meta.url), ...options, '--only', file.slice(6, -3)];
  return new Promise((resolve) => spawn(process.execPath, args, { stdio: 'inherit' }).on('exit', (code) => resolve(code === 0)));
}

let failed = false;
for (const file of files) if (!(await (files.length === 1 ? runHere(file) : runApart(file)))) failed = true;
if (files.length > 1) process.stdout.write(`== ${files.length} benches in ${seconds(started)}\n`);
process.exit(failed ? 1 : 0);
