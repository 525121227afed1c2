// Real Prometheus ingests the simulator's history (promtool) and returns the model's exact rates.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ObjectStore } from '../sim/store';
import { buildBookinfo } from '../sim/scenarios/bookinfo';
import { SimMesh } from '../sim/mesh/mesh';
import { startPrometheus, type RunningPrometheus } from './prometheus';
import { sumRate } from '../sim/traffic/rates';

const END = 1_760_000_000;
const START = END - 3600;
let prom: RunningPrometheus;
let mesh: SimMesh;

async function query(q: string): Promise<{ metric: Record<string, string>; value: [number, string] }[]> {
  const res = await fetch(`${prom.url}/api/v1/query?query=${encodeURIComponent(q)}&time=${END}`);
  const body = (await res.json()) as { status: string; data: { result: { metric: Record<string, string>; value: [number, string] }[] } };
  expect(body.status).toBe('success');
  return body.data.result;
}

async function scalar(q: string): Promise<number> {
  const r = await query(q);
  expect(r).toHaveLength(1);
  return Number(r[0]!.value[1]);
}

beforeAll(async () => {
  mesh = new SimMesh({ store: new ObjectStore(), scenario: buildBookinfo(), profile: 'constant', origin: START - 7200, now: () => END });
  prom = await startPrometheus({ mesh, historyStart: START, historyEnd: END, step: 15 });
});
afterAll(async () => {
  await prom?.stop();
});

describe('history in real Prometheus', () => {
  it('gives the exact destination-reported bytes into productpage', async () => {
    const expected = sumRate(mesh.timeline, 'istio_tcp_received_bytes_total', { reporter: 'destination', destination_workload: 'productpage-v1' }, END, 300);
    expect(expected).toBeCloseTo(6000 + 1500 + 1000 + 2000 + 200, 6);
    const got = await scalar('sum(rate(istio_tcp_received_bytes_total{reporter="destination",destination_workload="productpage-v1"}[5m]))');
    expect(got).toBeCloseTo(expected, 6);
  });

  it('gives the source-reported sent bytes, denies and waypoint requests the model has', async () => {
    const cases: [string, string, Record<string, string>][] = [
      ['sum(rate(istio_tcp_sent_bytes_total{reporter="source",source_workload="productpage-v1"}[5m]))', 'istio_tcp_sent_bytes_total', { reporter: 'source', source_workload: 'productpage-v1' }],
      ['sum(rate(istio_tcp_connections_closed_total{reporter="destination",response_flags="DENY"}[5m]))', 'istio_tcp_connections_closed_total', { reporter: 'destination', response_flags: 'DENY' }],
      ['sum(rate(istio_requests_total{reporter="waypoint",response_code="200"}[5m]))', 'istio_requests_total', { reporter: 'waypoint', response_code: '200' }],
    ];
    for (const [q, name, match] of cases) {
      const expected = sumRate(mesh.timeline, name, match, END, 300);
      expect(expected).toBeGreaterThan(0);
      expect(await scalar(q)).toBeCloseTo(expected, 6);
    }
  });

  it('keeps scrape target labels (namespace, pod, node, app) on ztunnel series', async () => {
    const r = await query('count by (namespace, pod, node, app, job) (istio_tcp_connections_opened_total)');
    expect(r.length).toBe(3);
    for (const s of r) {
      expect(s.metric).toMatchObject({ namespace: 'ztunnel', app: 'ztunnel', job: 'kubernetes-pods' });
      expect(s.metric.pod).toMatch(/^ztunnel-[a-z0-9]{5}$/);
    }
  });

  it('computes waypoint latency quantiles from the histogram', async () => {
    const p50 = await scalar('histogram_quantile(0.5, sum(rate(istio_request_duration_milliseconds_bucket{reporter="waypoint"}[5m])) by (le))');
    // Half the requests at 15 ms: the median lands at the 10..25 bucket's edge (25 ms interpolation).
    expect(p50).toBeGreaterThan(10);
    expect(p50).toBeLessThanOrEqual(25);
  });
});
