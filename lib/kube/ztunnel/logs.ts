// ztunnel access-log lines -> records. Line format (tab-separated):
//   <RFC3339 time>\t<level>\t<target>\t<message>\t<key=value key="quoted value" ...>
// Pure; lines that do not fit are kept as raw text, never dropped.
import type { ZtunnelLogLine } from '../wire/ztunnel-logs';

export type Direction = 'inbound' | 'outbound';

const fieldPattern = /([A-Za-z0-9_.]+)=("(?:[^"\\]|\\.)*"|\S*)/g;
const timePattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

export function parseFields(text: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const m of text.matchAll(fieldPattern)) {
    const [, key, value = ''] = m;
    if (!key) continue;
    fields[key] = value.startsWith('"') ? value.slice(1, -1).replace(/\\(.)/g, '$1') : value;
  }
  return fields;
}

const unitMs: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, ms: 1, s: 1000, m: 60_000 };

/** "2ms", "1.5s", "350µs" -> milliseconds. */
export function parseDuration(text: string | undefined): number | undefined {
  if (!text) return undefined;
  const m = /^(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m)$/.exec(text.trim());
  if (!m?.[1] || !m[2]) return undefined;
  return Math.round(Number(m[1]) * (unitMs[m[2]] ?? NaN) * 1e6) / 1e6;
}

function int(text: string | undefined): number | undefined {
  if (text === undefined || !/^\d+$/.test(text)) return undefined;
  return Number(text);
}

export function parseLogLine(line: string): ZtunnelLogLine {
  const text = line.replace(/\r$/, '');
  const parts = text.split('\t');
  const [time, level, target, message, ...rest] = parts;
  if (!time || !timePattern.test(time) || !level) return { kind: 'raw', text };
  if (target !== 'access' || message === undefined) return { kind: 'raw', text, time, level };
  const f = parseFields(rest.join('\t'));
  return {
    kind: 'access',
    time,
    level,
    message,
    direction: f['direction'],
    src: { addr: f['src.addr'], workload: f['src.workload'], namespace: f['src.namespace'], identity: f['src.identity'] },
    dst: {
      addr: f['dst.addr'],
      hboneAddr: f['dst.hbone_addr'],
      service: f['dst.service'],
      workload: f['dst.workload'],
      namespace: f['dst.namespace'],
      identity: f['dst.identity'],
    },
    bytesSent: int(f['bytes_sent']),
    bytesRecv: int(f['bytes_recv']),
    durationMs: parseDuration(f['duration']),
    error: f['error'],
  };
}

export interface LogFilter {
  namespace?: string;
  /** A workload name: matches its pods (by the names controllers generate) on either side, or an exact pod name. */
  workload?: string;
  direction?: Direction;
  errorsOnly?: boolean;
}

// Pod names a controller gives: <deployment>-<template hash>-<5>, <daemonset|job>-<5>, <statefulset>-<ordinal>.
const generatedSuffix = /^-(?:[a-z0-9]{6,10}-[a-z0-9]{5}|[a-z0-9]{5}|\d+)$/;

export function isPodOfWorkload(pod: string | undefined, workload: string): boolean {
  if (pod === undefined) return false;
  return pod === workload || (pod.startsWith(workload) && generatedSuffix.test(pod.slice(workload.length)));
}

export function matchesFilter(line: ZtunnelLogLine, filter: LogFilter): boolean {
  if (line.kind === 'raw') {
    if (filter.namespace || filter.workload || filter.direction) return false;
    return !filter.errorsOnly || line.level === 'error' || line.level === 'warn' || /error/i.test(line.text);
  }
  if (filter.errorsOnly && !line.error) return false;
  if (filter.direction && line.direction !== filter.direction) return false;
  if (filter.namespace && line.src.namespace !== filter.namespace && line.dst.namespace !== filter.namespace) return false;
  if (filter.workload) {
    const w = filter.workload;
    const sideMatches = (side: { workload?: string; namespace?: string }) =>
      isPodOfWorkload(side.workload, w) && (!filter.namespace || side.namespace === filter.namespace);
    if (!sideMatches(line.src) && !sideMatches(line.dst)) return false;
  }
  return true;
}

/**
 * Lines from several ztunnels, parsed, filtered and sorted newest first. `visible` (the user's
 * view: redacted, or undefined to drop) runs before the filter, so a filter never matches what the
 * user may not see and the limit counts only lines they get.
 */
export function parseZtunnelLogs(
  logs: { pod: string; node?: string; text: string }[],
  filter: LogFilter,
  limit: number,
  visible: (line: ZtunnelLogLine) => ZtunnelLogLine | undefined = (line) => line,
): ZtunnelLogLine[] {
  const lines: ZtunnelLogLine[] = [];
  for (const log of logs) {
    for (const raw of log.text.split('\n')) {
      if (raw.trim() === '') continue;
      const line = visible({ ...parseLogLine(raw), ztunnel: log.pod, node: log.node });
      if (line && matchesFilter(line, filter)) lines.push(line);
    }
  }
  lines.sort((a, b) => (b.time ?? '').localeCompare(a.time ?? ''));
  return lines.slice(0, limit);
}
