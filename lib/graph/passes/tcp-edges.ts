import { LabelIds } from '@/lib/graph/label-ids';
import { PairIndex } from '@/lib/graph/pair-index';
import { edgeFor, emptyTcp, type WorkGraph } from '@/lib/graph/work';
import type { ViewedTcpSample } from './dedupe';
import { destinationEndpoint, known, sourceEndpoint, withClusters, type Endpoint } from './endpoints';
import { nodeFor } from './nodes';
import { plaintextHint } from './security';
import { tcpReporter } from './sidecar-views';

// ztunnel L4 series -> tcp edges. received_bytes is client -> server, sent_bytes server -> client
// (for both reporters, istio/istio#32399). Only the closed counter carries DENY / CONNECT.
//
// Two steps, so that the step run per sample allocates nothing:
// 1. per sample: its series (source labels, destination labels, waypoint, views) gets a small index,
//    and the sample's value is added to that series' sums in a typed array;
// 2. per series: endpoints, nodes and the edge are resolved once, and the sums added to the edge.
// A 10k-workload mesh has ~131k samples but ~33k series. Label objects are told apart by identity
// (the parser hands over one object per tuple): two equal label sets in different objects are two
// series here, and meet again in step 2, where edges are keyed by their node ids.

/** The sums kept per series, in this order (a series' slot is index * SUMS). */
const CLIENT_TO_SERVER = 0;
const SERVER_TO_CLIENT = 1;
const MTLS_BYTES = 2;
const OPENED = 3;
const MTLS_OPENED = 4;
const CLOSED = 5;
const DENIED = 6;
const CONNECT_FAILED = 7;
const SUMS = 8;
/** Flags per series: a plaintext byte counter or connection counter carried traffic. */
const PLAIN_BYTES = 1;
const PLAIN_CONNECTIONS = 2;

/** Small ids for objects, in the order first seen. */
class Identities<T extends object> {
  private readonly ids = new Map<T, number>();

  get size(): number {
    return this.ids.size;
  }

  id(item: T): number {
    let id = this.ids.get(item);
    if (id === undefined) this.ids.set(item, (id = this.ids.size));
    return id;
  }
}

/**
 * keep: which samples to draw (passes/select-namespaces.ts); it reads labels only, so it is asked
 * once per series rather than in a pass of its own over every sample.
 */
