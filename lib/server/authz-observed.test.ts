import { describe, expect, it } from 'vitest';
import { lint } from '@/lib/authz';
import type { MeshGraph, UnknownSourceNode } from '@/lib/graph/model';
import { bookinfo as mesh, principal } from '@/testing/fixtures/authz-mesh';
import { tcpEdge, workload } from '@/testing/fixtures/graph-model';
import { observedEdges } from './authz-observed';

const productpage = workload('bookinfo', 'productpage-v1');
const reviews = workload('bookinfo', 'reviews-v1');
const ratings = workload('bookinfo', 'ratings-v1');
const unknown: UnknownSourceNode = { kind: 'unknown', id: 'unknown', cluster: 'unknown', namespace: 'unknown', flags: { waypoint: false, ingressGateway: false, outside: false, inaccessible: false, idle: false }, traffic: { tcpInBps: 0, tcpOutBps: 0, httpInRps: 0, httpOutRps: 0 } };
const denied = { clientToServerBps: 0, serverToClientBps: 0, connectionsOpenedPerSec: 0.3, connectionsClosedPerSec: 0.3, deniedPerSec: 0.3, connectFailedPerSec: 0 };
const graph = (edges: MeshGraph['edges']): MeshGraph => ({ graphType: 'workload', namespaces: ['bookinfo'], window: { duration: 600, queryTime: 1 }, nodes: [productpage, reviews, ratings, unknown], edges, warnings: [] });

const REVIEWS_FROM_PRODUCTPAGE = `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: reviews-viewer, namespace: bookinfo}
spec:
  selector:
    matchLabels: {app: reviews}
  rules:
  - from:
    - source: {principals: [${principal('bookinfo', 'bookinfo-productpage')}]}
`;
const STRICT_RATINGS = `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: ratings-strict, namespace: bookinfo}
spec:
  selector:
    matchLabels: {app: ratings}
  mtls: {mode: STRICT}
`;

describe('observed edges from the workload graph', () => {
  it('maps workload and unknown clients, denied and accepted connections, and the mTLS share', () => {
    const input = mesh();
    const edges = observedEdges(graph([tcpEdge(productpage, ratings, 1000, 1), { ...tcpEdge(unknown, ratings, 0, 0), tcp: denied }]), input);
    expect(edges).toEqual([
      { source: { kind: 'workload', namespace: 'bookinfo', name: 'productpage-v1' }, destination: { namespace: 'bookinfo', name: 'ratings-v1' }, denied: 0, accepted: 0.5, mtlsShare: 1 },
      { source: { kind: 'plaintext' }, destination: { namespace: 'bookinfo', name: 'ratings-v1' }, denied: 0.3, accepted: 0, mtlsShare: 0 },
    ]);
  });

  it("names the Service in front of a backend reached through a waypoint, so the ztunnel behind it sees the waypoint's identity", () => {
    const input = mesh({ serviceWaypoints: { reviews: 'waypoint' }, policies: REVIEWS_FROM_PRODUCTPAGE });
    const edges = observedEdges(graph([{ ...tcpEdge(productpage, reviews, 0, 1), tcp: denied, waypoint: 'bookinfo/waypoint' }]), input);
    expect(edges[0]?.service).toEqual({ namespace: 'bookinfo', name: 'reviews' });
    const found = lint(input, edges).filter((f) => f.code === 'AUTHZ030');
    expect(found).toHaveLength(1);
    expect(found[0]!.object).toMatchObject({ namespace: 'bookinfo', name: 'reviews-viewer' });
    expect(found[0]!.message).toContain(principal('bookinfo', 'waypoint'));
  });

  it('turns plaintext accepted into a STRICT workload into AUTHZ032', () => {
    const input = mesh({ policies: STRICT_RATINGS });
    const found = lint(input, observedEdges(graph([tcpEdge(unknown, ratings, 800, 0)]), input)).filter((f) => f.code === 'AUTHZ032');
    expect(found.map((f) => `${f.object.namespace}/${f.object.name}`)).toEqual(['bookinfo/ratings-v1']);
  });
});
