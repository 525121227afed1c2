import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '@/sim/index';
import { startPrometheus, type RunningPrometheus } from '@/scripts/prometheus';
import type { Inventory } from '@/lib/graph/inventory';
import type { GraphParams } from '@/lib/graph/query';
import { AppError } from '@/lib/errors';
import { createGraphService } from './graph';
import { createPrometheusClient } from '@/lib/prometheus/client';
import { createPrometheusMetricsSource, ztunnelSeriesCheck } from '@/lib/prometheus/metrics-source';

// Honest empty states on a real Prometheus holding only backfilled blocks (promtool), as after a
// restart: the oldest sample is where the history starts, though /api/v1/status/tsdb's headStats
// say the head begins later; and whether any ztunnel series exist in a window is one count.

const END = 1_760_000_000;
const START = END - 3600;
let sim: Simulator;
let prom: RunningPrometheus;

beforeAll(async () => {
  sim = await startSimulator({ scenario: 'bookinfo', profile: 'constant', origin: START - 7200, now: () => END });
  prom = await startPrometheus({ simulator: sim, historyStart: START, historyEnd: END, step: 15 });
}, 180_000);

afterAll(async () => {
  await prom?.stop();
  await sim?.stop();
});

const source = () => createPrometheusMetricsSource(createPrometheusClient({ baseUrl: prom.url }));
const EMPTY: Inventory = { trustDomain: 'cluster.local', namespaces: [], workloads: [], services: [] };
const graphService = () => createGraphService({ metrics: source(), inventory: { inventory: async () => EMPTY } });
const params = (over: Partial<GraphParams>): GraphParams => ({ namespaces: ['bookinfo'], graphType: 'workload', duration: 600, queryTime: END, idle: false, waypoints: 'show', ...over });

describe('the oldest sample and the ztunnel series check (real Prometheus, backfilled)', () => {
  it('the oldest sample is where the backfilled history starts, not the head block', async () => {
    expect(await createPrometheusClient({ baseUrl: prom.url }).oldestSampleTime?.()).toBe(START);
    const tsdb = (await (await fetch(`${prom.url}/api/v1/status/tsdb`)).json()) as { data: { headStats: { minTime: number } } };
    // Why headStats is not read: the head starts where the blocks end (or is empty), never at the oldest sample.
    expect(Math.floor(tsdb.data.headStats.minTime / 1000)).not.toBe(START);
  });

  it('a window ending before the oldest sample is a 400 naming queryTime and that time', async () => {
    const err = await graphService()(params({ queryTime: START - 60 })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).parameter).toBe('queryTime');
    expect((err as AppError).message).toContain(`before the oldest sample Prometheus holds (${new Date(START * 1000).toISOString()})`);
  });

  it('a window straddling the oldest sample is drawn, with a warning that its rates are partial', async () => {
    const g = await graphService()(params({ queryTime: START + 120, duration: 600 }));
    expect(g.edges.length).toBeGreaterThan(0);
    expect(g.warnings.join(' ')).toContain('starts before the oldest sample');
    expect(g.ztunnelSeries).toBeUndefined();
  });

  it('no traffic between namespaces that ztunnel does report on: the check finds the series, so Prometheus is not blamed', async () => {
    const g = await graphService()(params({ namespaces: ['no-traffic-here'] }));
    expect(g.edges).toEqual([]);
    expect(g.ztunnelSeries?.check).toBe(ztunnelSeriesCheck(600));
    expect(g.ztunnelSeries?.series).toBeGreaterThan(0);
  });

  it('a viewer limited to some namespaces learns only that ztunnel series exist, not how many', async () => {
    const g = await graphService()(params({ namespaces: ['no-traffic-here'] }), { accessibleNamespaces: new Set(['no-traffic-here']) });
    expect(g.ztunnelSeries).toEqual({ series: 1, check: ztunnelSeriesCheck(600), exact: false });
  });

  it('the check counts 0 where Prometheus holds no ztunnel series', async () => {
    // After the history ends (plus the 600 s window), no series is in the window.
    expect(await source().ztunnelSeries?.(600, END + 3600)).toEqual({ series: 0, check: ztunnelSeriesCheck(600) });
    expect((await source().ztunnelSeries?.(600, END))?.series).toBeGreaterThan(0);
  });
});
