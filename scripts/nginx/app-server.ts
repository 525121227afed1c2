import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { connect } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// Runs the production build the way the container image does: .next/standalone with .next/static
// and public/ copied beside server.js, group 0 owning everything with the owner's rights, started
// as `node server.js` (or tls-front.mjs) under any UID. Specs use it for servers with their own env
// (AUTH_STRATEGY=token on 3101, ...), from the same build as the main e2e server.

export interface AppServerOptions {
  port: number;
  env: Record<string, string>;
  /** Run as this UID with group 0 and no supplementary groups (setpriv), as OpenShift does. */
  uid?: number;
  /** A build other than the default (e.g. one made with BASE_PATH). */
  distDir?: string;
  /** Start deploy/image/tls-front.mjs instead of server.js (HTTPS on env.TLS_PORT). */
  tlsFront?: boolean;
}

export interface RunningAppServer {
  url: string;
  /** The node process (setpriv execs it, so this is the server itself). */
  pid: number;
  dir: string;
  logs(): string;
  stop(): Promise<void>;
}

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** A copy of the standalone build laid out as in the image (made once per build id). */
export function imageLayout(distDir = process.env.E2E_DIST_DIR ?? '.next'): string {
  const dist = path.resolve(repo, distDir);
  const standalone = path.join(dist, 'standalone');
  if (!existsSync(path.join(standalone, 'server.js'))) throw new Error(`no standalone build in ${standalone}: run next build first`);
  const buildId = readFileSync(path.join(dist, 'BUILD_ID'), 'utf8').trim();
  const dir = path.join(tmpdir(), `ambient-lens-image-${path.basename(dist)}-${buildId}`);
  if (existsSync(path.join(dir, '.ready'))) return dir;
  rmSync(dir, { recursive: true, force: true });
  cpSync(standalone, dir, { recursive: true, verbatimSymlinks: true });
  const innerDist = path.join(dir, path.basename(dist));
  cpSync(path.join(dist, 'static'), path.join(innerDist, 'static'), { recursive: true });
  if (existsSync(path.join(repo, 'public'))) cpSync(path.join(repo, 'public'), path.join(dir, 'public'), { recursive: true });
  cpSync(path.join(repo, 'deploy/image/tls-front.mjs'), path.join(dir, 'tls-front.mjs'));
  execFileSync('mkdir', ['-p', path.join(innerDist, 'cache')]);
  // As the Dockerfile: group 0 owns it all with the owner's rights; others get nothing extra.
  execFileSync('chgrp', ['-R', '0', dir]);
  execFileSync('chmod', ['-R', 'g=u,o-w', dir]);
  execFileSync('chmod', ['o+x', path.dirname(dir)]);
  execFileSync('touch', [path.join(dir, '.ready')]);
  return dir;
}

async function waitHealthy(url: string, child: ChildProcess, logs: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${logs()}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server at ${url} not healthy within 60 s:\n${logs()}`);
}

/** Refuses a port something already listens on (else the health check would pass against it). */
export async function assertPortFree(port: number): Promise<void> {
  const inUse = await new Promise<boolean>((resolve) => {
    const socket = connect({ host: '127.0.0.1', port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
  if (inUse) throw new Error(`port ${port} is already in use on 127.0.0.1`);
}

export async function startAppServer(options: AppServerOptions): Promise<RunningAppServer> {
  await assertPortFree(options.port);
  if (options.tlsFront) await assertPortFree(Number(options.env.TLS_PORT ?? 8443));
  const dir = imageLayout(options.distDir);
  const entry = options.tlsFront ? 'tls-front.mjs' : 'server.js';
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: '/tmp',
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    HOSTNAME: '127.0.0.1',
    PORT: String(options.port),
    LOG_LEVEL: 'warn',
    ...(options.tlsFront ? { UPSTREAM_PORT: String(options.port) } : {}),
    ...options.env,
  };
  const command = options.uid === undefined ? process.execPath : 'setpriv';
  const args = options.uid === undefined ? [entry] : [`--reuid=${options.uid}`, '--regid=0', '--clear-groups', process.execPath, entry];
  const child = spawn(command, args, { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  const base = options.tlsFront ? `https://127.0.0.1:${env.TLS_PORT ?? '8443'}` : `http://127.0.0.1:${options.port}`;
  const basePath = options.env.BASE_PATH ?? '';
  try {
    if (options.tlsFront) {
      // Node's fetch will not trust the self-signed cert; the plain upstream tells us it is up.
      await waitHealthy(`http://127.0.0.1:${options.port}${basePath}/healthz`, child, () => output);
    } else {
      await waitHealthy(`${base}${basePath}/healthz`, child, () => output);
    }
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
  return {
    url: `${base}${basePath}`,
    pid: child.pid ?? -1,
    dir,
    logs: () => output,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
