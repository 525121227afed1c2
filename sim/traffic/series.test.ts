// Reporter semantics per case, as real ztunnel and waypoints emit them.

import { describe, expect, it } from 'vitest';
import { ObjectStore } from '../store';
import { buildBookinfo } from '../scenarios/bookinfo';
import { SimMesh } from '../mesh/mesh';
import type { Series } from './series';

const T = 1_760_000_000;
const mesh = new SimMesh({ store: new ObjectStore(), scenario: buildBookinfo(), profile: 'constant', origin: T - 3600, now: () => T });
const all = [...mesh.timeline.segmentAt(T).series.values()];
const tcp = (name: string, match: Record<string, string>): Series[] =>
  all.filter((s) => s.name === name && Object.entries(match).every(([k, v]) => s.labels[k] === v));
const received = (match: Record<string, string>) => tcp('istio_tcp_received_bytes_total', match);
const rate = (list: Series[]) => list.reduce((a, s) => a + s.terms.reduce((b, t) => b + t.coef, 0), 0);

const LABELS = ['reporter', 'source_workload', 'source_canonical_service', 'source_canonical_revision', 'source_workload_namespace', 'source_principal', 'source_app', 'source_version', 'source_cluster', 'destination_service', 'destination_service_namespace', 'destination_service_name', 'destination_workload', 'destination_canonical_service', 'destination_canonical_revision', 'destination_workload_namespace', 'destination_principal', 'destination_app', 'destination_version', 'destination_cluster', 'request_protocol', 'response_flags', 'connection_security_policy'];

