import { describe, expect, it } from 'vitest';
import type { ZtunnelClusterView } from '@/lib/kube/wire/ztunnel';
import { certificateHealth, certificateStatusText, expiryText } from './certificates';
import { securityPosture } from './findings';
import { externalNode, graphOf, namespaceView, pod, tcpEdge, unknownNode, workload, workloadNode } from '@/testing/fixtures/posture-mesh';

const now = new Date('2025-02-01T00:00:00Z');
const day = 86_400_000;
const page = workloadNode('bookinfo', 'productpage-v1');
const ratings = workloadNode('bookinfo', 'ratings-v1');
const web = workloadNode('frontend', 'web-v1');
const legacy = workloadNode('legacy', 'legacy-client-v1', { enrollment: 'none' });
const hidden = workloadNode('secret', 'vault', { flags: { waypoint: false, ingressGateway: false, outside: true, inaccessible: true, idle: false } });

const graph = graphOf(
  [page, ratings, web, legacy, hidden, externalNode, unknownNode],
  [
    tcpEdge(page, ratings, [1000, 1000]),
    tcpEdge(legacy, page, [1000, 20000], { mtls: 0, reason: 'non-mesh-client' }),
    tcpEdge(ratings, externalNode, [500, 2000], { mtls: 0, reason: 'external-destination' }),
    tcpEdge(web, ratings, [400, 0], { denied: 0.3 }),
    tcpEdge(hidden, page, [10, 10], { mtls: 0.5, reason: 'partial' }),
  ],
);

const cert = (identity: string, notAfter: Date, extra: Partial<ZtunnelClusterView['certificates'][number]> = {}): ZtunnelClusterView['certificates'][number] => ({
  identity,
  state: 'Available',
  type: 'Leaf',
  root: false,
  serial: 'AB',
  notBefore: new Date(notAfter.getTime() - 30 * day).toISOString(),
  notAfter: notAfter.toISOString(),
  daysToExpiry: Math.floor((notAfter.getTime() - now.getTime()) / day),
  valid: notAfter > now,
  node: 'w1',
  ztunnel: 'ztunnel-a',
  ...extra,
});

const workloads = [
  workload('bookinfo', 'productpage-v1', [pod('bookinfo', 'productpage-v1-a', 'w1', 'ambient')]),
  workload('bookinfo', 'mysqldb-v1', [pod('bookinfo', 'mysqldb-v1-a', 'cp', 'ambient-pending')]),
  workload('bookinfo', 'loadgen-v1', [pod('bookinfo', 'loadgen-v1-a', 'cp', 'opted-out')]),
  workload('frontend', 'web-v1', [pod('frontend', 'web-v1-a', 'w2', 'ambient', { unprotected: true })]),
  workload('bookinfo', 'bookinfo-gateway-istio', [pod('bookinfo', 'bookinfo-gateway-istio-a', 'w1', 'opted-out')], { isIngressGateway: true }),
  workload('istio-system', 'istiod', [pod('istio-system', 'istiod-a', 'cp', 'opted-out')]),
];

const posture = securityPosture({
  graph,
  namespaces: [namespaceView('bookinfo', [pod('bookinfo', 'x', 'w1', 'ambient')]), namespaceView('istio-system', []), namespaceView('tools', [pod('tools', 'scanner-a', 'w2', 'not-enrolled')], { discovered: false })],
  workloads,
  discoverySelectorsSet: true,
  ztunnel: {
    ztunnels: [
      { namespace: 'ztunnel', pod: 'ztunnel-a', node: 'w1', ok: true, fetchedAt: '' },
      { namespace: 'ztunnel', pod: 'ztunnel-b', node: 'w2', ok: false, message: 'timed out', fetchedAt: '' },
    ],
    certificates: [
      cert('spiffe://cluster.local/ns/bookinfo/sa/bookinfo-ratings', new Date(now.getTime() + 2 * day)),
      cert('spiffe://cluster.local/ns/bookinfo/sa/bookinfo-details', new Date(now.getTime() + 20 * day)),
      cert('spiffe://cluster.local/ns/bookinfo/sa/old', new Date(now.getTime() - day)),
      cert('root', new Date(now.getTime() + day), { root: true, type: 'CA' }),
    ],
  },
  now,
});

