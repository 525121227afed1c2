import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { assertPortFree } from './app-server';

// Starts nginx as a TLS-terminating reverse proxy (edge termination, like a Route) in front of an
// Ambient Lens server, with a self-signed certificate made by openssl. For browser tests
// (E2E_BASE_URL=https://127.0.0.1:<httpsPort>) and by hand:
//   node --import tsx scripts/nginx/nginx.ts --upstream 3100 --https 3110 --http 3111 [--sub-path /lens --sub-upstream 3102]

export interface NginxOptions {
  upstreamPort: number;
  httpsPort: number;
  httpPort: number;
  /** Serve a second upstream (built with this BASE_PATH) under the path. */
  subPath?: { path: string; upstreamPort: number };
}

export interface RunningNginx {
  url: string;
  httpUrl: string;
  prefix: string;
  stop(): Promise<void>;
}

const here = path.dirname(fileURLToPath(import.meta.url));

export function renderConfig(prefix: string, options: NginxOptions): string {
  const sub = options.subPath;
  if (sub && !/^(\/[A-Za-z0-9._~-]+)+$/.test(sub.path)) throw new Error(`bad sub-path ${sub.path}`);
  const values: Record<string, string> = {
    PREFIX: prefix,
    HTTP_PORT: String(options.httpPort),
    HTTPS_PORT: String(options.httpsPort),
    UPSTREAM_PORT: String(options.upstreamPort),
    SUB_PATH: sub?.path ?? '(none)',
    SUB_PATH_LOCATION: sub ? `location ${sub.path}/ { proxy_pass http://127.0.0.1:${sub.upstreamPort}; }\n    location = ${sub.path} { proxy_pass http://127.0.0.1:${sub.upstreamPort}; }` : '',
  };
  return readFileSync(path.join(here, 'nginx.conf.template'), 'utf8').replace(/\$\{([A-Z_]+)\}/g, (m, key: string) => values[key] ?? m);
}

async function waitForPort(url: string, child: ChildProcess, prefix: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`nginx exited: ${readFileSync(path.join(prefix, 'error.log'), 'utf8')}`);
    try {
      execFileSync('openssl', ['s_client', '-connect', url, '-brief'], { input: '', stdio: ['pipe', 'ignore', 'ignore'], timeout: 2000 });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`nginx did not listen on ${url}`);
}

export async function startNginx(options: NginxOptions): Promise<RunningNginx> {
  await assertPortFree(options.httpsPort);
  await assertPortFree(options.httpPort);
  const prefix = mkdtempSync(path.join(tmpdir(), 'al-nginx-'));
  for (const dir of ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(path.join(prefix, dir));
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost',
    '-keyout', path.join(prefix, 'tls.key'), '-out', path.join(prefix, 'tls.crt'),
  ], { stdio: 'ignore' });
  const conf = path.join(prefix, 'nginx.conf');
  writeFileSync(conf, renderConfig(prefix, options));
  execFileSync('nginx', ['-t', '-q', '-p', prefix, '-e', path.join(prefix, 'error.log'), '-c', conf], { stdio: 'pipe' });
  const child = spawn('nginx', ['-p', prefix, '-e', path.join(prefix, 'error.log'), '-c', conf], { stdio: 'ignore' });
  await waitForPort(`127.0.0.1:${options.httpsPort}`, child, prefix);
  return {
    url: `https://127.0.0.1:${options.httpsPort}`,
    httpUrl: `http://127.0.0.1:${options.httpPort}`,
    prefix,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGQUIT');
        await exited;
      }
      rmSync(prefix, { recursive: true, force: true });
    },
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const arg = (name: string, fallback?: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : fallback;
  };
  const subPath = arg('sub-path');
  const running = await startNginx({
    upstreamPort: Number(arg('upstream', '3100')),
    httpsPort: Number(arg('https', '3110')),
    httpPort: Number(arg('http', '3111')),
    ...(subPath ? { subPath: { path: subPath, upstreamPort: Number(arg('sub-upstream', '3102')) } } : {}),
  });
  process.stdout.write(`nginx: ${running.url} (config ${running.prefix}/nginx.conf); Ctrl-C stops it\n`);
  const stop = () => void running.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
