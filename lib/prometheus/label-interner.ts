import type { DestinationLabels, PeerLabels } from '@/lib/graph/samples';

// One object per distinct label tuple across all the answers of one build. A 5,000-workload mesh's
// answers hold ~65k series but ~10k peers: the four counters of an edge come in four answers, and
// every series of a workload names it again. Interning hands the graph core the same PeerLabels
// object each time, so the core keys a series by object identity (lib/graph/label-ids.ts) instead
// of by its label values, and the parser allocates one object per peer instead of one per series.
// Each tuple walks a trie of Maps over its label values; a value's hash is computed once per string.

type Labels = Record<string, string>;

class Node<T> {
  value: T | undefined = undefined;
  next: Map<string, Node<T>> | undefined = undefined;

  step(part: string): Node<T> {
    let n = this.next?.get(part);
    if (!n) {
      n = new Node<T>();
      (this.next ??= new Map()).set(part, n);
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
    const names = PEER_NAMES[side];
    let n = this.peers;
    for (const name of names) n = n.step(label(m, name));
    if (n.value) return n.value;
    const [cluster, namespace, workload, canonicalService, canonicalRevision, app, version, principal] = names.map((name) => label(m, name));
    n.value = {
      id: this.count++,
      labels: { cluster, namespace, workload, canonicalService, canonicalRevision, app, version, principal } as PeerLabels,
    };
    return n.value;
  }

  private readonly bySource = new Map<string, Interned<PeerLabels>>();
  private readonly byDestination = new Map<string, Interned<DestinationLabels>>();

  /**
   * peer(labels(), 'source') found by a key that determines every label it reads (a recorded edge's
   * source part: to-samples.ts), so that only a key's first series has its labels restored and walked.
   */
  sourceByKey(key: string, labels: () => Labels): Interned<PeerLabels> {
    let hit = this.bySource.get(key);
    if (!hit) this.bySource.set(key, (hit = this.peer(labels(), 'source')));
    return hit;
  }

  /** destination(labels()) by such a key. */
  destinationByKey(key: string, labels: () => Labels): Interned<DestinationLabels> {
    let hit = this.byDestination.get(key);
    if (!hit) this.byDestination.set(key, (hit = this.destination(labels())));
    return hit;
  }

  /** The destination's peer labels and its three service labels as one shared object. */
  destination(m: Labels): Interned<DestinationLabels> {
    const peer = this.peer(m, 'destination').labels;
    let n = this.destinations.get(peer);
    if (!n) {
      n = new Node();
      this.destinations.set(peer, n);
    }
    const service = label(m, 'destination_service');
    const serviceName = label(m, 'destination_service_name');
    const serviceNamespace = label(m, 'destination_service_namespace');
    n = n.step(service).step(serviceName).step(serviceNamespace);
    const { cluster, namespace, workload, canonicalService, canonicalRevision, app, version, principal } = peer;
    // A literal, not { ...peer, service }: see lib/graph/copy.ts (one hidden class for every destination).
    n.value ??= { id: this.count++, labels: { cluster, namespace, workload, canonicalService, canonicalRevision, app, version, principal, service, serviceName, serviceNamespace } };
    return n.value;
  }
}
