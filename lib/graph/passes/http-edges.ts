import type { EdgeReporter } from '@/lib/graph/model';
import type { HttpSample, LatencySample } from '@/lib/graph/samples';
import { edgeFor, emptyHttp, type HttpSums, type WorkGraph } from '@/lib/graph/work';
import { destinationEndpoint, known, sourceEndpoint, withClusters } from './endpoints';
import { nodeFor } from './nodes';
import { plaintextHint } from './security';
import { httpReporter } from './sidecar-views';

// Waypoint L7 series -> http / grpc edges from the client to the backend (the waypoint names the
// backend pod as destination). The edge remembers the waypoint when the inventory says which one.

export function responseClass(code: string): keyof HttpSums['byClass'] {
  const n = Number.parseInt(code, 10);
  if (!Number.isFinite(n) || n <= 0) return 'noResponse';
  if (n < 300) return '2xx';
  if (n < 400) return '3xx';
  if (n < 500) return '4xx';
  if (n < 600) return '5xx';
  return 'noResponse';
}

function isError(s: HttpSample): boolean {
  if (s.protocol === 'grpc' && /^\d+$/.test(s.grpcStatus)) return s.grpcStatus !== '0';
  const cls = responseClass(s.responseCode);
  return cls === '5xx' || cls === 'noResponse';
}

const workloadKey = (p: { cluster: string; namespace: string; workload: string }) => `${p.cluster}/${p.namespace}/${p.workload}`;

export function addHttpEdges(graph: WorkGraph, samples: (HttpSample & { seenBy?: EdgeReporter[] })[], latency: LatencySample[]): void {
  const edgesByPair = new Map<string, Set<string>>();
  for (const s of samples) {
    const [src, dst] = withClusters(sourceEndpoint(s.source), destinationEndpoint(s.destination));
    const waypoint = s.reporter === 'waypoint' ? graph.inventory.waypointFor(dst) : undefined;
    const edge = edgeFor(graph, {
      protocol: s.protocol,
      source: nodeFor(graph, src, 'source'),
      target: nodeFor(graph, dst, 'destination'),
      waypoint,
      sourceCluster: src.cluster,
      destinationCluster: dst.cluster,
    });
    for (const reporter of s.seenBy ?? [httpReporter(s)]) edge.reporters.add(reporter);
    const http = (edge.http ??= emptyHttp());
    http.requests += s.value;
    http.byClass[responseClass(s.responseCode)] += s.value;
    if (isError(s)) http.errors += s.value;
    const mtls = s.securityPolicy === 'mutual_tls';
    if (mtls) http.mtlsRequests += s.value;
    else if (s.value > 0) edge.plaintextHints.add(plaintextHint(src, dst, 'both', graph.inventory));
    if (known(src.principal)) edge.sourcePrincipals.add(src.principal);
    if (known(dst.principal)) edge.destinationPrincipals.add(dst.principal);

    const pair = `${workloadKey(src)}>${workloadKey(dst)}`;
    const ids = edgesByPair.get(pair) ?? new Set<string>();
    ids.add(edge.id);
    edgesByPair.set(pair, ids);
  }

  for (const l of latency) {
    const pair = `${workloadKey(l.source)}>${workloadKey(l.destination)}`;
    for (const id of edgesByPair.get(pair) ?? []) {
      const http = graph.edges.get(id)?.http;
      if (!http) continue;
      const q = http.latency.get(pair) ?? { p50: null, p95: null, p99: null };
      if (l.quantile === 0.5) q.p50 = l.valueMs;
      else if (l.quantile === 0.95) q.p95 = l.valueMs;
      else q.p99 = l.valueMs;
      http.latency.set(pair, q);
    }
  }
}
