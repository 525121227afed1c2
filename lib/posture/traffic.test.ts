import { describe, expect, it } from 'vitest';
import { buildOverview } from './overview';
import { meshTraffic } from './traffic';
import { withMeasuredZtunnels, ztunnelNodeTraffic } from './ztunnel-traffic';
import { externalNode, graphOf, namespaceView, pod, tcpEdge, unknownNode, workload, workloadNode } from '@/testing/fixtures/posture-mesh';

const page = workloadNode('bookinfo', 'productpage-v1');
const details = workloadNode('bookinfo', 'details-v1');
const legacy = workloadNode('legacy', 'legacy-client-v1', { enrollment: 'none' });
const ratings = workloadNode('bookinfo', 'ratings-v1');

const graph = graphOf(
  [page, details, legacy, ratings, externalNode, unknownNode],
  [
    tcpEdge(page, details, [1000, 3000], { connections: 2 }),
    tcpEdge(legacy, page, [500, 500], { mtls: 0, connections: 1, reason: 'non-mesh-client' }),
    tcpEdge(ratings, externalNode, [100, 900], { mtls: 0, connections: 1, reason: 'external-destination' }),
    tcpEdge(unknownNode, ratings, [0, 0], { mtls: 0, connections: 3, denied: 3, reason: 'non-mesh-client' }),
  ],
);

describe('meshTraffic', () => {
  it('weights the mTLS share by bytes and by connections', () => {
    const { totals } = meshTraffic(graph);
    expect(totals.bytesPerSec).toBe(6000);
    expect(totals.mtlsShare).toBeCloseTo(4000 / 6000);
    expect(totals.mtlsShareByConnections).toBeCloseTo(2 / 7);
    expect(totals.plaintextEdges).toBe(3);
    expect(totals.deniedPerSec).toBe(3);
  });

  it('splits throughput into inbound and outbound per namespace, external peers belonging to none', () => {
    const { byNamespace } = meshTraffic(graph);
    const bookinfo = byNamespace.get('bookinfo');
    expect(bookinfo?.inboundBps).toBe(4000 + 1000);
    expect(bookinfo?.outboundBps).toBe(4000 + 1000);
    expect(bookinfo?.mtlsShare).toBeCloseTo(4000 / 6000);
    expect(byNamespace.get('legacy')).toMatchObject({ outboundBps: 1000, inboundBps: 0, mtlsShare: 0 });
    expect(byNamespace.has('')).toBe(false);
  });

  it('has no share when nothing flowed', () => {
    expect(meshTraffic(graphOf([], [])).totals).toMatchObject({ mtlsShare: null, mtlsShareByConnections: null, bytesPerSec: 0 });
  });
});

describe('ztunnelNodeTraffic', () => {
  const workloads = [
    workload('bookinfo', 'productpage-v1', [pod('bookinfo', 'productpage-v1-a', 'w1', 'ambient'), pod('bookinfo', 'productpage-v1-b', 'w2', 'ambient')]),
    workload('bookinfo', 'details-v1', [pod('bookinfo', 'details-v1-a', 'w2', 'ambient')]),
    workload('legacy', 'legacy-client-v1', [pod('legacy', 'legacy-client-v1-a', 'w1', 'not-enrolled')]),
    workload('bookinfo', 'ratings-v1', [pod('bookinfo', 'ratings-v1-a', 'w3', 'ambient')]),
  ];

  it('counts bytes on the nodes of captured pods only, shared between a workload’s pods', () => {
    const nodes = new Map(ztunnelNodeTraffic(graph, workloads).map((n) => [n.node, n]));
    // productpage: 4000 out (half per node) + 1000 in from legacy; legacy's own node gets nothing for it.
    expect(nodes.get('w1')).toMatchObject({ outboundBps: 2000, inboundBps: 500, capturedPods: 1 });
    expect(nodes.get('w2')).toMatchObject({ outboundBps: 2000, inboundBps: 4000 + 500, capturedPods: 2 });
    expect(nodes.get('w3')).toMatchObject({ outboundBps: 1000, inboundBps: 0 });
    expect(nodes.get('w3')?.connectionsPerSec).toBe(1 + 3);
  });
});

