// The one rule for what a user sees of a namespace they may not read, shared by the graph
// (passes/visibility.ts) and every other answer that names peers (ztunnel logs, ztunnel tables):
// such a peer keeps its namespace, drawn as one opaque node, and loses everything that names or
// addresses it: workload and pod names, addresses, SPIFFE identities, services.

/** The namespaces a user may read; undefined: every namespace. */
export type Accessible = ReadonlySet<string> | undefined;

export const maySee = (accessible: Accessible, namespace: string | undefined): boolean =>
  !accessible || (namespace !== undefined && accessible.has(namespace));

/** The namespace inside a SPIFFE identity (spiffe://td/ns/<namespace>/sa/<sa>). */
export const identityNamespace = (identity: string | undefined): string | undefined =>
  identity ? /\/ns\/([^/]+)\//.exec(identity)?.[1] : undefined;

/** A peer as an access record or an edge names it: any of these may be missing. */
export interface Peer {
  namespace?: string;
  identity?: string;
  workload?: string;
  addr?: string;
}

/** The namespace a peer belongs to: its own field, else the one its identity names. */
export const peerNamespace = (peer: Peer): string | undefined => peer.namespace ?? identityNamespace(peer.identity);

/**
 * Whether a peer must be redacted: it belongs to a namespace the user may not see. A peer with no
 * namespace at all (an external address) is not namespaced and stays, as unknown nodes do in the graph.
 */
export function isHiddenPeer(accessible: Accessible, peer: Peer): boolean {
  const namespace = peerNamespace(peer);
  return namespace !== undefined && !maySee(accessible, namespace);
}

/** What remains of a hidden peer: the opaque namespace, flagged so the page can say why. */
export interface OpaquePeer {
  namespace: string;
  redacted: true;
}

export function opaquePeer(peer: Peer): OpaquePeer {
  return { namespace: peerNamespace(peer) ?? '', redacted: true };
}

/** The strings of a hidden peer that must not survive in free text (log messages, errors). */
export function peerSecrets(peer: Peer & Record<string, unknown>): string[] {
  const out = new Set<string>();
  for (const [key, value] of Object.entries(peer)) {
    if (key === 'namespace' || typeof value !== 'string' || value === '') continue;
    out.add(value);
    // "10.0.0.5:9080" also leaks as its bare IP.
    const host = /^\[?([^\]]+?)\]?:\d+$/.exec(value)?.[1];
    if (host) out.add(host);
  }
  return [...out].sort((a, b) => b.length - a.length);
}

/** Free text with every hidden string replaced. */
export function scrub(text: string | undefined, secrets: readonly string[]): string | undefined {
  if (text === undefined || secrets.length === 0) return text;
  let out = text;
  for (const s of secrets) out = out.split(s).join('[redacted]');
  return out;
}
