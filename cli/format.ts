import { effectiveMtlsShare, graphLookup } from '@/lib/graph/lookup';
import { edgeProtection } from '@/lib/posture/protection';
import type { GraphEdge, GraphNode, MeshGraph } from '@/lib/graph/model';

// MeshGraph -> what the CLI prints. Pure.

export interface EdgeRow {
  source: string;
  destination: string;
  sourceNamespace: string;
  destinationNamespace: string;
  protocol: string;
  secured: string;
  mtlsShare: number | null;
  reason?: string;
  /** Why it is not protected and the fix, as every page of the console says it (lib/posture/protection). */
  why?: string;
  fix?: string;
  waypoint?: string;
  clientIdentities: string[];
  serverIdentities: string[];
}

export function nodeName(node: GraphNode | undefined): string {
  if (!node) return '?';
  switch (node.kind) {
    case 'workload': return node.workload;
    case 'app': return node.version ? `${node.app}:${node.version}` : node.app;
    case 'service': return node.service;
    case 'unknown': return 'unknown';
    case 'external': return node.address === 'unknown' ? 'external' : node.address;
    case 'aggregate': return node.flags.inaccessible ? `(${node.namespace})` : node.members.join('+');
  }
}

export function secured(edge: GraphEdge): string {
  const share = effectiveMtlsShare(edge.security);
  if (share === null) return '-';
  if (share >= 1) return 'yes';
  const why = edge.security.reason ? ` (${edge.security.reason})` : '';
  return share > 0 ? `partial ${Math.round(share * 100)}%${why}` : `no${why}`;
}

export function edgeRows(graph: MeshGraph): EdgeRow[] {
  const nodes = graphLookup(graph);
  return graph.edges.map((e) => {
    const src = nodes.node(e.source);
    const dst = nodes.node(e.target);
    const protection = edgeProtection(e, { source: src, target: dst });
    return {
      source: nodeName(src),
      destination: nodeName(dst),
      sourceNamespace: src?.namespace ?? '?',
      destinationNamespace: dst?.namespace ?? '?',
      protocol: e.protocol,
      secured: secured(e),
      mtlsShare: effectiveMtlsShare(e.security),
      ...(e.security.reason ? { reason: e.security.reason } : {}),
      ...(protection ? { why: protection.reason, fix: protection.fix } : {}),
      ...(e.waypoint ? { waypoint: e.waypoint } : {}),
      clientIdentities: e.security.sourcePrincipals,
      serverIdentities: e.security.destinationPrincipals,
    };
  });
}

export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('   ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n') + '\n';
}

export function formatEdges(rows: EdgeRow[], output: 'table' | 'wide'): string {
  const header = ['SRC', 'DST', 'SRC_NS', 'DST_NS', 'SECURED'];
  const cells = (r: EdgeRow) => [r.source, r.destination, r.sourceNamespace, r.destinationNamespace, r.secured];
  if (output === 'table') return table(header, rows.map(cells));
  const ids = (list: string[]) => (list.length ? list.join(',') : '-');
  return table(
    [...header, 'CLIENT_IDENTITY', 'SERVER_IDENTITY', 'PROTOCOL', 'WAYPOINT'],
    rows.map((r) => [...cells(r), ids(r.clientIdentities), ids(r.serverIdentities), r.protocol, r.waypoint ?? '-']),
  );
}

/** check mtls: the edges that are not fully mTLS (edges with no traffic to judge are skipped). */
export function notFullyMtls(rows: EdgeRow[]): EdgeRow[] {
  return rows.filter((r) => r.mtlsShare !== null && r.mtlsShare < 1);
}
