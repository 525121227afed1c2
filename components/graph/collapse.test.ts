import { describe, expect, it } from 'vitest';
import { collapseGraph } from './collapse';
import { bookinfo, largeMesh } from '@/testing/fixtures/graph-model';
import { mtlsState } from './names';

const graph = bookinfo();

describe('collapseGraph', () => {
  it('returns the same graph when nothing is collapsed', () => {
    expect(collapseGraph(graph, { namespaces: [], apps: [] })).toBe(graph);
  });

  it('folds a namespace into one node and keeps its internal traffic as a self edge with a weighted mTLS share', () => {
    const out = collapseGraph(graph, { namespaces: ['bookinfo'], apps: [] });
    const agg = out.nodes.find((n) => n.kind === 'aggregate');
    expect(agg).toMatchObject({ id: 'agg:ns:Kubernetes/bookinfo', aggregateBy: 'namespace', namespace: 'bookinfo' });
    expect(agg?.kind === 'aggregate' && agg.members).toHaveLength(7);
    expect(out.nodes.map((n) => n.id).sort()).toEqual(['Kubernetes/legacy/loadgen', 'agg:ns:Kubernetes/bookinfo', 'external:api.example.com', 'unknown']);

    const selfTcp = out.edges.find((e) => e.source === agg?.id && e.target === agg?.id && e.protocol === 'tcp');
    // 42000 B/s inside Bookinfo over TCP, of which 32000 + 0.4 * 8000 + ... were mTLS.
    const bytes = (selfTcp?.tcp?.clientToServerBps ?? 0) + (selfTcp?.tcp?.serverToClientBps ?? 0);
    expect(bytes).toBeCloseTo(42000);
    expect(selfTcp?.security.mtlsShare).toBeCloseTo((12000 + 9000 + 9000 + 3200 + 3000) / 42000);
    expect(selfTcp && mtlsState(selfTcp.security)).toBe('partial');
    expect(selfTcp?.security.reason).toBe('partial');
    expect(out.edges.find((e) => e.source === agg?.id && e.protocol === 'http')?.http?.requestsPerSec).toBe(12);
  });

  it('keeps a plaintext edge plaintext with its reason when every member agrees', () => {
    const out = collapseGraph(graph, { namespaces: ['bookinfo'], apps: [] });
    const egress = out.edges.find((e) => e.target === 'external:api.example.com');
    expect(egress?.security).toMatchObject({ mtlsShare: 0, reason: 'external-destination' });
    const fromLegacy = out.edges.find((e) => e.source === 'Kubernetes/legacy/loadgen');
    expect(fromLegacy?.security.reason).toBe('non-mesh-client');
  });

  it('folds the workloads of one app and merges their edges', () => {
    const out = collapseGraph(graph, { namespaces: [], apps: ['bookinfo/reviews'] });
    const reviews = 'agg:app:Kubernetes/bookinfo/reviews';
    expect(out.nodes.filter((n) => n.kind === 'aggregate').map((n) => n.id)).toEqual([reviews]);
    const toRatings = out.edges.find((e) => e.source === reviews && e.target === 'Kubernetes/bookinfo/ratings-v1');
    expect(toRatings?.security.mtlsShare).toBeCloseTo(0.75);
    expect(toRatings?.security.sourcePrincipals).toEqual(['spiffe://cluster.local/ns/bookinfo/sa/bookinfo-reviews']);
    const fromWaypoint = out.edges.find((e) => e.source === 'Kubernetes/bookinfo/waypoint' && e.target === reviews);
    expect(fromWaypoint?.tcp?.connectionsOpenedPerSec).toBe(1);
    // Every edge still points at a node that exists.
    const ids = new Set(out.nodes.map((n) => n.id));
    expect(out.edges.every((e) => ids.has(e.source) && ids.has(e.target))).toBe(true);
  });

  it('collapses every namespace with *, turning a large mesh into a small one', () => {
    const big = largeMesh(60, 30);
    const out = collapseGraph(big, { namespaces: ['*'], apps: [] });
    expect(big.nodes).toHaveLength(1800);
    expect(out.nodes).toHaveLength(60);
    const bytes = (g: typeof big) => g.edges.reduce((a, e) => a + (e.tcp ? e.tcp.clientToServerBps + e.tcp.serverToClientBps : 0), 0);
    expect(bytes(out)).toBeCloseTo(bytes(big));
  });
});
