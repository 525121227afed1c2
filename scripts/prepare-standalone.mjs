// After `next build`: copy .next/static and public/ beside the standalone server.js,
// exactly as the Dockerfile does, so `node .next/standalone/server.js` serves everything.
import { cpSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const distDir = process.env.NEXT_DIST_DIR ?? '.next';
const standalone = join(distDir, 'standalone');
if (!existsSync(join(standalone, 'server.js'))) {
  console.error(`${standalone}/server.js not found: run \`next build\` first`);
  process.exit(1);
}
cpSync(join(distDir, 'static'), join(standalone, distDir, 'static'), { recursive: true });
if (existsSync('public')) cpSync('public', join(standalone, 'public'), { recursive: true });
console.log(`standalone server ready in ${standalone}`);
