import 'server-only';
import { env, type Env } from './env';

// Structured JSON logs, one object per line. Never pass tokens or cookies in fields.

type Level = 'debug' | 'info' | 'warn' | 'error';
type Threshold = Env['LOG_LEVEL'];
const rank: Record<Threshold, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };
const secretKey = /token|authorization|cookie|secret|password/i;

function redact(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, secretKey.test(k) ? '[redacted]' : v]));
}

function write(threshold: Threshold, level: Level, msg: string, fields: Record<string, unknown> = {}): void {
  if (rank[level] < rank[threshold]) return;
  const line = JSON.stringify({ time: new Date().toISOString(), level, msg, ...redact(fields) });
  (level === 'error' || level === 'warn' ? process.stderr : process.stdout).write(line + '\n');
}

export type Logger = Record<Level, (msg: string, fields?: Record<string, unknown>) => void>;

/** A logger at a fixed level (the composition root's, from LOG_LEVEL; tests pass 'silent'). */
export function createLogger(threshold: Threshold | (() => Threshold)): Logger {
  const level = typeof threshold === 'function' ? threshold : () => threshold;
  return {
    debug: (msg, fields) => write(level(), 'debug', msg, fields),
    info: (msg, fields) => write(level(), 'info', msg, fields),
    warn: (msg, fields) => write(level(), 'warn', msg, fields),
    error: (msg, fields) => write(level(), 'error', msg, fields),
  };
}

/** The process's logger, LOG_LEVEL read on first use: for route() and code outside the root. */
export const logger: Logger = createLogger(() => env().LOG_LEVEL);
