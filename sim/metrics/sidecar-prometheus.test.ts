// Real Prometheus over the sidecar scenario: promtool accepts the backfilled Envoy + ztunnel
// history, http_sd hands it the sidecar pods, and the series carry the pods' own target labels
// (namespace, pod, app...) so Envoy's istio_tcp_* can be told from ztunnel's (app!="ztunnel").

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../index';
import { startPrometheus, type RunningPrometheus } from '@/scripts/prometheus';

type Vector = { metric: Record<string, string>; value: [number, string] }[];
let sim: Simulator;
let prom: RunningPrometheus;
let end: number;

async function vector(q: string, time?: number): Promise<Vector> {
  const res = await fetch(`${prom.url}/api/v1/query?query=${encodeURIComponent(q)}${time ? `&time=${time}` : ''}`);
  return ((await res.json()) as { data: { result: Vector } }).data.result;
}

beforeAll(async () => {
  sim = await startSimulator({ scenario: 'sidecar', profile: 'constant' });
  end = Math.floor(Date.now() / 1000);
  prom = await startPrometheus({ simulator: sim, historyStart: end - 900, historyEnd: end, step: 15, scrape: { simulatorUrl: sim.httpUrl, intervalSeconds: 1 } });
}, 120_000);
afterAll(async () => {
  await prom?.stop();
  await sim?.stop();
});

describe('sidecar series in Prometheus', () => {
  it('backfills Envoy request rates exactly, per reporter, with the pod\'s target labels', async () => {
    const at = end - 60;
    const byReporter = await vector('sum by (reporter, namespace, app, connection_security_policy) (rate(istio_requests_total{source_workload="web-v1",destination_workload="catalog-v1"}[5m]))', at);
    const got = Object.fromEntries(byReporter.map((s) => [`${s.metric.reporter} ${s.metric.namespace} ${s.metric.app} ${s.metric.connection_security_policy}`, Number(s.value[1])]));
    expect(Object.keys(got).sort()).toEqual(['destination frontend catalog mutual_tls', 'source frontend web unknown']);
    for (const v of Object.values(got)) expect(v).toBeCloseTo(8, 6);
  }, 60_000);

  it('tells Envoy TCP from ztunnel TCP by the scrape target\'s app label', async () => {
    const at = end - 60;
    const envoy = await vector('sum by (reporter) (rate(istio_tcp_received_bytes_total{app!="ztunnel",source_workload="catalog-v1",destination_workload="cache-v1"}[5m]))', at);
    expect(envoy.map((s) => s.metric.reporter).sort()).toEqual(['destination', 'source']);
    for (const s of envoy) expect(Number(s.value[1])).toBeCloseTo(300, 6);
    expect(await vector('istio_tcp_received_bytes_total{app="ztunnel",source_workload="catalog-v1",destination_workload="cache-v1"}', at)).toHaveLength(0);
    const ambientToSidecar = await vector('sum by (reporter, app) (rate(istio_tcp_received_bytes_total{source_workload="productpage-v1",destination_workload="catalog-v1"}[5m]))', at);
    expect(ambientToSidecar.map((s) => `${s.metric.reporter} ${s.metric.app}`)).toEqual(['source ztunnel']);
  }, 60_000);

  it('scrapes the sidecar pods live through http_sd', async () => {
    let up: Vector = [];
    for (let i = 0; i < 60 && up.filter((u) => u.value[1] === '1').length < 3; i++) {
      await new Promise((r) => setTimeout(r, 500));
      up = await vector('up{job="kubernetes-pods",namespace="frontend"}');
    }
    const sidecars = sim.mesh.targets().filter((t) => t.kind === 'sidecar');
    expect(up.filter((u) => u.value[1] === '1').map((u) => u.metric.pod).sort()).toEqual(sidecars.map((t) => t.pod).sort());
    expect(up.every((u) => u.metric.security_istio_io_tlsMode === 'istio')).toBe(true);
  }, 60_000);
});
