import type { DestinationLabels, PeerLabels } from '@/lib/graph/samples';

// One object per distinct label tuple across all the answers of one build. A 5,000-workload mesh's
// answers hold ~65k series but ~10k peers: the four counters of an edge come in four answers, and
// every series of a workload names it again. Interning hands the graph core the same PeerLabels
// object each time, so the core keys a series by object identity (lib/graph/passes/tcp-edges.ts) instead
// of by its label values, and the parser allocates one object per peer instead of one per series.
// Each tuple walks a trie of Maps over its label values; a value's hash is computed once per string.

type Labels = Record<string, string>;

/** A trie node. Most have one child (a workload's labels below its name are unique): that one needs no Map. */
class Node<T> {
  value: T | undefined = undefined;
  part: string | undefined = undefined;
  only: Node<T> | undefined = undefined;
  more: Map<string, Node<T>> | undefined = undefined;

  step(part: string): Node<T> {
    if (this.only === undefined) {
      this.part = part;
      return (this.only = new Node<T>());
    }
    if (this.part === part) return this.only;
    let n = this.more?.get(part);
    if (!n) {
      n = new Node<T>();
      (this.more ??= new Map()).set(part, n);
    }
    return n;
  }
}

/** '' and missing labels read as 'unknown' (ztunnel's own word for a label it could not fill). */
export const label = (m: Labels, name: string): string => m[name] || 'unknown';

const PEER_NAMES = { source: peerNames('source'), destination: peerNames('destination') };
function peerNames(side: 'source' | 'destination') {
  const n = (l: string) => `${side}_${l}`;
  return [n('cluster'), n('workload_namespace'), n('workload'), n('canonical_service'), n('canonical_revision'), n('app'), n('version'), n('principal')] as const;
}

interface Interned<T> {
  labels: T;
  /** Small and dense: keys of sums are made of it (see summedBy in to-samples.ts). */
  id: number;
}

export class LabelInterner {
  private readonly peers = new Node<Interned<PeerLabels>>();
  private readonly destinations = new Map<PeerLabels, Node<Interned<DestinationLabels>>>();
  private count = 0;

  /** The side's eight peer labels as one shared object. */
  peer(m: Labels, side: 'source' | 'destination'): Interned<PeerLabels> {
    const [cluster, namespace, workload, canonicalService, canonicalRevision, app, version, principal] = PEER_NAMES[side];
    return this.interned(
      label(m, cluster), label(m, namespace), label(m, workload), label(m, canonicalService),
      label(m, canonicalRevision), label(m, app), label(m, version), label(m, principal),
    );
  }

  /** The shared object of these labels, made the first time (nothing is allocated for labels seen before). */
  private interned(
    cluster: string, namespace: string, workload: string, canonicalService: string,
    canonicalRevision: string, app: string, version: string, principal: string,
  ): Interned<PeerLabels> {
    const n = this.peers.step(cluster).step(namespace).step(workload).step(canonicalService).step(canonicalRevision).step(app).step(version).step(principal);
    n.value ??= { id: this.count++, labels: { cluster, namespace, workload, canonicalService, canonicalRevision, app, version, principal } };
    return n.value;
  }

  /** The shared object of labels already read (a source that hands over an object per sample: the simulator's). */
  samePeer(p: PeerLabels): PeerLabels {
    return this.internedLabels(p).labels;
  }

  /** The same for a destination's labels. */
  sameDestination(d: DestinationLabels): DestinationLabels {
    return this.internedDestination(d).labels;
  }

  private internedLabels(p: PeerLabels): Interned<PeerLabels> {
    return this.interned(p.cluster, p.namespace, p.workload, p.canonicalService, p.canonicalRevision, p.app, p.version, p.principal);
  }

  /** Per layout (the labels a run holds, in order), the shared object of each run. */
  private readonly bySource = new Map<string, Map<string, Interned<PeerLabels>>>();
  private readonly byDestination = new Map<string, Map<string, Interned<DestinationLabels>>>();

  /**
   * The shared object of the labels that text[start, end) determines: a recorded edge's source run
   * (to-samples.ts), of `layout` (the labels the run holds, in order). Only a run's first series has
   * its labels read (labels(run), values already read as label() reads them, which also counts
   * them) and walked. Runs are told apart per layout: the same text in another layout holds other
   * labels, or another number of them. (The run is the key as it is: a Map hashes it once, where a
   * JS hash over it in place measured slower.)
   */
  sourceOfRun(layout: string, text: string, start: number, end: number, labels: (run: string) => PeerLabels): Interned<PeerLabels> {
    const runs = this.bySource.get(layout) ?? this.bySource.set(layout, new Map()).get(layout)!;
    const run = text.slice(start, end);
    let hit = runs.get(run);
    if (!hit) runs.set(run, (hit = this.internedLabels(labels(run))));
    return hit;
  }

  /** The same for a destination's run. */
  destinationOfRun(layout: string, text: string, start: number, end: number, labels: (run: string) => DestinationLabels): Interned<DestinationLabels> {
    const runs = this.byDestination.get(layout) ?? this.byDestination.set(layout, new Map()).get(layout)!;
    const run = text.slice(start, end);
    let hit = runs.get(run);
    if (!hit) runs.set(run, (hit = this.internedDestination(labels(run))));
    return hit;
  }

  /** The destination's peer labels and its three service labels as one shared object. */
  destination(m: Labels): Interned<DestinationLabels> {
    return this.destinationOf(this.peer(m, 'destination').labels, label(m, 'destination_service'), label(m, 'destination_service_name'), label(m, 'destination_service_namespace'));
  }

  private internedDestination(d: DestinationLabels): Interned<DestinationLabels> {
    return this.destinationOf(this.internedLabels(d).labels, d.service, d.serviceName, d.serviceNamespace);
  }

  private destinationOf(peer: PeerLabels, service: string, serviceName: string, serviceNamespace: string): Interned<DestinationLabels> {
    let n = this.destinations.get(peer);
    if (!n) {
      n = new Node();
      this.destinations.set(peer, n);
    }
    n = n.step(service).step(serviceName).step(serviceNamespace);
    const { cluster, namespace, workload, canonicalService, canonicalRevision, app, version, principal } = peer;
    // A literal, not { ...peer, service }: see lib/graph/copy.ts (one hidden class for every destination).
    n.value ??= { id: this.count++, labels: { cluster, namespace, workload, canonicalService, canonicalRevision, app, version, principal, service, serviceName, serviceNamespace } };
    return n.value;
  }
}
