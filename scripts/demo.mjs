// `npm run demo`: the dashboard on the built-in simulated ambient cluster, on a fresh clone.
// Installs dependencies and builds when needed, then starts simulator (+ Prometheus when
// installed) and the dashboard. Plain Node on purpose: it runs before node_modules exists.
import { spawnSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

const args = process.argv.slice(2);
const run = (cmd, cmdArgs) => {
  const result = spawnSync(cmd, cmdArgs, { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

if (!existsSync('node_modules/.package-lock.json')) {
  console.log('Installing dependencies (npm ci)...');
  run('npm', ['ci', '--no-audit', '--no-fund']);
}
if (args.includes('--rebuild') || !existsSync('.next/standalone/server.js')) {
  console.log('Building the dashboard (next build, ~30 s)...');
  run('npm', ['run', 'build']);
}

const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/demo-run.ts', ...args.filter((a) => a !== '--rebuild')], {
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
