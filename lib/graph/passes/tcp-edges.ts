import type { PlaintextReason } from '@/lib/graph/model';
import { LabelIds } from '@/lib/graph/label-ids';
import { cached } from '@/lib/graph/memo';
import { edgeFor, emptyTcp, type EdgeAcc, type WorkGraph } from '@/lib/graph/work';
import type { ViewedTcpSample } from './dedupe';
import { destinationEndpoint, known, sourceEndpoint, withClusters, type Endpoint } from './endpoints';
import { nodeFor } from './nodes';
import { plaintextHint } from './security';
import { tcpReporter } from './sidecar-views';

// ztunnel L4 series -> tcp edges. received_bytes is client -> server, sent_bytes server -> client
// (for both reporters, istio/istio#32399). Only the closed counter carries DENY / CONNECT.
// The four counters of a series share labels: endpoints, nodes and the edge are resolved once per
// distinct label set (a 5k-workload mesh has ~65k samples but ~16k label sets), keyed by label ids.

interface Resolved {
  edge: EdgeAcc;
  src: Endpoint;
  dst: Endpoint;
  /** The plaintext hint of the series' byte counters and of its connection counters, found once. */
  hints: { bytes?: PlaintextReason; connections?: PlaintextReason };
}


/**
 * keep: which samples to draw (passes/select-namespaces.ts); it reads labels only, so it is asked
 * once per label set rather than in a pass of its own over every sample.
 */
export function addTcpEdges(graph: WorkGraph, samples: ViewedTcpSample[], ids = new LabelIds(), keep: (s: ViewedTcpSample) => boolean = () => true): void {
  // By source id, then destination id: small integers, so no key is allocated per sample. Merged
  // waypoint hops and ztunnel views are rare: only they pay for a longer key (a tuple id).
  const resolved = new Map<number, Map<number, Resolved | null>>();
  const special = new Map<number, Resolved | null>();
  // Many series share a client or a server: classify each label set and find its node once.
  const sources = new Map<number, Endpoint>();
  const destinations = new Map<number, Endpoint>();
  const sourceNodes = new Map<Endpoint, string>();
  const destinationNodes = new Map<Endpoint, string>();
  for (const s of samples) {
    const sourceId = ids.peer(s.source);
    const destinationId = ids.destination(s.destination);
    const views = s.views ?? 'unknown';
    let slot: Map<number, Resolved | null> | undefined;
    let key: number;
    if (s.waypoint === undefined && views === 'unknown') {
      key = destinationId;
      slot = resolved.get(sourceId);
      if (!slot) resolved.set(sourceId, (slot = new Map()));
    } else {
      key = ids.tuple(sourceId, destinationId, s.waypoint ?? '', views);
      slot = special;
    }
    let r = slot.get(key);
    if (r === null) continue;
    if (r === undefined) {
      if (!keep(s)) {
        slot.set(key, null);
        continue;
      }
      const [src, dst] = withClusters(
        cached(sources, sourceId, () => sourceEndpoint(s.source)),
        cached(destinations, destinationId, () => destinationEndpoint(s.destination)),
      );
      const edge = edgeFor(graph, {
        protocol: 'tcp',
        source: cached(sourceNodes, src, () => nodeFor(graph, src, 'source')),
        target: cached(destinationNodes, dst, () => nodeFor(graph, dst, 'destination')),
        waypoint: s.waypoint,
        sourceCluster: src.cluster,
        destinationCluster: dst.cluster,
      });
      if (known(src.principal)) edge.sourcePrincipals.add(src.principal);
      if (known(dst.principal)) edge.destinationPrincipals.add(dst.principal);
      for (const reporter of s.seenBy ?? [tcpReporter(s)]) edge.reporters.add(reporter);
      r = { edge, src, dst, hints: {} };
      slot.set(key, r);
    }
    const tcp = (r.edge.tcp ??= emptyTcp());
    const mtls = s.securityPolicy === 'mutual_tls';
    switch (s.metric) {
      case 'receivedBytes':
        tcp.clientToServerBps += s.value;
        if (mtls) tcp.mtlsBytes += s.value;
        break;
      case 'sentBytes':
        tcp.serverToClientBps += s.value;
        if (mtls) tcp.mtlsBytes += s.value;
        break;
      case 'connectionsOpened':
        tcp.opened += s.value;
        if (mtls) tcp.mtlsOpened += s.value;
        break;
      case 'connectionsClosed':
        tcp.closed += s.value;
        if (s.responseFlags === 'DENY') tcp.denied += s.value;
        if (s.responseFlags === 'CONNECT') tcp.connectFailed += s.value;
        break;
    }
    if (!mtls && s.metric !== 'connectionsClosed' && s.value > 0) {
      // Connection counters are grouped without principals: do not read a missing one as "no peer identity".
      const hasPrincipals = s.metric !== 'connectionsOpened';
      const which = hasPrincipals ? 'bytes' : 'connections';
      const hint = (r.hints[which] ??= plaintextHint(r.src, r.dst, views, graph.inventory, hasPrincipals));
      r.edge.plaintextHints.add(hint);
    }
  }
}
