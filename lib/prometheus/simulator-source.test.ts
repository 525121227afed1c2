import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '@/sim/index';
import type { DestinationLabels, PeerLabels } from '@/lib/graph/samples';
import { createSimulatorMetricsSource } from './simulator-source';

// The simulator serves its traffic over HTTP as JSON: parsed as is, every sample would carry label
// objects of its own. The source hands over one object per distinct tuple, as the Prometheus parser does.

const END = 1_760_000_000;
let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator({ scenario: 'bookinfo', profile: 'constant', origin: END - 7200, now: () => END });
}, 60_000);

afterAll(async () => {
  await sim?.stop();
});

/** Equal labels are one object, and different labels different objects. */
function expectOneObjectPerTuple(objects: (PeerLabels | DestinationLabels)[]) {
  const byLabels = new Map<string, Set<object>>();
  for (const o of objects) {
    const key = JSON.stringify(o);
    byLabels.set(key, (byLabels.get(key) ?? new Set()).add(o));
  }
  for (const [labels, same] of byLabels) expect(same.size, labels).toBe(1);
  expect(objects.length).toBeGreaterThan(byLabels.size);
}

describe('the simulator metrics source (real simulator)', () => {
  it('hands over one label object per distinct tuple, in TCP and HTTP samples alike', async () => {
    const samples = await createSimulatorMetricsSource(sim.httpUrl).samples({ namespaces: ['bookinfo'], duration: 600, queryTime: END });
    expect(samples.tcp.length).toBeGreaterThan(10);
    expect(samples.http.length).toBeGreaterThan(0);
    const all = [...samples.tcp, ...samples.http];
    expectOneObjectPerTuple(all.map((s) => s.source));
    expectOneObjectPerTuple(all.map((s) => s.destination));
  });

  it('shares them across the steps of a range', async () => {
    const steps = await createSimulatorMetricsSource(sim.httpUrl).samplesRange!({ namespaces: ['bookinfo'], rateWindow: 60, start: END - 120, end: END, step: 60 });
    expect(steps.length).toBe(3);
    expectOneObjectPerTuple(steps.flatMap((s) => s.samples.tcp.map((t) => t.source)));
  });
});