describe('ztunnel reporter semantics', () => {
  it('prints the full label set in ztunnel order', () => {
    for (const s of all.filter((x) => x.name.startsWith('istio_tcp_'))) expect(Object.keys(s.labels)).toEqual(LABELS);
  });

  it('mesh -> mesh: both reporters, mutual_tls, both principals', () => {
    for (const reporter of ['source', 'destination']) {
      const [s, ...rest] = received({ reporter, source_workload: 'productpage-v1', destination_workload: 'details-v1' });
      expect(rest).toHaveLength(0);
      expect(s!.labels).toMatchObject({
        connection_security_policy: 'mutual_tls',
        source_principal: 'spiffe://cluster.local/ns/bookinfo/sa/bookinfo-productpage',
        destination_principal: 'spiffe://cluster.local/ns/bookinfo/sa/bookinfo-details',
        destination_service: 'details.bookinfo.svc.cluster.local',
        source_cluster: 'Kubernetes',
        response_flags: '-',
      });
      expect(rate([s!])).toBe(2400);
    }
    expect(rate(tcp('istio_tcp_sent_bytes_total', { reporter: 'source', source_workload: 'productpage-v1', destination_workload: 'details-v1' }))).toBe(4800);
  });

  it('non-mesh client -> ambient: destination only, policy and source principal unknown', () => {
    for (const client of ['legacy-client-v1', 'loadgen-v1']) {
      expect(received({ reporter: 'source', source_workload: client })).toHaveLength(0);
      const [s] = received({ reporter: 'destination', source_workload: client });
      expect(s!.labels).toMatchObject({ connection_security_policy: 'unknown', source_principal: 'unknown', destination_workload: 'productpage-v1' });
    }
  });

  it('a client outside discoverySelectors is unknown entirely', () => {
    const [s] = received({ reporter: 'destination', destination_workload: 'productpage-v1', source_workload: 'unknown' });
    expect(s!.labels).toMatchObject({ source_workload_namespace: 'unknown', source_principal: 'unknown', source_cluster: 'unknown' });
    expect(rate([s!])).toBe(200);
  });

  it('ambient -> non-mesh pod (enrolled but not redirected): source only, policy unknown', () => {
    expect(received({ reporter: 'destination', destination_workload: 'mysqldb-v1' })).toHaveLength(0);
    const [s] = received({ reporter: 'source', destination_workload: 'mysqldb-v1' });
    expect(s!.labels).toMatchObject({ connection_security_policy: 'unknown', source_workload: 'ratings-v1', destination_principal: 'spiffe://cluster.local/ns/bookinfo/sa/mysqldb' });
  });

  it('ambient -> external IP: source only, every destination_* unknown', () => {
    const [s] = received({ reporter: 'source', source_workload: 'ratings-v1', destination_service: 'unknown' });
    for (const [k, v] of Object.entries(s!.labels)) if (k.startsWith('destination_')) expect(v, k).toBe('unknown');
    expect(s!.labels.connection_security_policy).toBe('unknown');
    expect(rate([s!])).toBe(500);
  });

  it('via waypoint: client side names the waypoint as destination, server side names it as source', () => {
    const [toWaypoint] = received({ reporter: 'source', source_workload: 'productpage-v1', destination_service_name: 'reviews' });
    expect(toWaypoint!.labels).toMatchObject({ destination_workload: 'waypoint', destination_canonical_service: 'waypoint', destination_canonical_revision: 'latest', destination_principal: 'spiffe://cluster.local/ns/bookinfo/sa/waypoint' });
    expect(rate([toWaypoint!])).toBe(3600);
    const fromWaypoint = received({ reporter: 'destination', source_workload: 'waypoint' });
    expect(fromWaypoint.map((s) => s.labels.destination_workload).sort()).toEqual(['reviews-v1', 'reviews-v2', 'reviews-v3']);
    // 5% of productpage's requests are POSTs the waypoint refuses (bookinfo's reviews-viewer): they never reach a backend.
    expect(rate(fromWaypoint)).toBeCloseTo(3600 * 0.95, 9);
    expect(received({ reporter: 'destination', source_workload: 'productpage-v1', destination_service_name: 'reviews' })).toHaveLength(0);
  });

  it('waypoint L7: reporter=waypoint, original client as source, backend pod as destination', () => {
    const reqs = tcp('istio_requests_total', { reporter: 'waypoint' });
    expect(new Set(reqs.map((s) => s.labels.source_workload))).toEqual(new Set(['productpage-v1']));
    expect(rate(reqs)).toBeCloseTo(12, 9);
    expect(rate(reqs.filter((s) => s.labels.response_code === '500'))).toBeCloseTo(1.2 * 0.95, 9);
    expect(reqs.every((s) => s.target.startsWith('bookinfo/waypoint-'))).toBe(true);
  });

  it("waypoint RBAC: the POSTs reviews-viewer refuses are 403 with the waypoint's label set, no backend named", () => {
    const forbidden = tcp('istio_requests_total', { reporter: 'waypoint', response_code: '403' });
    expect(rate(forbidden)).toBeCloseTo(12 * 0.05, 9);
    for (const s of forbidden) {
      expect(Object.keys(s.labels)).toEqual(Object.keys(tcp('istio_requests_total', { reporter: 'waypoint', response_code: '200' })[0]!.labels));
      expect(s.labels).toMatchObject({ source_workload: 'productpage-v1', source_principal: 'spiffe://cluster.local/ns/bookinfo/sa/bookinfo-productpage', destination_service_name: 'reviews', destination_workload: 'unknown', destination_principal: 'unknown', response_flags: '-', connection_security_policy: 'mutual_tls' });
    }
    expect(tcp('istio_request_duration_milliseconds_count', { reporter: 'waypoint', response_code: '403' })).toHaveLength(forbidden.length);
  });

  it('DENY and CONNECT only on closed connections; no bytes for denied flows', () => {
    const closed = tcp('istio_tcp_connections_closed_total', { source_workload: 'web-v1', destination_workload: 'ratings-v1' });
    expect(closed.map((s) => `${s.labels.reporter}:${s.labels.response_flags}`).sort()).toEqual(['destination:DENY', 'source:CONNECT']);
    const opened = tcp('istio_tcp_connections_opened_total', { source_workload: 'web-v1', destination_workload: 'ratings-v1' });
    expect(opened.every((s) => s.labels.response_flags === '-')).toBe(true);
    expect(received({ source_workload: 'web-v1', destination_workload: 'ratings-v1' })).toHaveLength(0);
    for (const s of all) if (!s.name.includes('closed')) expect(['-', undefined]).toContain(s.labels.response_flags);
  });

  it('series live on the reporting ztunnel: the client node for source, the server node for destination', () => {
    const view = mesh.view();
    for (const s of all.filter((x) => x.name.startsWith('istio_tcp_'))) {
      const ztunnel = [...view.ztunnels.values()].find((z) => `${z.namespace}/${z.name}` === s.target)!;
      const side = s.labels.reporter === 'source' ? s.labels.source_workload : s.labels.destination_workload;
      const pods = view.pods.filter((p) => p.workloadName === side && p.node === ztunnel.node);
      expect(pods.length, `${s.labels.reporter} ${side} on ${ztunnel.node}`).toBeGreaterThan(0);
    }
  });
});