describe('securityPosture', () => {
  it('lists every plaintext edge with its reason, biggest first, linked to the graph with the edge selected', () => {
    expect(posture.plaintextEdges.map((e) => [e.source.name, e.destination.name, e.reason])).toEqual([
      ['legacy-client-v1', 'productpage-v1', 'non-mesh-client'],
      ['ratings-v1', '203.0.113.50', 'external-destination'],
      ['vault', 'productpage-v1', 'partial'],
    ]);
    const first = posture.plaintextEdges[0];
    expect(first?.graphHref).toBe(`/graph?namespaces=bookinfo%2Clegacy&duration=600&waypoints=merge&selected=${encodeURIComponent(first?.id ?? '')}`);
    expect(first?.source.href).toBe('/workloads/legacy/legacy-client-v1');
    expect(first?.explanation).toMatch(/outside the mesh/);
  });

  it('never links to a workload the user may not see', () => {
    const partial = posture.plaintextEdges.find((e) => e.reason === 'partial');
    expect(partial?.source.href).toBeUndefined();
  });

  it('lists denied connections by source and destination', () => {
    expect(posture.deniedEdges).toHaveLength(1);
    expect(posture.deniedEdges[0]).toMatchObject({ source: { name: 'web-v1', namespace: 'frontend' }, destination: { name: 'ratings-v1' }, deniedPerSec: 0.3 });
  });

  it('finds pods labelled but not redirected, on a node without a ready ztunnel, and opted out of an enrolled namespace', () => {
    expect(posture.notRedirected.map((p) => p.pod)).toEqual(['mysqldb-v1-a']);
    expect(posture.notRedirected[0]?.href).toBe('/workloads/bookinfo/mysqldb-v1');
    expect(posture.noReadyZtunnel.map((p) => [p.pod, p.node])).toEqual([['web-v1-a', 'w2']]);
    expect(posture.optedOut.map((p) => p.pod)).toEqual(['loadgen-v1-a']);
  });

  it('lists namespaces outside the discovery selectors', () => {
    expect(posture.undiscoveredNamespaces).toEqual([{ name: 'tools', ambient: false, pods: 1, href: '/namespaces?q=tools' }]);
  });

  it('flags expired and near-expiry leaf certificates (roots skipped), worst first, linked to the certificates tab', () => {
    expect(posture.certificates.map((c) => [c.identity.split('/').pop(), c.health])).toEqual([
      ['old', 'expired'],
      ['bookinfo-ratings', 'expiring'],
    ]);
    expect(posture.certificates[1]?.href).toBe('/ztunnel?tab=certificates&q=spiffe%3A%2F%2Fcluster.local%2Fns%2Fbookinfo%2Fsa%2Fbookinfo-ratings');
    expect(posture.unansweredZtunnels).toEqual([{ pod: 'ztunnel-b', node: 'w2', message: 'timed out' }]);
  });

  it('still reports the Kubernetes findings without traffic', () => {
    const p = securityPosture({ namespaces: [], workloads, discoverySelectorsSet: false, now });
    expect(p.traffic).toBeNull();
    expect(p.plaintextEdges).toEqual([]);
    expect(p.notRedirected).toHaveLength(1);
  });
});

describe('certificates', () => {
  it('classifies expiry: expired red, under 7 days amber', () => {
    const at = (days: number) => new Date(now.getTime() + days * day).toISOString();
    const ca = { state: 'Available', root: false, type: 'CA' as const, notBefore: at(-300), valid: true };
    expect(certificateHealth({ ...ca, notAfter: at(-0.01), valid: false }, now)).toBe('expired');
    expect(certificateHealth({ ...ca, notAfter: at(6.9) }, now)).toBe('expiring');
    expect(certificateHealth({ ...ca, notAfter: at(7.5) }, now)).toBe('ok');
    expect(certificateHealth({ state: 'Initializing', root: false }, now)).toBe('unavailable');
  });

  it('warns for a short-lived workload certificate only when under a quarter of its life is left (rotation stuck)', () => {
    const at = (hours: number) => new Date(now.getTime() + hours * 3_600_000).toISOString();
    const leaf = { state: 'Available', root: false, type: 'Leaf' as const, valid: true };
    expect(certificateHealth({ ...leaf, notBefore: at(-12), notAfter: at(12) }, now)).toBe('ok');
    expect(certificateHealth({ ...leaf, notBefore: at(-20), notAfter: at(4) }, now)).toBe('expiring');
  });

  it('says the remaining time in words', () => {
    expect(expiryText(new Date(now.getTime() + 2 * day + 3 * 3_600_000).toISOString(), now)).toBe('2 d 3 h');
    expect(expiryText(new Date(now.getTime() - 2 * day).toISOString(), now)).toBe('expired 2 d ago');
    expect(expiryText(undefined, now)).toBe('unknown');
    // The badge never says "Expired · expired 1 min ago".
    expect(certificateStatusText('expired', new Date(now.getTime() - 60_000).toISOString(), now)).toBe('Expired 1 min ago');
    expect(certificateStatusText('expiring', new Date(now.getTime() + 5 * 3_600_000).toISOString(), now)).toBe('Expires in 5 h');
    expect(certificateStatusText('ok', new Date(now.getTime() + 2 * day).toISOString(), now)).toBe('2 d');
  });
});
