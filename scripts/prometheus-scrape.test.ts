// Real Prometheus discovers the simulator's pods through http_sd and scrapes them live,
// continuing the backfilled series (same labels).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../sim/index';
import { startPrometheus, type RunningPrometheus } from './prometheus';

let sim: Simulator;
let prom: RunningPrometheus;

async function vector(q: string): Promise<{ metric: Record<string, string>; value: [number, string] }[]> {
  const res = await fetch(`${prom.url}/api/v1/query?query=${encodeURIComponent(q)}`);
  const body = (await res.json()) as { data: { result: { metric: Record<string, string>; value: [number, string] }[] } };
  return body.data.result;
}

beforeAll(async () => {
  sim = await startSimulator({ scenario: 'bookinfo', profile: 'constant' });
  const now = Math.floor(Date.now() / 1000);
  prom = await startPrometheus({ simulator: sim, historyStart: now - 600, historyEnd: now, step: 15, scrape: { simulatorUrl: sim.httpUrl, intervalSeconds: 1 } });
});
afterAll(async () => {
  await prom?.stop();
  await sim?.stop();
});

describe('live scraping through http_sd', () => {
  it('scrapes 3 ztunnels and the waypoint with kubernetes-pods target labels', async () => {
    let up: { metric: Record<string, string>; value: [number, string] }[] = [];
    for (let i = 0; i < 60 && up.filter((u) => u.value[1] === '1').length < 4; i++) {
      await new Promise((r) => setTimeout(r, 500));
      up = await vector('up{job="kubernetes-pods"}');
    }
    expect(up.filter((u) => u.value[1] === '1')).toHaveLength(4);
    expect(up.map((u) => u.metric.pod).sort()).toEqual(sim.mesh.targets().map((t) => t.pod).sort());
    const series = await vector('count by (instance, pod, node, namespace) (istio_tcp_connections_opened_total)');
    expect(series).toHaveLength(3);
    const expected = sim.mesh.targets().filter((t) => t.kind === 'ztunnel').map((t) => t.instance).sort();
    expect(series.map((s) => s.metric.instance).sort()).toEqual(expected);
  }, 60_000);
});
