// Starts the whole local stack: the simulated ambient cluster, real Prometheus (when the binary
// is on PATH: history backfilled, then scraping the simulator) and the dashboard's production
// server pointed at both. Used by `npm run demo`, the browser tests and the benchmarks.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startSimulator } from '../sim/index';
import { startPrometheus } from './prometheus';
import { commandExists, waitForHttp } from './process-utils';

export interface StackOptions {
  scenario: Parameters<typeof startSimulator>[0]['scenario'];
  profile: 'live' | 'constant';
  appPort: number;
  /** Address the dashboard listens on (default 127.0.0.1; 0.0.0.0 to reach it from outside). */
  appHost?: string;
  simPort: number;
  /** 'auto': use Prometheus when the binary is installed. */
  prometheus: 'auto' | 'always' | 'never';
  /** Seconds of history to backfill before now. */
  historySeconds?: number;
  scrapeIntervalSeconds?: number;
  adminToken?: string;
  /** Extra environment for the dashboard server (AUTH_STRATEGY, BASE_PATH...). */
  appEnv?: Record<string, string>;
  distDir?: string;
  log?: (line: string) => void;
}

export interface Stack {
  appUrl: string;
  /** The simulator's own endpoints (/sim/*), plain http. */
  simUrl: string;
  kubeconfigPath: string;
  prometheusUrl?: string;
  metricsSource: 'prometheus' | 'simulator';
  stop(): Promise<void>;
}

export async function startStack(options: StackOptions): Promise<Stack> {
  const log = options.log ?? (() => {});
  const distDir = options.distDir ?? '.next';
  const serverJs = join(distDir, 'standalone', 'server.js');
  if (!existsSync(serverJs)) throw new Error(`${serverJs} not found: run \`npm run build\` first`);

  const sim = await startSimulator({
    scenario: options.scenario,
    port: options.simPort,
    profile: options.profile,
    adminToken: options.adminToken,
  });
  log(`simulated cluster: ${sim.url}`);

  const usePrometheus =
    options.prometheus === 'always' || (options.prometheus === 'auto' && (await commandExists('prometheus')) && (await commandExists('promtool')));
  let prometheus: Awaited<ReturnType<typeof startPrometheus>> | undefined;
  if (usePrometheus) {
    const now = Math.floor(Date.now() / 1000);
    const historyStart = now - (options.historySeconds ?? 3600);
    prometheus = await startPrometheus({
      simulator: sim,
      historyStart,
      historyEnd: now,
      step: 15,
      scrape: { simulatorUrl: sim.httpUrl, intervalSeconds: options.scrapeIntervalSeconds ?? 5 },
    });
    log(`prometheus: ${prometheus.url}`);
  } else {
    log('prometheus not found: the dashboard reads the simulator traffic directly');
  }

  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    NODE_ENV: 'production',
    PORT: String(options.appPort),
    HOSTNAME: options.appHost ?? '127.0.0.1',
    KUBECONFIG: sim.kubeconfigPath,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    ...(prometheus ? { PROMETHEUS_URL: prometheus.url } : { SIMULATOR_METRICS_URL: sim.httpUrl }),
    ...options.appEnv,
  };
  if (!prometheus) delete env.PROMETHEUS_URL;
  const app: ChildProcess = spawn(process.execPath, [serverJs], { env: env as NodeJS.ProcessEnv, stdio: ['ignore', 'inherit', 'inherit'] });
  const appUrl = `http://127.0.0.1:${options.appPort}`;
  const basePath = options.appEnv?.BASE_PATH ?? '';
  await waitForHttp(`${appUrl}${basePath}/healthz`, 60_000, () => app.exitCode !== null);
  log(`dashboard: ${appUrl}${basePath}/`);

  return {
    appUrl,
    simUrl: sim.httpUrl,
    kubeconfigPath: sim.kubeconfigPath,
    prometheusUrl: prometheus?.url,
    metricsSource: prometheus ? 'prometheus' : 'simulator',
    async stop() {
      app.kill('SIGTERM');
      await prometheus?.stop();
      await sim.stop();
    },
  };
}
