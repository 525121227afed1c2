import { describe, expect, it } from 'vitest';
import { alternation, escapeRegex, escapeString, inSet, isNamespaceName, selector } from './promql';
import { graphQueries } from './graph-queries';

describe('escaping', () => {
  it('escapes string literals', () => {
    expect(escapeString('a"b\\c\nd')).toBe('a\\"b\\\\c\\nd');
    expect(selector('m', [['l', '=', '"} or vector(1) #']])).toBe('m{l="\\"} or vector(1) #"}');
  });

  it('escapes regex metacharacters, then the string literal', () => {
    expect(escapeRegex('a.b|c*')).toBe('a\\.b\\|c\\*');
    expect(selector('m', [['l', '=~', alternation(['x.y', 'a'])]])).toBe('m{l=~"a|x\\\\.y"}');
  });

  it('uses equality for one value and a sorted alternation for several', () => {
    expect(inSet('ns', ['b'])).toEqual(['ns', '=', 'b']);
    expect(inSet('ns', ['b', 'a'], true)).toEqual(['ns', '!~', 'a|b']);
  });

  it('rejects bad label names and namespace names', () => {
    expect(() => selector('m', [['bad-name', '=', 'x']])).toThrow(RangeError);
    expect(isNamespaceName('bookinfo')).toBe(true);
    expect(isNamespaceName('Bookinfo')).toBe(false);
    expect(() => graphQueries({ namespaces: ['a|b'], duration: 600, queryTime: 1 })).toThrow(RangeError);
  });
});

describe('graph-queries (agg3)', () => {
  const count = (n: number) => graphQueries({ namespaces: Array.from({ length: n }, (_, i) => `ns-${i}`), duration: 600, queryTime: 1 }).length;

  it('issues a constant number of queries whatever the namespace count', () => {
    expect([count(0), count(1), count(5), count(200)]).toEqual([16, 16, 16, 16]);
  });

  it('partitions ztunnel selectors by reporter and leaves reporter out of the group-by', () => {
    const [received] = graphQueries({ namespaces: ['bookinfo', 'reviews'], duration: 300, queryTime: 1 });
    const q = received?.promql ?? '';
    expect(q).toContain('istio_tcp_received_bytes_total{reporter="destination",destination_workload_namespace=~"bookinfo|reviews",app="ztunnel"}[300s]');
    expect(q).toContain('istio_tcp_received_bytes_total{reporter="source",source_workload_namespace=~"bookinfo|reviews",app="ztunnel"}[300s]');
    expect(q).toContain('{reporter="source",source_workload_namespace!~"bookinfo|reviews",destination_workload_namespace="unknown",destination_service_namespace=~"bookinfo|reviews",app="ztunnel"}');
    // A non-mesh client in R calling out: only the server's ztunnel reports it.
    expect(q).toContain('{reporter="destination",source_workload_namespace=~"bookinfo|reviews",destination_workload_namespace!~"bookinfo|reviews",app="ztunnel"}');
    expect(q).not.toMatch(/by \([^)]*reporter/);
    // Ambient -> sidecar from elsewhere: only the client's ztunnel reports it.
    expect(q).toContain('{reporter="source",source_workload_namespace!~"bookinfo|reviews",destination_workload_namespace=~"bookinfo|reviews",app="ztunnel"}');
    expect(q.split(' or ')).toHaveLength(5);
    expect(q.endsWith(' > 0')).toBe(true);
  });

  it('reads every namespace with two reporter branches when none is given', () => {
    const [received] = graphQueries({ namespaces: [], duration: 60, queryTime: 1 });
    expect(received?.promql).toBe(
      `(sum by (${'source_cluster,source_workload_namespace,source_workload,source_canonical_service,source_canonical_revision,destination_cluster,destination_service,destination_service_namespace,destination_service_name,destination_workload_namespace,destination_workload,destination_canonical_service,destination_canonical_revision,source_principal,destination_principal,connection_security_policy'}) (rate(istio_tcp_received_bytes_total{reporter="destination",app="ztunnel"}[60s])) or sum by (${'source_cluster,source_workload_namespace,source_workload,source_canonical_service,source_canonical_revision,destination_cluster,destination_service,destination_service_namespace,destination_service_name,destination_workload_namespace,destination_workload,destination_canonical_service,destination_canonical_revision,source_principal,destination_principal,connection_security_policy'}) (rate(istio_tcp_received_bytes_total{reporter="source",app="ztunnel"}[60s]))) > 0`,
    );
  });

  it('asks waypoints for requests and latency quantiles', () => {
    const qs = graphQueries({ namespaces: ['bookinfo'], duration: 600, queryTime: 1 });
    expect(qs.map((q) => q.id)).toEqual(['tcp_receivedBytes', 'tcp_sentBytes', 'tcp_connectionsOpened', 'tcp_connectionsClosed', 'http_requests', 'latency_p50', 'latency_p95', 'latency_p99',
      'sidecar_tcp_receivedBytes', 'sidecar_tcp_sentBytes', 'sidecar_tcp_connectionsOpened', 'sidecar_tcp_connectionsClosed', 'sidecar_http_requests', 'sidecar_latency_p50', 'sidecar_latency_p95', 'sidecar_latency_p99']);
    expect(qs[4]?.promql).toContain('istio_requests_total{reporter="waypoint",destination_workload_namespace="bookinfo"}');
    expect(qs[7]?.promql).toMatch(/^histogram_quantile\(0\.99, \(sum by \(le,/);
    expect(qs[3]?.promql).toContain('response_flags');
  });

  it('reads Envoy sidecars apart from ztunnel, keeping the reporter so the graph picks one view per edge', () => {
    const qs = graphQueries({ namespaces: ['frontend', 'bookinfo'], duration: 600, queryTime: 1 });
    const tcp = qs.find((q) => q.id === 'sidecar_tcp_receivedBytes');
    expect(tcp?.kind === 'tcp' && tcp.proxy).toBe('sidecar');
    expect(tcp?.promql).toContain('istio_tcp_received_bytes_total{reporter=~"destination|source",destination_workload_namespace=~"bookinfo|frontend",app!="ztunnel"}');
    expect(tcp?.promql).toMatch(/^\(sum by \(reporter,source_cluster,/);
    const http = qs.find((q) => q.id === 'sidecar_http_requests')?.promql ?? '';
    expect(http).toContain('istio_requests_total{reporter=~"destination|source",source_workload_namespace=~"bookinfo|frontend"}');
    expect(http).toContain('{reporter=~"destination|source",destination_workload_namespace="unknown",destination_service_namespace=~"bookinfo|frontend"}');
    expect(http.split(' or ')).toHaveLength(3);
    // Every ztunnel TCP selector keeps to ztunnel's own series, every sidecar one excludes them.
    for (const q of qs.filter((x) => x.kind === 'tcp')) {
      const selectors = q.promql.match(/istio_tcp_\w+\{[^}]*\}/g) ?? [];
      expect(selectors.length).toBeGreaterThan(0);
      for (const sel of selectors) expect(sel).toContain(q.id.startsWith('sidecar_') ? 'app!="ztunnel"' : 'app="ztunnel"');
    }
  });
});
