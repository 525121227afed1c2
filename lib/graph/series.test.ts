import { describe, expect, it } from 'vitest';
import type { GraphEdge, GraphNode, MeshGraph } from './model';
import { SeriesParams, seriesOf, seriesRateWindow, seriesStep, seriesTimes, sparklinesOf } from './series';

const flags = { waypoint: false, ingressGateway: false, outside: false, inaccessible: false, idle: false };
const node = (name: string, tcpInBps = 0, tcpOutBps = 0): GraphNode => ({
  kind: 'workload', id: `wl:c:ns:${name}`, cluster: 'c', namespace: 'ns', workload: name, enrollment: 'ambient', notInInventory: false, flags,
  traffic: { tcpInBps, tcpOutBps, httpInRps: 0, httpOutRps: 0 },
});
const security = (share: number) => ({ mtlsShare: share, mtlsShareByConnections: share, sourcePrincipals: [], destinationPrincipals: [] });
const tcp = (a: GraphNode, b: GraphNode, c2s: number, s2c: number, share: number, denied = 0): GraphEdge => ({
  id: `tcp:${a.id}->${b.id}`, source: a.id, target: b.id, protocol: 'tcp', security: security(share), sourceCluster: 'c', destinationCluster: 'c',
  tcp: { clientToServerBps: c2s, serverToClientBps: s2c, connectionsOpenedPerSec: 1, connectionsClosedPerSec: 1, deniedPerSec: denied, connectFailedPerSec: 0 },
});
const http = (a: GraphNode, b: GraphNode, rps: number, errorShare: number, p95: number): GraphEdge => ({
  id: `http:${a.id}->${b.id}`, source: a.id, target: b.id, protocol: 'http', security: security(1), sourceCluster: 'c', destinationCluster: 'c',
  http: { requestsPerSec: rps, byClass: { '2xx': rps, '3xx': 0, '4xx': 0, '5xx': 0, noResponse: 0 }, errorShare, latencyMs: { p50: p95 / 2, p95, p99: p95 * 2 } },
});
const graphOf = (nodes: GraphNode[], edges: GraphEdge[]): MeshGraph => ({ graphType: 'workload', namespaces: ['ns'], window: { duration: 60, queryTime: 1 }, warnings: [], nodes, edges });

describe('series step', () => {
  it('is the window over 60, rounded up to whole scrape intervals', () => {
    expect(seriesStep(600)).toBe(15);
    expect(seriesStep(3600)).toBe(60);
    expect(seriesStep(86_400)).toBe(1440);
    expect(seriesStep(600, 5)).toBe(10);
  });

  it('rates over at least four scrapes, and times end at the query time', () => {
    expect(seriesRateWindow(15)).toBe(60);
    expect(seriesRateWindow(1440)).toBe(1440);
    const times = seriesTimes(600, 10_000, 15);
    expect(times).toHaveLength(40);
    expect(times.at(-1)).toBe(10_000);
    expect(times[1]! - times[0]!).toBe(15);
  });
});

describe('seriesOf', () => {
  const web = node('web');
  const api = node('api');
  const steps = [
    { time: 100, graph: graphOf([web, api], [tcp(web, api, 10, 40, 1), http(web, api, 4, 0.25, 20)]) },
    { time: 115, graph: graphOf([web, api], []) },
    { time: 130, graph: graphOf([web, api], [tcp(web, api, 5, 5, 0.5, 2)]) },
  ];

  it("reads an edge's figures at each step; an edge absent at a step carried nothing", () => {
    const s = seriesOf(steps, { kind: 'edge', id: `tcp:${web.id}->${api.id}` }, 15);
    expect(s.times).toEqual([100, 115, 130]);
    expect(s.series.clientToServerBps).toEqual([10, 0, 5]);
    expect(s.series.serverToClientBps).toEqual([40, 0, 5]);
    expect(s.series.mtlsShare).toEqual([1, null, 0.5]);
    expect(s.series.deniedPerSec).toEqual([0, 0, 2]);
    const h = seriesOf(steps, { kind: 'edge', id: `http:${web.id}->${api.id}` }, 15);
    expect(h.series.requestsPerSec).toEqual([4, 0, 0]);
    expect(h.series.errorShare).toEqual([0.25, null, null]);
    expect(h.series.p95Ms).toEqual([20, null, null]);
  });

  it("sums a node's inbound requests and weighs its response times and errors by requests", () => {
    const db = node('db', 50, 0);
    const g = graphOf([web, api, db], [http(web, db, 3, 0, 10), http(api, db, 1, 1, 50), tcp(web, db, 30, 10, 1), tcp(api, db, 10, 0, 0)]);
    const s = seriesOf([{ time: 1, graph: g }], { kind: 'node', id: db.id }, 15);
    expect(s.series.inboundBps).toEqual([50]);
    expect(s.series.requestsPerSec).toEqual([4]);
    expect(s.series.errorShare).toEqual([0.25]);
    expect(s.series.p95Ms).toEqual([20]);
    expect(s.series.mtlsShare).toEqual([0.8]);
  });
});

describe('SeriesParams', () => {
  it('needs exactly one of edge and node, and at most two namespaces', () => {
    expect(SeriesParams.safeParse({ namespaces: 'a', edge: 'tcp:x->y' }).success).toBe(true);
    const both = SeriesParams.safeParse({ namespaces: 'a', edge: 'x', node: 'y' });
    expect(both.success ? null : both.error.issues[0]?.path).toEqual(['edge']);
    expect(SeriesParams.safeParse({ namespaces: 'a' }).success).toBe(false);
    const three = SeriesParams.safeParse({ namespaces: 'a,b,c', node: 'y' });
    expect(three.success ? null : three.error.issues[0]?.path).toEqual(['namespaces']);
    const bad = SeriesParams.safeParse({ namespaces: 'Not_A_Namespace', node: 'y' });
    expect(bad.success).toBe(false);
  });
});

describe('sparklinesOf', () => {
  it("gives every edge seen in the window a column of its bytes/s (L4) or requests/s (L7), 0 where absent", () => {
    const web = node('web');
    const api = node('api');
    const s = sparklinesOf(
      [
        { time: 1, graph: graphOf([web, api], [tcp(web, api, 1, 2, 1)]) },
        { time: 2, graph: graphOf([web, api], [http(web, api, 5, 0, 1)]) },
      ],
      15,
    );
    expect(s.edges).toEqual({ [`tcp:${web.id}->${api.id}`]: [3, 0], [`http:${web.id}->${api.id}`]: [0, 5] });
  });
});
