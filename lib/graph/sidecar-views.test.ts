import { describe, expect, it } from 'vitest';
import type { GraphEdge } from './model';
import { buildCase, loadCase } from '@/testing/fixtures/golden-cases';
import { buildGraph } from './build';

// Mixed meshes by hand (the golden files hold the whole graphs): each edge counted once, from the
// right proxy, with the lock from the destination side.

const edge = (name: string, protocol: GraphEdge['protocol'], from: string, to: string) =>
  buildCase(name).edges.find((e) => e.protocol === protocol && e.source.endsWith(`:${from}`) && e.target.endsWith(`:${to}`));

describe('sidecar telemetry in the graph', () => {
  it('sidecar -> sidecar: 8 req/s, not 16; the server sidecar\'s latency and lock', () => {
    const e = edge('sidecar-to-sidecar', 'http', 'web-v1', 'catalog-v1');
    expect(e?.http?.requestsPerSec).toBe(8);
    expect(e?.http?.latencyMs).toEqual({ p50: 6, p95: 30, p99: 70 });
    expect(e?.security.mtlsShare).toBe(1);
    expect(e?.reporters).toEqual(['server-sidecar', 'client-sidecar']);
    expect(edge('sidecar-to-sidecar', 'tcp', 'catalog-v1', 'cache-v1')?.tcp?.clientToServerBps).toBe(300);
  });

  it('sidecar -> ambient: client sidecar L7 locked by the server ztunnel; an Envoy TCP view beside ztunnel\'s is not added', () => {
    expect(edge('sidecar-to-ambient', 'http', 'web-v1', 'productpage-v1')?.security.mtlsShare).toBe(1);
    const input = loadCase('sidecar-to-ambient');
    const envoy = input.samples.tcp.map((s) => ({ ...s, reporter: 'source' as const, proxy: 'sidecar' as const, securityPolicy: 'unknown' }));
    const graph = buildGraph({ ...input.samples, tcp: [...input.samples.tcp, ...envoy] }, input.inventory, {
      ...(input.options as { graphType: 'workload'; namespaces: string[]; waypoints: 'show'; idle: boolean }), duration: 600, queryTime: 1,
    });
    const tcp = graph.edges.find((e) => e.protocol === 'tcp');
    expect(tcp?.tcp?.clientToServerBps).toBe(500);
    expect(tcp?.security.mtlsShare).toBe(1);
    expect(tcp?.reporters).toEqual(['ztunnel-l4', 'client-sidecar']);
  });

  it('plaintext sidecar edges are not locked, with the side outside the mesh named', () => {
    expect(edge('non-mesh-to-sidecar', 'http', 'curl', 'catalog-v1')?.security).toMatchObject({ mtlsShare: 0, reason: 'non-mesh-client' });
    expect(edge('sidecar-to-non-mesh', 'tcp', 'cache-v1', 'mysql')?.security).toMatchObject({ mtlsShare: 0, reason: 'non-mesh-destination' });
  });

  it('marks sidecar workloads with their enrollment', () => {
    const nodes = buildCase('ambient-to-sidecar').nodes;
    expect(nodes.map((n) => (n.kind === 'workload' ? `${n.workload} ${n.enrollment}` : n.id)).sort()).toEqual(['catalog-v1 sidecar', 'productpage-v1 ambient']);
  });
});
