import { describe, expect, it } from 'vitest';
import { mergeEdges } from './merge';
import type { EdgeSecurity, GraphEdge } from './model';

const security = (share: number | null, over: Partial<EdgeSecurity> = {}): EdgeSecurity => ({
  mtlsShare: share,
  mtlsShareByConnections: share,
  sourcePrincipals: [],
  destinationPrincipals: [],
  ...(share !== null && share < 1 ? { reason: share > 0 ? 'partial' : 'not-mtls' } : {}),
  ...over,
});

const tcp = (id: string, bytes: number, share: number | null, over: Partial<GraphEdge> = {}): GraphEdge => ({
  id,
  source: `${id}-client`,
  target: `${id}-server`,
  protocol: 'tcp',
  tcp: { clientToServerBps: bytes / 4, serverToClientBps: (3 * bytes) / 4, connectionsOpenedPerSec: 1, connectionsClosedPerSec: 1, deniedPerSec: 0, connectFailedPerSec: 0 },
  security: security(share),
  sourceCluster: 'east',
  destinationCluster: 'east',
  ...over,
});

const http = (id: string, rps: number, share: number, p95: number): GraphEdge => ({
  id,
  source: `${id}-client`,
  target: `${id}-server`,
  protocol: 'http',
  http: { requestsPerSec: rps, byClass: { '2xx': rps - 1, '3xx': 0, '4xx': 0, '5xx': 1, noResponse: 0 }, errorShare: 1 / rps, latencyMs: { p50: p95 / 4, p95, p99: null } },
  security: { ...security(share), mtlsShareByConnections: null },
  sourceCluster: 'east',
  destinationCluster: 'east',
});

const ends = { source: 'agg:ns:east/shop', target: 'agg:ns:east/data' };

describe('mergeEdges', () => {
  it('adds TCP figures and weights the mTLS share by bytes', () => {
    const merged = mergeEdges([tcp('a', 3000, 1), tcp('b', 1000, 0)], ends);
    expect(merged).toMatchObject({ id: 'tcp:agg:ns:east/shop->agg:ns:east/data', source: ends.source, target: ends.target, protocol: 'tcp' });
    expect(merged.tcp).toEqual({ clientToServerBps: 1000, serverToClientBps: 3000, connectionsOpenedPerSec: 2, connectionsClosedPerSec: 2, deniedPerSec: 0, connectFailedPerSec: 0 });
    expect(merged.security.mtlsShare).toBe(0.75);
    expect(merged.security.mtlsShareByConnections).toBe(0.5);
    expect(merged.security.reason).toBe('partial');
  });

  it('keeps a plaintext reason every part agrees on, and unions the principals', () => {
    const part = (id: string, principal: string) =>
      tcp(id, 100, 0, { security: security(0, { reason: 'non-mesh-client', destinationPrincipals: [principal] }) });
    const merged = mergeEdges([part('a', 'spiffe://td/ns/shop/sa/b'), part('b', 'spiffe://td/ns/shop/sa/a')], ends);
    expect(merged.security).toMatchObject({ mtlsShare: 0, reason: 'non-mesh-client', destinationPrincipals: ['spiffe://td/ns/shop/sa/a', 'spiffe://td/ns/shop/sa/b'] });
  });

  it('has no share and no reason when no part moved anything', () => {
    const idle = (id: string) => {
      const e = tcp(id, 0, null, { security: security(null, { mtlsShareByConnections: null }) });
      return { ...e, tcp: e.tcp && { ...e.tcp, connectionsOpenedPerSec: 0, connectionsClosedPerSec: 0 } };
    };
    expect(mergeEdges([idle('a'), idle('b')], ends).security).toEqual({ mtlsShare: null, mtlsShareByConnections: null, sourcePrincipals: [], destinationPrincipals: [] });
  });

  it('adds requests, weights mTLS and errors by requests, and keeps the highest percentile', () => {
    const merged = mergeEdges([http('a', 30, 1, 40), http('b', 10, 0, 90)], ends);
    expect(merged.tcp).toBeUndefined();
    expect(merged.http).toEqual({ requestsPerSec: 40, byClass: { '2xx': 38, '3xx': 0, '4xx': 0, '5xx': 2, noResponse: 0 }, errorShare: 0.05, latencyMs: { p50: 22.5, p95: 90, p99: null } });
    expect(merged.security.mtlsShare).toBe(0.75);
  });

  it('keeps the waypoint only when every part went through the same one', () => {
    const through = (id: string, waypoint?: string) => tcp(id, 10, 1, waypoint ? { waypoint } : {});
    expect(mergeEdges([through('a', 'shop/waypoint'), through('b', 'shop/waypoint')], ends).waypoint).toBe('shop/waypoint');
    expect(mergeEdges([through('a', 'shop/waypoint'), through('b')], ends).waypoint).toBeUndefined();
  });

  it('refuses to merge nothing', () => {
    expect(() => mergeEdges([], ends)).toThrow();
  });
});