describe('buildOverview', () => {
  const bookinfoPods = [
    pod('bookinfo', 'productpage-v1-a', 'w1', 'ambient'),
    pod('bookinfo', 'ratings-v1-a', 'w3', 'ambient', { unprotected: true }),
    pod('bookinfo', 'mysqldb-v1-a', 'w1', 'ambient-pending'),
    pod('bookinfo', 'waypoint-a', 'w2', 'waypoint'),
    pod('bookinfo', 'loadgen-v1-a', 'w1', 'opted-out'),
  ];
  const namespaces = [namespaceView('bookinfo', bookinfoPods, { waypoint: 'bookinfo/waypoint' }), namespaceView('tools', [pod('tools', 'scanner-a', 'w2', 'not-enrolled')], { discovered: false })];

  const workloads = [
    ...bookinfoPods.map((p) => workload('bookinfo', p.pod.replace(/-a$/, ''), [p], p.enrollment.state === 'waypoint' ? { isWaypoint: true } : {})),
    workload('tools', 'scanner', [pod('tools', 'scanner-a', 'w2', 'not-enrolled')]),
    workload('istio-system', 'istiod', [pod('istio-system', 'istiod-a', 'w1', 'opted-out')], { labels: { app: 'istiod' } }),
  ];

  it('builds a card per namespace and the headline figures, application pods apart from waypoints and mesh pods', () => {
    const overview = buildOverview({
      namespaces,
      workloads,
      graph: { ok: true, graph },
      ztunnels: [{ pod: 'z1', node: 'w1', ready: true, restarts: 0 }, { pod: 'z3', node: 'w3', ready: false, restarts: 2 }],
      controlPlane: { ok: false, code: 'kubernetes_error', message: 'boom' },
      now: new Date(0),
    });
    // productpage is protected; ratings (ztunnel not ready), mysqldb (not redirected), loadgen (opted out), scanner (outside discovery) are not.
    expect(overview.headline.pods).toEqual({
      application: 5, protected: 1, notProtected: 4, proxies: 1, meshInfrastructure: 1,
      byGap: { 'ztunnel-not-ready': 1, 'not-redirected': 1, 'opted-out': 1, 'undiscovered-namespace': 1 },
    });
    expect(overview.headline.ztunnels).toEqual({ ready: 1, total: 2 });
    expect(overview.headline.controlPlane).toBeNull();
    expect(overview.controlPlaneStatus).toEqual({ ok: false, code: 'kubernetes_error', message: 'boom' });
    const [bookinfo, tools] = overview.namespaces;
    expect(bookinfo).toMatchObject({ name: 'bookinfo', waypoint: 'bookinfo/waypoint', pods: { total: 5 }, podCounts: { application: 4, protected: 1, proxies: 1 } });
    expect(bookinfo?.waypoints).toEqual([{ waypoint: 'bookinfo/waypoint', usedBy: { namespace: true, services: [], workloads: [] } }]);
    expect(bookinfo?.traffic?.inboundBps).toBe(5000);
    expect(tools).toMatchObject({ discovered: false, traffic: { inboundBps: 0, outboundBps: 0, mtlsShare: null } });
  });

  it('keeps the cards and says why when traffic could not be read', () => {
    const overview = buildOverview({ namespaces, workloads: [], graph: { ok: false, code: 'prometheus_unreachable', message: 'Prometheus did not answer' }, ztunnels: [], controlPlane: { ok: false, code: 'x', message: 'y' }, now: new Date(0) });
    expect(overview.namespaces).toHaveLength(2);
    expect(overview.namespaces[0]?.traffic).toBeUndefined();
    expect(overview.headline.traffic).toBeNull();
    expect(overview.nodes).toEqual([]);
    expect(overview.trafficStatus).toEqual({ ok: false, code: 'prometheus_unreachable', message: 'Prometheus did not answer' });
  });
});

describe('withMeasuredZtunnels', () => {
  it('takes a node\'s figures from its ztunnel pod when measured, and keeps the estimate elsewhere', () => {
    const estimated = [
      { node: 'n1', inboundBps: 1, outboundBps: 2, connectionsPerSec: 3, capturedPods: 4, basis: 'estimated' as const },
      { node: 'n2', inboundBps: 5, outboundBps: 6, connectionsPerSec: 7, capturedPods: 8, basis: 'estimated' as const },
    ];
    const measured = [{ namespace: 'ztunnel', pod: 'ztunnel-x', inboundBps: 100, outboundBps: 200, connectionsOpenedPerSec: 0.5 }];
    const ztunnels = [
      { pod: 'ztunnel-x', node: 'n1', ready: true, restarts: 0 },
      { pod: 'ztunnel-y', node: 'n2', ready: true, restarts: 0 },
    ];
    expect(withMeasuredZtunnels(estimated, measured, ztunnels)).toEqual([
      { node: 'n1', inboundBps: 100, outboundBps: 200, connectionsPerSec: 0.5, capturedPods: 4, basis: 'measured' },
      estimated[1],
    ]);
  });
});
