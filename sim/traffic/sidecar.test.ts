// Who reports what in a mixed sidecar/ambient mesh (the sidecar scenario), series by series:
// Envoy sidecars' istio_requests_total / histogram / istio_tcp_* and ztunnel's istio_tcp_*.

import { describe, expect, it } from 'vitest';
import { ObjectStore } from '../store';
import { buildBookinfoSidecar } from '../scenarios/bookinfo-sidecar';
import { SimMesh } from '../mesh/mesh';
import type { Series } from './series';

const T = 1_760_000_000;
const mesh = new SimMesh({ store: new ObjectStore(), scenario: buildBookinfoSidecar(), profile: 'constant', origin: T - 3600, now: () => T });
const all = [...mesh.timeline.segmentAt(T).series.values()];
const rate = (list: Series[]) => list.reduce((a, s) => a + s.terms.reduce((b, t) => b + t.coef, 0), 0);
const podOf = (workload: string) => mesh.view().pods.find((p) => p.workloadName === workload)!;
const target = (workload: string) => `${podOf(workload).namespace}/${podOf(workload).name}`;
const isZtunnel = (s: Series) => s.target.startsWith('ztunnel/');

/** Every series of a source -> destination pair, described as "proxy:metric:reporter". */
function pair(source: string, destination: string): { series: Series[]; shape: string[] } {
  const series = all.filter((s) => s.labels.source_workload === source && s.labels.destination_workload === destination && !s.name.includes('duration'));
  const shape = [...new Set(series.map((s) => `${isZtunnel(s) ? 'ztunnel' : s.target === target(source) ? 'client-envoy' : s.target === target(destination) ? 'server-envoy' : s.target}:${s.name}:${s.labels.reporter}`))].sort();
  return { series, shape };
}
const of = (list: Series[], name: string, match: Record<string, string> = {}) => list.filter((s) => s.name === name && Object.entries(match).every(([k, v]) => s.labels[k] === v));

const ENVOY_HTTP = ['reporter', 'source_workload', 'source_canonical_service', 'source_canonical_revision', 'source_workload_namespace', 'source_principal', 'source_app', 'source_version', 'source_cluster', 'destination_workload', 'destination_workload_namespace', 'destination_principal', 'destination_app', 'destination_version', 'destination_service', 'destination_canonical_service', 'destination_canonical_revision', 'destination_service_name', 'destination_service_namespace', 'destination_cluster', 'request_protocol', 'response_code', 'grpc_response_status', 'response_flags', 'connection_security_policy'];
const ENVOY_TCP = ENVOY_HTTP.filter((l) => l !== 'response_code' && l !== 'grpc_response_status');
const ENVOY_TCP_NAMES = ['istio_tcp_connections_closed_total', 'istio_tcp_connections_opened_total', 'istio_tcp_received_bytes_total', 'istio_tcp_sent_bytes_total'];
const WEB = 'spiffe://cluster.local/ns/frontend/sa/web';
const CATALOG = 'spiffe://cluster.local/ns/frontend/sa/catalog';
const PRODUCTPAGE = 'spiffe://cluster.local/ns/bookinfo/sa/bookinfo-productpage';

describe('Envoy sidecar series', () => {
  it('print the stats filter\'s label set in its order (HTTP with codes, TCP without)', () => {
    const envoy = all.filter((s) => !isZtunnel(s) && s.labels.reporter !== 'waypoint');
    expect(envoy.length).toBeGreaterThan(0);
    for (const s of envoy) {
      const keys = Object.keys(s.labels).filter((k) => k !== 'le');
      expect(keys, s.name).toEqual(s.name.startsWith('istio_tcp_') ? ENVOY_TCP : ENVOY_HTTP);
    }
  });

  it('live on the reporting pod: source series on the client\'s pod, destination series on the server\'s', () => {
    for (const s of all.filter((x) => !isZtunnel(x) && x.labels.reporter !== 'waypoint')) {
      const side = s.labels.reporter === 'source' ? s.labels.source_workload : s.labels.destination_workload;
      expect(s.target, `${s.name} ${s.labels.reporter}`).toBe(target(side!));
      expect(podOf(side!).sidecar).toBe(true);
    }
  });
});

