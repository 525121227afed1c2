import { describe, expect, it } from 'vitest';
import { answerSamples, toHttpSamples, toLatencySamples, toTcpSamples, toTrafficSamples, unpackEdges } from './to-samples';
import { parseSampleValue } from './vector-scan';
import { graphQueries } from './graph-queries';
import { EDGE_LABEL, EDGE_SELECT_LABELS, EDGE_SEPARATOR, edgePackedLabels, recordedGraphQueries } from './recorded-queries';
import { LabelInterner } from './label-interner';
import { MetricsError } from './errors';

const series = (metric: Record<string, string>, value: string) => ({ metric, value: [1_700_000_000, value] as [number, string] });

const labels = {
  source_cluster: 'Kubernetes', source_workload_namespace: 'bookinfo', source_workload: 'productpage-v1',
  source_canonical_service: 'productpage', source_canonical_revision: 'v1', source_principal: 'spiffe://cluster.local/ns/bookinfo/sa/bookinfo-productpage',
  destination_cluster: 'Kubernetes', destination_service: 'details.bookinfo.svc.cluster.local', destination_service_namespace: 'bookinfo',
  destination_service_name: 'details', destination_workload_namespace: 'bookinfo', destination_workload: 'details-v1',
  destination_canonical_service: 'details', destination_canonical_revision: 'v1', destination_principal: 'spiffe://cluster.local/ns/bookinfo/sa/bookinfo-details',
  connection_security_policy: 'mutual_tls',
};

