#!/usr/bin/env node
// Runs the TypeScript CLI through tsx. The react-server condition resolves the 'server-only' marker
// (imported by the server modules the CLI reuses) to its empty module, as Next does on the server.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const entry = fileURLToPath(new URL('../cli/main.ts', import.meta.url));
const tsconfig = fileURLToPath(new URL('../tsconfig.json', import.meta.url));
const result = spawnSync(process.execPath, ['--conditions=react-server', '--import', 'tsx', entry, ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, TSX_TSCONFIG_PATH: process.env.TSX_TSCONFIG_PATH ?? tsconfig },
});
if (result.error) {
  process.stderr.write(`ambient-lens: cannot start node: ${result.error.message}\n`);
  process.exit(3);
}
process.exit(result.status ?? 3);