export function addTcpEdges(graph: WorkGraph, samples: ViewedTcpSample[], keep: (s: ViewedTcpSample) => boolean = () => true): void {
  const sources = new Identities<ViewedTcpSample['source']>();
  const destinations = new Identities<ViewedTcpSample['destination']>();
  const series = new PairIndex();
  // This pass's own numbering of (destination, waypoint, views): its ids mean nothing to other passes.
  const special = new LabelIds();
  // Each sample's series first, so that the sums are allocated once, at their exact size.
  const seriesOf = new Int32Array(samples.length);
  /** Per series: its first sample (whose labels stand for the series), its source and destination ids. */
  const first: number[] = [];
  const seriesSource: number[] = [];
  const seriesDestination: number[] = [];
  for (let i = 0; i < samples.length; i++) {
    const s = samples[i]!;
    const sourceId = sources.id(s.source);
    const destinationId = destinations.id(s.destination);
    const views = s.views ?? 'unknown';
    // Merged waypoint hops and ztunnel views are rare: only they pay for a tuple id (negative, apart from destination ids).
    const second = s.waypoint === undefined && views === 'unknown' ? destinationId : -1 - special.tuple(destinationId, s.waypoint ?? '', views);
    const k = series.add(sourceId, second);
    if (k === first.length) {
      first.push(i);
      seriesSource.push(sourceId);
      seriesDestination.push(destinationId);
    }
    seriesOf[i] = k;
  }
  const sums = new Float64Array(series.size * SUMS);
  const flags = new Uint8Array(series.size);
  const add = (slot: number, value: number) => {
    sums[slot] = sums[slot]! + value;
  };
  for (let i = 0; i < samples.length; i++) {
    const s = samples[i]!;
    const k = seriesOf[i]!;
    const base = k * SUMS;
    const value = s.value;
    const mtls = s.securityPolicy === 'mutual_tls';
    switch (s.metric) {
      case 'receivedBytes':
        add(base + CLIENT_TO_SERVER, value);
        if (mtls) add(base + MTLS_BYTES, value);
        else if (value > 0) flags[k] = flags[k]! | PLAIN_BYTES;
        break;
      case 'sentBytes':
        add(base + SERVER_TO_CLIENT, value);
        if (mtls) add(base + MTLS_BYTES, value);
        else if (value > 0) flags[k] = flags[k]! | PLAIN_BYTES;
        break;
      case 'connectionsOpened':
        add(base + OPENED, value);
        if (mtls) add(base + MTLS_OPENED, value);
        else if (value > 0) flags[k] = flags[k]! | PLAIN_CONNECTIONS;
        break;
      case 'connectionsClosed':
        add(base + CLOSED, value);
        if (s.responseFlags === 'DENY') add(base + DENIED, value);
        if (s.responseFlags === 'CONNECT') add(base + CONNECT_FAILED, value);
        break;
    }
  }

  // Many series share a client or a server: classify each label set and find its node once.
  const sourceEndpoints: (Endpoint | undefined)[] = new Array<Endpoint | undefined>(sources.size);
  const destinationEndpoints: (Endpoint | undefined)[] = new Array<Endpoint | undefined>(destinations.size);
  const sourceNodes = new Map<Endpoint, string>();
  const destinationNodes = new Map<Endpoint, string>();
  for (let k = 0; k < series.size; k++) {
    const s = samples[first[k]!]!;
    if (!keep(s)) continue;
    const [src, dst] = withClusters(
      (sourceEndpoints[seriesSource[k]!] ??= sourceEndpoint(s.source)),
      (destinationEndpoints[seriesDestination[k]!] ??= destinationEndpoint(s.destination)),
    );
    let source = sourceNodes.get(src);
    if (source === undefined) sourceNodes.set(src, (source = nodeFor(graph, src, 'source')));
    let target = destinationNodes.get(dst);
    if (target === undefined) destinationNodes.set(dst, (target = nodeFor(graph, dst, 'destination')));
    const edge = edgeFor(graph, { protocol: 'tcp', source, target, waypoint: s.waypoint, sourceCluster: src.cluster, destinationCluster: dst.cluster });
    if (known(src.principal)) edge.sourcePrincipals.add(src.principal);
    if (known(dst.principal)) edge.destinationPrincipals.add(dst.principal);
    if (s.seenBy) for (const reporter of s.seenBy) edge.reporters.add(reporter);
    else edge.reporters.add(tcpReporter(s));
    const tcp = (edge.tcp ??= emptyTcp());
    const base = k * SUMS;
    tcp.clientToServerBps += sums[base + CLIENT_TO_SERVER]!;
    tcp.serverToClientBps += sums[base + SERVER_TO_CLIENT]!;
    tcp.mtlsBytes += sums[base + MTLS_BYTES]!;
    tcp.opened += sums[base + OPENED]!;
    tcp.mtlsOpened += sums[base + MTLS_OPENED]!;
    tcp.closed += sums[base + CLOSED]!;
    tcp.denied += sums[base + DENIED]!;
    tcp.connectFailed += sums[base + CONNECT_FAILED]!;
    const plain = flags[k]!;
    // Connection counters are grouped without principals: do not read a missing one as "no peer identity".
    if (plain & PLAIN_BYTES) edge.plaintextHints.add(plaintextHint(src, dst, s.views ?? 'unknown', graph.inventory, true));
    if (plain & PLAIN_CONNECTIONS) edge.plaintextHints.add(plaintextHint(src, dst, s.views ?? 'unknown', graph.inventory, false));
  }
}
