import 'server-only';
import { withoutCredentials } from '@/lib/auth/bearer-token';
import { env, type Env } from './env';

// Structured JSON logs, one object per line. Never pass tokens or cookies in fields.

type Level = 'debug' | 'info' | 'warn' | 'error';
type Threshold = Env['LOG_LEVEL'];
const rank: Record<Threshold, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };
const secretKey = /token|authorization|cookie|secret|password/i;

/** Secret-named fields go; any "Bearer <credential>" in a string (an error's reason) loses the credential. */
function redactValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return withoutCredentials(value);
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redactValue(v, depth + 1));
  return redact(value as Record<string, unknown>, depth + 1);
}

function redact(fields: Record<string, unknown>, depth = 0): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, secretKey.test(k) ? '[redacted]' : redactValue(v, depth)]));
}

function write(threshold: Threshold, level: Level, msg: string, fields: Record<string, unknown> = {}): void {
  if (rank[level] < rank[threshold]) return;
  const line = JSON.stringify({ time: new Date().toISOString(), level, msg: withoutCredentials(msg), ...redact(fields) });
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
