// Prometheus text exposition (0.0.4) of a ztunnel pod's /metrics and a waypoint's or sidecar-injected
// pod's /stats/prometheus at a given time, from the timeline's counters.

import type { Series } from '../traffic/series';
import { TCP_METRICS } from '../traffic/series';

export const TEXT_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

const HELP: Record<string, [string, string]> = {
  [TCP_METRICS.connectionsOpened]: ['counter', 'The total number of TCP connections opened.'],
  [TCP_METRICS.connectionsClosed]: ['counter', 'The total number of TCP connections closed.'],
  [TCP_METRICS.receivedBytes]: ['counter', 'The size of total bytes received during request in case of a TCP connection.'],
  [TCP_METRICS.sentBytes]: ['counter', 'The size of total bytes sent during response in case of TCP connection.'],
  istio_requests_total: ['counter', 'Total requests handled by an Istio proxy.'],
  istio_request_duration_milliseconds: ['histogram', 'Duration of requests handled by an Istio proxy in milliseconds.'],
};

export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

export function formatLabels(labels: Record<string, string>): string {
  const parts = Object.entries(labels).map(([k, v]) => `${k}="${escapeLabelValue(v)}"`);
  return parts.length ? `{${parts.join(',')}}` : '';
}

export function formatValue(v: number): string {
  if (Number.isInteger(v)) return String(v);
  return Number.isFinite(v) ? String(v) : v > 0 ? '+Inf' : v < 0 ? '-Inf' : 'NaN';
}

/** Family a series belongs to (histogram parts share one). */
export function familyOf(name: string): string {
  return name.replace(/_(bucket|sum|count)$/, '');
}

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Groups samples into families with HELP/TYPE lines, in a stable order. */
export function renderFamilies(samples: Sample[], extraHelp: Record<string, [string, string]> = {}): string {
  const families = new Map<string, Sample[]>();
  for (const s of samples) {
    const f = HELP[familyOf(s.name)] || extraHelp[familyOf(s.name)] ? familyOf(s.name) : s.name;
    const list = families.get(f);
    if (list) list.push(s);
    else families.set(f, [s]);
  }
  const lines: string[] = [];
  for (const [family, list] of families) {
    const [type, help] = HELP[family] ?? extraHelp[family] ?? ['untyped', family];
    lines.push(`# HELP ${family} ${help}`, `# TYPE ${family} ${type}`);
    for (const s of list) lines.push(`${s.name}${formatLabels(s.labels)} ${formatValue(s.value)}`);
  }
  return lines.join('\n') + '\n';
}

export interface ZtunnelExtras {
  activeProxies: number;
  /** Seconds since the ztunnel pod started (drives the small housekeeping counters). */
  uptime: number;
}

/** A ztunnel pod's /metrics: its L4 series plus the housekeeping series ztunnel exposes. */
export function renderZtunnelMetrics(series: [string, Series][], counter: (key: string) => number, extras: ZtunnelExtras): string {
  const samples: Sample[] = series.map(([key, s]) => ({ name: s.name, labels: s.labels, value: counter(key) }));
  samples.push(
    { name: 'istio_build', labels: { component: 'ztunnel', tag: 'unknown' }, value: 1 },
    { name: 'istio_xds_connection_terminations_total', labels: { reason: 'Reconnect' }, value: Math.floor(extras.uptime / 1800) },
    { name: 'istio_dns_requests_total', labels: {}, value: Math.floor(extras.uptime * 2) },
    { name: 'workload_manager_active_proxy_count', labels: {}, value: extras.activeProxies },
    { name: 'workload_manager_pending_proxy_count', labels: {}, value: 0 },
  );
  return renderFamilies(samples, {
    istio_build: ['gauge', 'Istio component build info'],
    istio_xds_connection_terminations_total: ['counter', 'The total number of completed connections to xds server (unstable).'],
    istio_dns_requests_total: ['counter', 'Total number of DNS requests.'],
    workload_manager_active_proxy_count: ['gauge', 'The total number current workloads with active proxies.'],
    workload_manager_pending_proxy_count: ['gauge', 'The total number current workloads with pending proxies.'],
  });
}

/** A waypoint pod's /stats/prometheus, or a sidecar's (Envoy's istio stats; the same families). */
export function renderEnvoyMetrics(series: [string, Series][], counter: (key: string) => number, uptime: number): string {
  const samples: Sample[] = series.map(([key, s]) => ({ name: s.name, labels: s.labels, value: counter(key) }));
  samples.push({ name: 'istio_build', labels: { component: 'proxy', tag: '1.24.0' }, value: 1 }, { name: 'envoy_server_uptime', labels: {}, value: Math.floor(uptime) });
  return renderFamilies(samples, { istio_build: ['gauge', 'Istio component build info'], envoy_server_uptime: ['gauge', 'envoy_server_uptime'] });
}
