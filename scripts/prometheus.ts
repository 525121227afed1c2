// A real Prometheus for the demo (scripts/stack.ts), benchmarks and integration tests: backfills
// the simulator's history with promtool, then (optionally) scrapes the simulator live through
// http_sd, on a free local port.

import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { SimMesh } from '../sim/mesh/mesh';
import { writeOpenMetricsHistory } from '../sim/metrics/history';
import { SCRAPE_JOB } from '../sim/metrics/targets';

const run = promisify(execFile);

export interface StartPrometheusOptions {
  mesh?: SimMesh;
  simulator?: { mesh: SimMesh };
  /** Unix seconds. */
  historyStart: number;
  historyEnd: number;
  /** Seconds between history samples. */
  step: number;
  scrape?: { simulatorUrl: string; intervalSeconds: number };
  /**
   * A rules file backfilled over [start, end] (promtool tsdb create-blocks-from rules, which asks this
   * Prometheus for the raw history), then loaded: Prometheus restarts on the same data with it.
   */
  recordingRules?: { file: string; start: number; end: number };
  /** Binaries (default: from PATH). */
  prometheusBin?: string;
  promtoolBin?: string;
}

export interface RunningPrometheus {
  url: string;
  dataDir: string;
  /** Series and samples backfilled. */
  history: { series: number; samples: number };
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export function prometheusConfig(scrape: StartPrometheusOptions['scrape'], ruleFiles: string[] = []): string {
  const interval = scrape?.intervalSeconds ?? 15;
  const lines = ['global:', `  scrape_interval: ${interval}s`, `  evaluation_interval: ${interval}s`];
  if (ruleFiles.length) lines.push(`rule_files: [${ruleFiles.map((f) => JSON.stringify(f)).join(', ')}]`);
  lines.push('scrape_configs:');
  if (!scrape) return `${lines.join('\n')} []\n`;
  lines.push(
    `  - job_name: ${SCRAPE_JOB}`,
    '    honor_labels: true',
    `    scrape_interval: ${interval}s`,
    `    scrape_timeout: ${Math.max(1, Math.min(10, interval))}s`,
    '    http_sd_configs:',
    `      - url: ${JSON.stringify(`${scrape.simulatorUrl.replace(/\/$/, '')}/sim/sd`)}`,
    '        refresh_interval: 5s',
  );
  return `${lines.join('\n')}\n`;
}

async function waitReady(url: string, child: ChildProcess, stderr: () => string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`prometheus exited with ${child.exitCode}: ${stderr().slice(-2000)}`);
    try {
      const res = await fetch(`${url}/-/ready`);
      if (res.ok) return;
    } catch {
      // not listening yet: retry below
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`prometheus not ready after ${timeoutMs} ms: ${stderr().slice(-2000)}`);
}

export async function startPrometheus(options: StartPrometheusOptions): Promise<RunningPrometheus> {
  const mesh = options.mesh ?? options.simulator?.mesh;
  if (!mesh) throw new Error('startPrometheus needs a mesh or a simulator');
  const dir = await mkdtemp(join(tmpdir(), 'ambient-lens-prom-'));
  const dataDir = join(dir, 'data');
  try {
    const historyFile = join(dir, 'history.om');
    const history = await writeOpenMetricsHistory(mesh, { start: options.historyStart, end: options.historyEnd, step: options.step, file: historyFile });
    await run(options.promtoolBin ?? 'promtool', ['tsdb', 'create-blocks-from', 'openmetrics', historyFile, dataDir], { maxBuffer: 64 << 20 });
    await rm(historyFile);
    const configFile = join(dir, 'prometheus.yml');
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const launch = async (ruleFiles: string[]) => {
      await writeFile(configFile, prometheusConfig(options.scrape, ruleFiles));
      const child = spawn(options.prometheusBin ?? 'prometheus', [
        `--config.file=${configFile}`,
        `--storage.tsdb.path=${dataDir}`,
        `--web.listen-address=127.0.0.1:${port}`,
        '--storage.tsdb.retention.time=3650d',
        '--log.level=warn',
      ], { stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr?.on('data', (d: Buffer) => {
        stderr = (stderr + d.toString()).slice(-20_000);
      });
      await waitReady(url, child, () => stderr);
      return child;
    };
    const halt = async (child: ChildProcess) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode !== null || child.signalCode !== null) return;
      // Killed, then waited for: the restart below reuses its data directory and port.
      child.kill('SIGKILL');
      await exited;
    };
    let child = await launch([]);
    const rules = options.recordingRules;
    if (rules) {
      const blocks = join(dir, 'rules-blocks');
      try {
        await run(options.promtoolBin ?? 'promtool', ['tsdb', 'create-blocks-from', 'rules', `--start=${rules.start}`, `--end=${rules.end}`, `--url=${url}`, `--output-dir=${blocks}`, '--quiet', rules.file], { maxBuffer: 64 << 20 });
      } finally {
        await halt(child);
      }
      await cp(blocks, dataDir, { recursive: true });
      await rm(blocks, { recursive: true, force: true });
      child = await launch([rules.file]);
    }
    return {
      url,
      dataDir,
      history,
      async stop() {
        await halt(child);
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
}
