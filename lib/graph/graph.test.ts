import { describe, expect, it } from 'vitest';
import { buildGraph, type GraphOptions } from './build';
import { buildCase } from '@/testing/fixtures/golden-cases';
import type { GraphEdge, MeshGraph } from './model';
import { bookinfo as b, bookinfoInventory, dest, tcpFlow } from '@/testing/fixtures/graph-samples';

// The key numbers of each golden case, asserted by hand (the golden files pin everything else).

const edge = (g: MeshGraph, source: string, target: string, protocol = 'tcp'): GraphEdge => {
  const found = g.edges.find((e) => e.source === source && e.target === target && e.protocol === protocol);
  if (!found) throw new Error(`no ${protocol} edge ${source} -> ${target} in ${g.edges.map((e) => e.id).join(', ')}`);
  return found;
};
const wl = (ns: string, name: string, cluster = 'Kubernetes') => `wl:${cluster}:${ns}:${name}`;
const options: GraphOptions = { graphType: 'workload', namespaces: ['bookinfo'], duration: 600, queryTime: 1, waypoints: 'show', idle: false };

describe('buildGraph', () => {
  it('counts mesh -> mesh traffic reported by both ztunnels once', () => {
    const e = edge(buildCase('mesh-to-mesh'), wl('bookinfo', 'productpage-v1'), wl('bookinfo', 'details-v1'));
    expect(e.tcp).toMatchObject({ clientToServerBps: 1000, serverToClientBps: 4000, connectionsOpenedPerSec: 2 });
    expect(e.security).toEqual({
      mtlsShare: 1,
      mtlsShareByConnections: 1,
      sourcePrincipals: ['spiffe://cluster.local/ns/bookinfo/sa/bookinfo-productpage'],
      destinationPrincipals: ['spiffe://cluster.local/ns/bookinfo/sa/bookinfo-details'],
    });
  });

  it('gives the same edge from one pre-deduplicated view (agg3 queries drop the reporter)', () => {
    const flow = { source: b.productpage, destination: dest(b.details, 'details'), bytes: [1000, 4000] as [number, number], opened: 2 };
    const twoViews = buildGraph({ tcp: tcpFlow({ ...flow, reporters: ['source', 'destination'] }), http: [], latency: [] }, bookinfoInventory(), options);
    const oneView = buildGraph({ tcp: tcpFlow({ ...flow, reporters: [undefined] }), http: [], latency: [] }, bookinfoInventory(), options);
    expect(oneView).toEqual(twoViews);
  });

  it('sums one edge whose labels come in several objects (series are told apart by object, edges by node ids)', () => {
    const flow = { source: b.productpage, destination: dest(b.details, 'details'), bytes: [1000, 4000] as [number, number], opened: 2, reporters: [undefined] };
    const shared = buildGraph({ tcp: [...tcpFlow(flow), ...tcpFlow(flow)], http: [], latency: [] }, bookinfoInventory(), options);
    const copied = buildGraph({ tcp: [...tcpFlow(flow), ...tcpFlow({ ...flow, source: { ...flow.source }, destination: { ...flow.destination } })], http: [], latency: [] }, bookinfoInventory(), options);
    expect(copied).toEqual(shared);
    expect(shared.edges).toHaveLength(1);
    expect(edge(copied, wl('bookinfo', 'productpage-v1'), wl('bookinfo', 'details-v1')).tcp).toMatchObject({ clientToServerBps: 2000, serverToClientBps: 8000, connectionsOpenedPerSec: 4 });
  });

  it('explains plaintext edges: non-mesh client, non-mesh destination, external destination', () => {
    const client = buildCase('non-mesh-client');
    expect(edge(client, 'unknown:Kubernetes', wl('bookinfo', 'productpage-v1')).security).toMatchObject({ mtlsShare: 0, reason: 'non-mesh-client', sourcePrincipals: [] });
    expect(edge(client, wl('legacy', 'curl'), wl('bookinfo', 'details-v1')).security.reason).toBe('non-mesh-client');
    const destination = buildCase('non-mesh-destination');
    expect(edge(destination, wl('bookinfo', 'ratings-v1'), wl('legacy', 'mysql')).security.reason).toBe('non-mesh-destination');
    expect(edge(destination, wl('bookinfo', 'details-v1'), 'svc:Kubernetes:legacy:cache').security.reason).toBe('non-mesh-destination');
    const external = buildCase('external-ip');
    const e = edge(external, wl('bookinfo', 'details-v1'), 'ext:Kubernetes:unknown');
    expect(e.security.reason).toBe('external-destination');
    expect(e.tcp?.serverToClientBps).toBe(3000);
    expect(external.nodes.find((n) => n.id === 'ext:Kubernetes:unknown')?.kind).toBe('external');
  });

  it('counts denied and failed connections; a connection-only edge takes its mTLS share from connections', () => {
    const deny = edge(buildCase('deny'), wl('bookinfo', 'ratings-v1'), wl('bookinfo', 'details-v1'));
    expect(deny.tcp).toMatchObject({ clientToServerBps: 0, deniedPerSec: 0.4, connectionsClosedPerSec: 0.4, connectFailedPerSec: 0 });
    expect(deny.security).toMatchObject({ mtlsShare: null, mtlsShareByConnections: 1 });
    expect(deny.security.reason).toBeUndefined();
    const connect = edge(buildCase('connect-failure'), wl('bookinfo', 'productpage-v1'), wl('bookinfo', 'details-v1'));
    expect(connect.tcp?.connectFailedPerSec).toBe(0.2);
  });

  it('computes a partial mTLS share by bytes and by connections', () => {
    const e = edge(buildCase('partial-mtls'), wl('bookinfo', 'productpage-v1'), wl('bookinfo', 'details-v1'));
    expect(e.security).toMatchObject({ mtlsShare: 0.75, mtlsShareByConnections: 0.75, reason: 'partial' });
    expect(e.tcp).toMatchObject({ clientToServerBps: 400, serverToClientBps: 800, connectionsOpenedPerSec: 4, connectionsClosedPerSec: 4 });
  });

  it('shows the waypoint once: client -> waypoint -> backend, each hop with its L4 and L7 figures, no direct edge', () => {
    const g = buildCase('waypoint-show');
    const wp = g.nodes.find((n) => n.id === wl('bookinfo', 'waypoint'));
    expect(wp?.flags.waypoint).toBe(true);
    expect(g.edges).toHaveLength(4);
    expect(g.edges.some((e) => e.source === wl('bookinfo', 'productpage-v1') && e.target.includes('reviews'))).toBe(false);
    const inbound = edge(g, wl('bookinfo', 'productpage-v1'), wl('bookinfo', 'waypoint'), 'http');
    expect(inbound.tcp?.clientToServerBps).toBe(1200);
    expect(inbound.http?.requestsPerSec).toBe(12.25);
    const h = edge(g, wl('bookinfo', 'waypoint'), wl('bookinfo', 'reviews-v2'), 'http');
    expect(h.tcp?.clientToServerBps).toBe(400);
    expect(h.waypoint).toBeUndefined();
    expect(h.http).toEqual({ requestsPerSec: 4, byClass: { '2xx': 3.5, '3xx': 0, '4xx': 0, '5xx': 0.5, noResponse: 0 }, errorShare: 0.125, latencyMs: { p50: 6, p95: 20, p99: 48 } });
    const v3 = edge(g, wl('bookinfo', 'waypoint'), wl('bookinfo', 'reviews-v3'), 'http');
    expect(v3.http?.errorShare).toBe(0.04); // 0.25 no-response out of 6.25; 404 is not an error
    expect(v3.http?.latencyMs?.p99).toBeNull();
  });

  it('merges waypoint hops into client -> backend edges split by the waypoint\'s per-backend bytes', () => {
    const g = buildCase('waypoint-merge');
    expect(g.nodes.some((n) => n.flags.waypoint)).toBe(false);
    // One edge per client/backend carrying both the L4 split and the waypoint's L7 figures.
    expect(g.edges).toHaveLength(3);
    const shares = ['reviews-v1', 'reviews-v2', 'reviews-v3'].map((r) => edge(g, wl('bookinfo', 'productpage-v1'), wl('bookinfo', r), 'http'));
    expect(shares.map((e) => e.http?.requestsPerSec)).toEqual([2, 4, 6.25]);
    expect(shares.map((e) => e.tcp?.clientToServerBps)).toEqual([200, 400, 600]);
    expect(shares.map((e) => e.tcp?.serverToClientBps)).toEqual([800, 1600, 2400]);
    expect(shares.every((e) => e.waypoint === 'bookinfo/waypoint' && e.security.mtlsShare === 1)).toBe(true);
    expect(shares[0]?.security.destinationPrincipals).toEqual(['spiffe://cluster.local/ns/bookinfo/sa/bookinfo-reviews']);
  });

  it('keeps both clusters in ids and on the edge', () => {
    const e = edge(buildCase('multi-cluster'), wl('bookinfo', 'productpage-v1', 'east'), wl('bookinfo', 'reviews-v3', 'west'));
    expect([e.sourceCluster, e.destinationCluster]).toEqual(['east', 'west']);
  });

  it('flags outside nodes and leaves out traffic between unselected namespaces', () => {
    const g = buildCase('outside-namespace');
    expect(g.nodes.find((n) => n.id === wl('frontend', 'web'))?.flags.outside).toBe(true);
    expect(g.nodes.find((n) => n.id === wl('bookinfo', 'productpage-v1'))?.flags.outside).toBe(false);
    expect(g.edges).toHaveLength(1);
  });

  it('adds idle workloads only when asked', () => {
    const idle = buildCase('idle').nodes.filter((n) => n.flags.idle).map((n) => n.id);
    expect(idle).toEqual(['ratings-v1', 'reviews-v1', 'reviews-v2', 'reviews-v3'].map((n) => wl('bookinfo', n)));
  });

  it('folds workloads by graph type', () => {
    const app = buildCase('graph-app');
    const reviews = app.nodes.find((n) => n.id === 'app:Kubernetes:bookinfo:reviews');
    expect(reviews).toMatchObject({ kind: 'app', workloads: ['reviews-v1', 'reviews-v2', 'reviews-v3'] });
    expect(edge(app, 'app:Kubernetes:bookinfo:productpage', 'app:Kubernetes:bookinfo:reviews').tcp?.clientToServerBps).toBe(900);
    expect(edge(app, 'app:Kubernetes:bookinfo:reviews', 'app:Kubernetes:bookinfo:ratings').tcp?.serverToClientBps).toBe(400);
    const vapp = buildCase('graph-versioned-app');
    expect(vapp.nodes.filter((n) => n.id.startsWith('vapp:Kubernetes:bookinfo:reviews:'))).toHaveLength(3);
    const svc = buildCase('graph-service');
    expect(edge(svc, 'svc:Kubernetes:bookinfo:productpage', 'svc:Kubernetes:bookinfo:reviews').tcp?.connectionsOpenedPerSec).toBe(3);
    expect(svc.nodes.find((n) => n.flags.ingressGateway)?.kind).toBe('workload');
  });

  it('makes namespaces the user cannot see opaque', () => {
    const g = buildCase('inaccessible');
    const opaque = g.nodes.find((n) => n.flags.inaccessible);
    expect(opaque).toMatchObject({ id: 'ns:Kubernetes:istio-ingress', kind: 'aggregate', members: [] });
    expect(JSON.stringify(g)).not.toContain('bookinfo-gateway-istio');
    expect(edge(g, 'ns:Kubernetes:istio-ingress', wl('bookinfo', 'productpage-v1')).security.sourcePrincipals).toEqual([]);
  });

  it('totals node traffic from its edges', () => {
    const g = buildCase('waypoint-show');
    expect(g.nodes.find((n) => n.id === wl('bookinfo', 'waypoint'))?.traffic).toEqual({ tcpInBps: 6000, tcpOutBps: 6000, httpInRps: 12.25, httpOutRps: 12.25 });
    expect(g.nodes.find((n) => n.id === wl('bookinfo', 'productpage-v1'))?.traffic.httpOutRps).toBe(12.25);
  });
});
