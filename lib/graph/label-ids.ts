import type { DestinationLabels, PeerLabels } from './samples';
import { cached } from './memo';

// Small integer ids for label tuples, so that a pass keys a series by numbers instead of joining its
// labels into a fresh string per sample (on a 10k-workload mesh that string work and its garbage were
// most of the build). Each tuple walks a trie of Maps over its fields: every lookup hashes a string
// the answer already holds (V8 caches a string's hash), and nothing is allocated for a tuple seen before.
// One instance per build: ids mean nothing across builds.

type Part = string | number;

/** Most nodes have one child (a workload's labels below its name are unique): that one needs no Map. */
class TrieNode {
  id = -1;
  part: Part | undefined = undefined;
  only: TrieNode | undefined = undefined;
  more: Map<Part, TrieNode> | undefined = undefined;
}

/** Numbers fit exactly below 2^53: two ids below 2^26 combine into one key. */
const PAIR = 2 ** 26;

export class LabelIds {
  private readonly peers = new TrieNode();
  private readonly destinations = new TrieNode();
  private readonly workloads = new TrieNode();
  private readonly services = new TrieNode();
  private readonly pairs = new TrieNode();
  private readonly tuples = new TrieNode();
  private count = 0;

  private child(node: TrieNode, part: Part): TrieNode {
    if (node.only === undefined) {
      node.part = part;
      node.only = new TrieNode();
      return node.only;
    }
    if (node.part === part) return node.only;
    node.more ??= new Map();
    let next = node.more.get(part);
    if (!next) {
      next = new TrieNode();
      node.more.set(part, next);
    }
    return next;
  }

  private idOf(node: TrieNode): number {
    if (node.id < 0) node.id = this.count++;
    return node.id;
  }

  /** Two ids as one number key (a trie step when they are too large to combine exactly). */
  combine(a: number, b: number): number {
    return a < PAIR && b < PAIR ? a * PAIR + b : this.idOf(this.child(this.child(this.pairs, a), b)) + 2 ** 52;
  }

  /** The id of a tuple of ids and labels (each caller keeps its own order and its own Map of ids). */
  tuple(...parts: Part[]): number {
    let n = this.tuples;
    for (const part of parts) n = this.child(n, part);
    return this.idOf(n);
  }

  /** Ids of label objects already seen: the parser hands over one object per tuple (lib/prometheus/label-interner.ts). */
  private readonly peerOf = new Map<PeerLabels, number>();
  private readonly destinationOf = new Map<DestinationLabels, number>();

  /** The id of all eight peer labels (equal labels, equal ids, whether or not the objects are shared). */
  peer(p: PeerLabels): number {
    return cached(this.peerOf, p, () => this.peerByLabels(p));
  }

  private peerByLabels(p: PeerLabels): number {
    let n = this.child(this.peers, p.cluster);
    n = this.child(n, p.namespace);
    n = this.child(n, p.workload);
    n = this.child(n, p.canonicalService);
    n = this.child(n, p.canonicalRevision);
    n = this.child(n, p.app);
    n = this.child(n, p.version);
    return this.idOf(this.child(n, p.principal));
  }

  /** The id of a destination's peer labels and its three service labels. */
  destination(d: DestinationLabels): number {
    return cached(this.destinationOf, d, () => this.destinationByLabels(d));
  }

  private destinationByLabels(d: DestinationLabels): number {
    let n = this.child(this.destinations, this.peerByLabels(d));
    n = this.child(n, d.service);
    n = this.child(n, d.serviceName);
    return this.idOf(this.child(n, d.serviceNamespace));
  }

  /** The id of a (cluster, namespace, workload) triple. */
  workload(w: Pick<PeerLabels, 'cluster' | 'namespace' | 'workload'>): number {
    return this.idOf(this.child(this.child(this.child(this.workloads, w.cluster), w.namespace), w.workload));
  }

  /**
   * The node pair a sample belongs to, independent of metric, policy and flags: the source workload
   * and the destination workload, or the service named when the destination workload is unknown
   * (how passes/dedupe.ts and passes/sidecar-views.ts group views).
   */
  pair(s: { source: PeerLabels; destination: DestinationLabels }): number {
    const d = s.destination;
    const dst = d.workload && d.workload !== 'unknown' ? this.workload(d) : this.idOf(this.child(this.services, d.service));
    return this.combine(this.workload(s.source), dst);
  }
}