describe('to-samples', () => {
  it('maps ztunnel labels to a TcpSample; absent labels become "unknown"', () => {
    const [s] = toTcpSamples('receivedBytes', [series(labels, '1.5')]);
    expect(s).toEqual({
      metric: 'receivedBytes',
      source: { cluster: 'Kubernetes', namespace: 'bookinfo', workload: 'productpage-v1', canonicalService: 'productpage', canonicalRevision: 'v1', app: 'unknown', version: 'unknown', principal: 'spiffe://cluster.local/ns/bookinfo/sa/bookinfo-productpage' },
      destination: { cluster: 'Kubernetes', namespace: 'bookinfo', workload: 'details-v1', canonicalService: 'details', canonicalRevision: 'v1', app: 'unknown', version: 'unknown', principal: 'spiffe://cluster.local/ns/bookinfo/sa/bookinfo-details', service: 'details.bookinfo.svc.cluster.local', serviceName: 'details', serviceNamespace: 'bookinfo' },
      securityPolicy: 'mutual_tls',
      responseFlags: '-',
      value: 1.5,
    });
  });

  it('keeps the reporter label or the one the caller asked for', () => {
    expect(toTcpSamples('sentBytes', [series({ ...labels, reporter: 'source' }, '1')])[0]?.reporter).toBe('source');
    expect(toTcpSamples('sentBytes', [series(labels, '1')], 'destination')[0]?.reporter).toBe('destination');
  });

  it('reads a recorded edge: `edge` split back into its labels, empty parts "unknown" as for empty labels', () => {
    const packed = edgePackedLabels('receivedBytes');
    const pack = (m: Record<string, string>) => ({
      ...Object.fromEntries(EDGE_SELECT_LABELS.map((l) => [l, m[l] ?? ''])),
      [EDGE_LABEL]: packed.map((l) => m[l] ?? '').join(EDGE_SEPARATOR),
    });
    const query = recordedGraphQueries({ namespaces: ['bookinfo'], duration: 600, queryTime: 1 }).find((q) => q.id === 'tcp_receivedBytes');
    expect(query?.kind === 'tcp' && query.packed).toEqual(packed);
    const fromPacked = answerSamples(query!, [series(pack(labels), '1.5')], new LabelInterner()).tcp;
    expect(fromPacked).toEqual(toTcpSamples('receivedBytes', [series(labels, '1.5')]));
    const { source_principal: _, ...noPrincipal } = labels;
    expect(unpackEdges([series(pack(noPrincipal), '1')], packed)[0]?.metric).toEqual({ ...noPrincipal, source_principal: '' });
    // An `edge` that does not split into the query's labels is a malformed answer, not a guess.
    for (const edge of ['a', [...packed, 'extra'].join(EDGE_SEPARATOR)]) {
      expect(() => answerSamples(query!, [series({ ...pack(labels), [EDGE_LABEL]: edge }, '1')], new LabelInterner())).toThrow(MetricsError);
    }
    expect(() => unpackEdges([series({ source_workload_namespace: 'a' }, '1')], packed)).toThrow(/"edge" label does not hold 16 values/);
  });

  it('a recorded answer shares its peers, and sums edges whose labels differ only as empty and "unknown"', () => {
    const packed = edgePackedLabels('connectionsClosed');
    const pack = (m: Record<string, string>) => ({
      ...Object.fromEntries(EDGE_SELECT_LABELS.map((l) => [l, m[l] ?? ''])),
      [EDGE_LABEL]: packed.map((l) => m[l] ?? '').join(EDGE_SEPARATOR),
    });
    const query = recordedGraphQueries({ namespaces: [], duration: 600, queryTime: 1 }).find((q) => q.id === 'tcp_connectionsClosed')!;
    const other = { ...labels, destination_workload: 'reviews-v1', destination_service: 'reviews.bookinfo.svc.cluster.local', destination_service_name: 'reviews' };
    const interner = new LabelInterner();
    const { tcp } = answerSamples(query, [
      series(pack({ ...labels, response_flags: 'DENY' }), '1'),
      series(pack({ ...other, response_flags: 'DENY' }), '2'),
      series(pack({ ...labels, source_canonical_revision: 'unknown', response_flags: 'DENY' }), '0.5'),
      series(pack({ ...labels, source_canonical_revision: '', response_flags: 'DENY' }), '0.25'),
    ], interner);
    expect(tcp.map((t) => [t.destination.workload, t.source.canonicalRevision, t.responseFlags, t.value])).toEqual([
      ['details-v1', 'v1', 'DENY', 1],
      ['reviews-v1', 'v1', 'DENY', 2],
      ['details-v1', 'unknown', 'DENY', 0.75],
    ]);
    expect(tcp[0]?.source).toBe(tcp[1]?.source);
    // The same peers as a raw answer of the same build (one interner): the graph keys them by identity.
    const [raw] = toTcpSamples('receivedBytes', [series({ ...labels, source_principal: '', destination_principal: '' }, '1')], undefined, undefined, interner);
    expect(raw?.source).toBe(tcp[0]?.source);
  });

  it('reads recorded answers of one layout in any order alike, sharing their peers within a build', () => {
    const queries = recordedGraphQueries({ namespaces: [], duration: 600, queryTime: 1 });
    const received = queries.find((q) => q.id === 'tcp_receivedBytes')!;
    const sent = queries.find((q) => q.id === 'tcp_sentBytes')!;
    const packed = edgePackedLabels('receivedBytes');
    expect(edgePackedLabels('sentBytes')).toEqual(packed);
    const pack = (m: Record<string, string>, value: string) =>
      series({ ...Object.fromEntries(EDGE_SELECT_LABELS.map((l) => [l, m[l] ?? ''])), [EDGE_LABEL]: packed.map((l) => m[l] ?? '').join(EDGE_SEPARATOR) }, value);
    const other = { ...labels, destination_workload: 'reviews-v1', destination_service: 'reviews.bookinfo.svc.cluster.local' };
    const third = { ...labels, source_workload: 'ratings-v1' };
    const first = [pack(labels, '1'), pack(other, 'NaN'), pack(third, '3')];
    const view = (tcp: { source: { workload: string }; destination: { workload: string }; value: number }[]) => tcp.map((t) => `${t.source.workload}>${t.destination.workload}=${t.value}`);
    for (const second of [[pack(labels, '10'), pack(other, '20'), pack(third, '30')], [pack(third, '30'), pack(labels, '10'), pack(other, '20')], [pack(other, '20')]]) {
      const interner = new LabelInterner();
      const a = answerSamples(received, first, interner).tcp;
      const b = answerSamples(sent, second, interner).tcp;
      expect(view(a)).toEqual(['productpage-v1>details-v1=1', 'ratings-v1>details-v1=3']);
      expect(view(b)).toEqual(view(answerSamples(sent, second, new LabelInterner()).tcp));
      expect(b.every((x) => x.metric === 'sentBytes')).toBe(true);
      const sameEdge = b.find((x) => x.source.workload === 'productpage-v1' && x.destination.workload === 'details-v1');
      if (sameEdge) expect(sameEdge.source).toBe(a[0]?.source);
    }
  });

  it('counts every run of a recorded edge in its own layout: a run first seen in another layout does not vouch for it', () => {
    const queries = recordedGraphQueries({ namespaces: [], duration: 600, queryTime: 1 });
    const opened = queries.find((q) => q.id === 'tcp_connectionsOpened')!;
    const received = queries.find((q) => q.id === 'tcp_receivedBytes')!;
    const join = (m: Record<string, string>, packed: readonly string[]) => packed.map((l) => m[l] ?? '').join(EDGE_SEPARATOR);
    // The connections' destination run (no principal) holds 8 values; a bytes edge
    // that lacks its destination principal has the same run text, and one value too few.
    const connections = join(labels, edgePackedLabels('connectionsOpened'));
    const bytesPacked = edgePackedLabels('receivedBytes');
    const short = join(labels, bytesPacked.filter((l) => l !== 'destination_principal'));
    for (const order of ['connections first', 'bytes first'] as const) {
      const interner = new LabelInterner();
      const readBytes = () => answerSamples(received, [series({ [EDGE_LABEL]: short }, '1')], interner);
      if (order === 'connections first') answerSamples(opened, [series({ [EDGE_LABEL]: connections }, '1')], interner);
      expect(readBytes, order).toThrow(/does not hold 16 values/);
    }
  });

  it('sums series that differ only in labels it does not read (e.g. the scrape target)', () => {
    const out = toTcpSamples('connectionsClosed', [series({ ...labels, pod: 'ztunnel-a', response_flags: 'DENY' }, '0.25'), series({ ...labels, pod: 'ztunnel-b', response_flags: 'DENY' }, '0.5')]);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ responseFlags: 'DENY', value: 0.75 });
  });

  it('parses Prometheus float strings and drops rates that are not finite', () => {
    expect([parseSampleValue('+Inf'), parseSampleValue('-Inf'), parseSampleValue('1e3')]).toEqual([Infinity, -Infinity, 1000]);
    expect(parseSampleValue('NaN')).toBeNaN();
    expect(toTcpSamples('receivedBytes', [series(labels, 'NaN'), series(labels, '+Inf')])).toEqual([]);
  });

  it('maps waypoint requests and latency quantiles (NaN: no observations)', () => {
    const [h] = toHttpSamples([series({ ...labels, request_protocol: 'grpc', response_code: '200', grpc_response_status: '14', response_flags: '-' }, '2')]);
    expect(h).toMatchObject({ reporter: 'waypoint', protocol: 'grpc', responseCode: '200', grpcStatus: '14', value: 2 });
    const l = toLatencySamples(0.95, [series(labels, '12.5'), series({ ...labels, destination_workload: 'reviews-v1' }, 'NaN')]);
    expect(l.map((s) => s.valueMs)).toEqual([12.5, null]);
    expect(l[0]).toMatchObject({ quantile: 0.95, source: { workload: 'productpage-v1' }, destination: { workload: 'details-v1' } });
  });

  it("hands every sample of a build the same peer objects: equal labels across answers, '' read as missing", () => {
    const [received, opened] = graphQueries({ namespaces: [], duration: 60, queryTime: 1 }).filter((q) => q.kind === 'tcp' && !q.proxy);
    if (!received || !opened) throw new Error('the graph queries lost their tcp counters');
    const other = { ...labels, destination_workload: 'reviews-v1', destination_canonical_service: 'reviews' };
    const { tcp } = toTrafficSamples([
      { query: received, vector: [series(labels, '1'), series(other, '2')] },
      { query: opened, vector: [series({ ...labels, source_app: '' }, '3')] },
    ]);
    const [a, b, c] = tcp;
    if (!a || !b || !c) throw new Error(`expected 3 samples, got ${tcp.length}`);
    expect(b.source).toBe(a.source);
    expect(c.source).toBe(a.source);
    expect(c.destination).toBe(a.destination);
    expect(b.destination).not.toBe(a.destination);
    expect(b.destination.workload).toBe('reviews-v1');
    // Separate calls share nothing (an interner lives for one build).
    expect(toTcpSamples('receivedBytes', [series(labels, '1')])[0]?.source).not.toBe(a.source);
  });
});
