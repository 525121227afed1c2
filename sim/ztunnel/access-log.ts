// ztunnel access log lines ("connection complete"), generated deterministically from the legs a
// ztunnel reports: connection k of a leg closes at origin + (k + phase) / rate.

import type { Leg } from '../traffic/legs';
import { hash32 } from '../scenarios/ids';

export interface LogLine {
  /** Unix seconds (fractional). */
  at: number;
  text: string;
}

const q = (v: string) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

export function logTimestamp(at: number): string {
  const ms = Math.floor(at * 1000);
  const micros = String(Math.floor((at * 1e6) % 1000)).padStart(3, '0');
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, `.$1${micros}Z`);
}

function lineFor(leg: Leg, direction: 'outbound' | 'inbound', at: number, k: number): string {
  const h = hash32(`${leg.flow.id}/${leg.client.name}/${leg.serverIp}/${k}`);
  const jitter = 0.8 + (h % 400) / 1000;
  const failed = leg.error !== undefined;
  const perConn = leg.flow.connectionsPerSecond > 0 ? 1 / leg.flow.connectionsPerSecond : 0;
  const sent = failed ? 0 : Math.round(leg.flow.requestBytesPerSecond * perConn * jitter);
  const recv = failed ? 0 : Math.round(leg.flow.responseBytesPerSecond * perConn * jitter);
  const srcPort = 32768 + (h % 28000);
  const client = leg.client.discovered ? leg.client : undefined;
  const f: string[] = [`src.addr=${leg.client.ip}:${srcPort}`];
  if (client) f.push(`src.workload=${q(client.name)}`, `src.namespace=${q(client.namespace)}`);
  if (client && (direction === 'outbound' || leg.mtls)) f.push(`src.identity=${q(client.identity)}`);
  const hboneTarget = leg.waypointHop === 'to' && leg.service ? `${leg.service.vip}:${leg.flow.target.port}` : `${leg.serverIp}:${leg.serverPort}`;
  if (leg.mtls) f.push(`dst.addr=${direction === 'outbound' ? `${leg.serverIp}:15008` : `${leg.serverIp}:${leg.serverPort}`}`, `dst.hbone_addr=${hboneTarget}`);
  else f.push(`dst.addr=${leg.serverIp}:${leg.serverPort}`);
  if (leg.server && leg.service) f.push(`dst.service=${q(leg.service.hostname)}`);
  if (leg.server) f.push(`dst.workload=${q(leg.server.name)}`, `dst.namespace=${q(leg.server.namespace)}`);
  if (leg.server && leg.mtls) f.push(`dst.identity=${q(leg.server.identity)}`);
  f.push(`direction=${q(direction)}`, `bytes_sent=${sent}`, `bytes_recv=${recv}`, `duration=${q(`${failed ? 0 : 1 + (h % 40)}ms`)}`);
  if (failed) f.push(`error=${q(leg.error!)}`);
  return `${logTimestamp(at)}\t${failed ? 'error' : 'info'}\taccess\tconnection complete\t${f.join(' ')}`;
}

/**
 * Access log lines of one ztunnel (by pod name) closing in (from, to], oldest first.
 * `limit` keeps only the newest lines (tailLines).
 */
export function accessLog(legs: Leg[], ztunnel: string, origin: number, from: number, to: number, limit = Infinity): LogLine[] {
  const out: LogLine[] = [];
  for (const leg of legs) {
    const direction = leg.source?.ztunnel.name === ztunnel ? 'outbound' : leg.destination?.ztunnel.name === ztunnel ? 'inbound' : undefined;
    if (!direction) continue;
    const rate = leg.flow.connectionsPerSecond * leg.share;
    if (rate <= 0) continue;
    const phase = (hash32(`${leg.flow.id}/${leg.client.name}/${leg.serverIp}/${direction}`) % 1000) / 1000;
    const first = Math.max(0, Math.floor((from - origin) * rate - phase) + 1);
    const last = Math.floor((to - origin) * rate - phase);
    const start = Number.isFinite(limit) ? Math.max(first, last - limit + 1) : first;
    for (let k = start; k <= last; k++) {
      const at = origin + (k + phase) / rate;
      // The inbound side closes a moment after the outbound side.
      const when = direction === 'inbound' ? at + 0.000137 : at;
      out.push({ at: when, text: lineFor(leg, direction, when, k) });
    }
  }
  out.sort((a, b) => a.at - b.at);
  return Number.isFinite(limit) && out.length > limit ? out.slice(out.length - limit) : out;
}