describe('who reports what, per combination', () => {
  it('sidecar -> sidecar over HTTP: client Envoy source (unknown) and server Envoy destination (mutual_tls), requests only', () => {
    const { series, shape } = pair('web-v1', 'catalog-v1');
    expect(shape).toEqual(['client-envoy:istio_requests_total:source', 'server-envoy:istio_requests_total:destination']);
    for (const [reporter, policy] of [['source', 'unknown'], ['destination', 'mutual_tls']] as const) {
      const reqs = of(series, 'istio_requests_total', { reporter });
      expect(reqs.map((s) => s.labels.response_code).sort()).toEqual(['200', '500']);
      for (const s of reqs) expect(s.labels).toMatchObject({ connection_security_policy: policy, source_principal: WEB, destination_principal: CATALOG, destination_service: 'catalog.frontend.svc.cluster.local', request_protocol: 'http', grpc_response_status: '', source_app: 'web', destination_app: 'catalog' });
      expect(rate(reqs)).toBeCloseTo(8, 9);
      expect(rate(of(reqs, 'istio_requests_total', { response_code: '500' }))).toBeCloseTo(0.4, 9);
      const count = all.filter((s) => s.name === 'istio_request_duration_milliseconds_count' && s.labels.reporter === reporter && s.labels.source_workload === 'web-v1' && s.labels.destination_workload === 'catalog-v1');
      expect(rate(count)).toBeCloseTo(8, 9);
    }
  });

  it('sidecar -> sidecar over TCP: Envoy istio_tcp_* from both, no requests', () => {
    const { series, shape } = pair('catalog-v1', 'cache-v1');
    expect(shape).toEqual([...ENVOY_TCP_NAMES.map((n) => `client-envoy:${n}:source`), ...ENVOY_TCP_NAMES.map((n) => `server-envoy:${n}:destination`)].sort());
    expect(of(series, 'istio_tcp_received_bytes_total', { reporter: 'destination' })[0]!.labels).toMatchObject({ connection_security_policy: 'mutual_tls', request_protocol: 'tcp', destination_service_name: 'cache' });
    expect(of(series, 'istio_tcp_received_bytes_total', { reporter: 'source' })[0]!.labels.connection_security_policy).toBe('unknown');
    expect(rate(of(series, 'istio_tcp_received_bytes_total', { reporter: 'source' }))).toBe(300);
    expect(rate(of(series, 'istio_tcp_sent_bytes_total', { reporter: 'destination' }))).toBe(900);
  });

  it('sidecar -> ambient: client Envoy source L7, server ztunnel destination L4 with the sidecar\'s principal', () => {
    const { series, shape } = pair('web-v1', 'productpage-v1');
    expect(shape).toEqual(['client-envoy:istio_requests_total:source', ...ENVOY_TCP_NAMES.map((n) => `ztunnel:${n}:destination`)].sort());
    const l4 = of(series, 'istio_tcp_received_bytes_total')[0]!;
    expect(l4.target).toMatch(/^ztunnel\//);
    expect(l4.labels).toMatchObject({ connection_security_policy: 'mutual_tls', source_principal: WEB, destination_principal: PRODUCTPAGE });
    expect(of(series, 'istio_requests_total')[0]!.labels).toMatchObject({ connection_security_policy: 'unknown', response_code: '200', destination_workload: 'productpage-v1' });
    expect(rate(of(series, 'istio_requests_total'))).toBeCloseTo(5, 9);
  });

  it('ambient -> sidecar: server Envoy destination L7 naming the ambient client, client ztunnel source L4 only', () => {
    const { series, shape } = pair('productpage-v1', 'catalog-v1');
    expect(shape).toEqual(['server-envoy:istio_requests_total:destination', ...ENVOY_TCP_NAMES.map((n) => `ztunnel:${n}:source`)].sort());
    // The sidecar terminates HBONE itself (networking.istio.io/tunnel=http), so the hop is mTLS.
    expect(of(series, 'istio_tcp_sent_bytes_total')[0]!.labels).toMatchObject({ connection_security_policy: 'mutual_tls', source_principal: PRODUCTPAGE, destination_principal: CATALOG });
    expect(of(series, 'istio_requests_total')[0]!.labels).toMatchObject({ connection_security_policy: 'mutual_tls', source_workload_namespace: 'bookinfo', source_principal: PRODUCTPAGE });
    expect(rate(of(series, 'istio_requests_total'))).toBeCloseTo(6, 9);
  });

  it('non-mesh -> sidecar (PERMISSIVE plaintext): server Envoy destination only, policy none, client unknown', () => {
    const into = all.filter((s) => s.name === 'istio_requests_total' && s.labels.destination_workload === 'catalog-v1' && s.labels.source_workload === 'unknown');
    expect(into).toHaveLength(1);
    expect(into[0]!.target).toBe(target('catalog-v1'));
    expect(into[0]!.labels).toMatchObject({ reporter: 'destination', connection_security_policy: 'none', source_principal: 'unknown', destination_principal: 'unknown', source_workload_namespace: 'unknown', source_canonical_revision: 'latest', source_cluster: 'unknown' });
    expect(rate(into)).toBeCloseTo(2, 9);
    expect(all.filter((s) => s.labels.source_workload === 'legacy-client-v1' && s.labels.destination_service_name === 'catalog')).toHaveLength(0);
  });

  it('sidecar -> non-mesh pod: client Envoy source only, plaintext (no principals)', () => {
    const { series, shape } = pair('catalog-v1', 'inventory-v1');
    expect(shape).toEqual(['client-envoy:istio_requests_total:source']);
    for (const s of series) expect(s.labels).toMatchObject({ connection_security_policy: 'unknown', source_principal: 'unknown', destination_principal: 'unknown', destination_service: 'inventory.legacy.svc.cluster.local' });
    expect(rate(series)).toBeCloseTo(4, 9);
  });

  it('sidecar -> outside address: client Envoy source only, TCP through PassthroughCluster', () => {
    const out = all.filter((s) => s.labels.source_workload === 'catalog-v1' && s.labels.destination_service_name === 'PassthroughCluster');
    expect(out.map((s) => `${s.name}:${s.labels.reporter}`).sort()).toEqual(ENVOY_TCP_NAMES.map((n) => `${n}:source`));
    expect(out[0]!.labels).toMatchObject({ destination_service: '203.0.113.50:443', destination_workload: 'unknown', destination_service_namespace: 'unknown', connection_security_policy: 'unknown' });
    expect(rate(of(out, 'istio_tcp_sent_bytes_total'))).toBe(1200);
  });

  it('sidecar -> ambient denied by the server\'s ztunnel: DENY there, 503 UC at the client Envoy, no bytes', () => {
    const { series, shape } = pair('web-v1', 'ratings-v1');
    expect(shape).toEqual(['client-envoy:istio_requests_total:source', 'ztunnel:istio_tcp_connections_closed_total:destination', 'ztunnel:istio_tcp_connections_opened_total:destination']);
    expect(of(series, 'istio_tcp_connections_closed_total')[0]!.labels.response_flags).toBe('DENY');
    expect(of(series, 'istio_requests_total').map((s) => `${s.labels.response_code} ${s.labels.response_flags}`)).toEqual(['503 UC']);
  });

  it('ambient -> ambient is untouched: both ztunnels, no Envoy series', () => {
    expect(pair('productpage-v1', 'details-v1').shape).toEqual(ENVOY_TCP_NAMES.flatMap((n) => [`ztunnel:${n}:destination`, `ztunnel:${n}:source`]).sort());
  });
});

describe('sidecar pods as scrape targets', () => {
  it('are kubernetes-pods targets on :15020/stats/prometheus with the pod\'s own labels', () => {
    const sidecars = mesh.targets().filter((t) => t.kind === 'sidecar');
    expect(sidecars.map((t) => t.pod.replace(/-[a-z0-9]+-[a-z0-9]{5}$/, '')).sort()).toEqual(['cache-v1', 'catalog-v1', 'web-v1']);
    const web = sidecars.find((t) => t.key === target('web-v1'))!;
    expect(web).toMatchObject({ namespace: 'frontend', path: '/stats/prometheus', instance: `${podOf('web-v1').ip}:15020` });
    expect(web.labels).toMatchObject({ namespace: 'frontend', pod: podOf('web-v1').name, app: 'web', version: 'v1', security_istio_io_tlsMode: 'istio', service_istio_io_canonical_name: 'web' });
  });

  it('serve their Envoy series with the model\'s counters', () => {
    const text = mesh.metricsText('frontend', podOf('catalog-v1').name, T)!;
    expect(text).toContain('# TYPE istio_request_duration_milliseconds histogram');
    expect(text).toContain('istio_build{component="proxy",tag="1.24.0"} 1');
    const line = text.split('\n').find((l) => l.startsWith('istio_requests_total{reporter="destination",source_workload="web-v1"') && l.includes('response_code="200"'))!;
    expect(Number(line.split(' ').pop())).toBeCloseTo(7.6 * 3600, 6);
    expect(mesh.metricsText('frontend', 'no-such-pod', T)).toBeUndefined();
  });
});
