'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { edgeBytes, effectiveMtlsShare, graphLookup, nodeNamespace } from '@/lib/graph/lookup';
import { graphQueryOptions } from '@/lib/api-client/graph';
import type { GraphEdge, GraphNode, MeshGraph } from '@/lib/graph/model';
import { graphHref, workloadHref } from '@/lib/posture/links';
import { formatBytesPerSec, formatRate, formatShare } from '@/components/graph/format';
import { edgeAdvice, mtlsBadge, mtlsState, nodeName } from '@/components/graph/names';
import { Panel } from '@/components/ui/Panel';
import { QueryView } from '../common/QueryView';
import { formatWindow } from '../common/format';

const DURATION = 600;

/**
 * One row per peer: through a waypoint the same pair has an L4 (ztunnel) and an L7 (waypoint)
 * edge; the L4 one carries the bytes and the lock state, the L7 one the requests.
 */
function byPeer(edges: readonly GraphEdge[], peerOf: (e: GraphEdge) => string): { edge: GraphEdge; http?: GraphEdge }[] {
  const rows = new Map<string, { edge: GraphEdge; http?: GraphEdge }>();
  for (const e of edges) {
    const key = peerOf(e);
    const row = rows.get(key);
    if (!row) rows.set(key, e.tcp ? { edge: e } : { edge: e, http: e });
    else if (e.tcp && !row.edge.tcp) rows.set(key, { edge: e, http: row.http });
    else if (e.http && !row.http) row.http = e;
  }
  return [...rows.values()];
}

function Edge({ edge, http, peer, graph }: { edge: GraphEdge; http?: GraphEdge; peer: GraphNode | undefined; graph: MeshGraph }) {
  const advice = edge.security.reason ? edgeAdvice(edge, graph) : undefined;
  const state = mtlsState(edge.security);
  const name = peer ? nodeName(peer) : edge.source;
  const ns = nodeNamespace(peer);
  const share = effectiveMtlsShare(edge.security);
  return (
    <li className="flex items-start gap-2 py-1.5">
      <span aria-label={`Lock state: ${state}`} title={state} className="w-5 text-center">{mtlsBadge[state] ?? '·'}</span>
      <div className="min-w-0 flex-1">
        <div className="flex flex-wrap items-baseline gap-x-2">
          {peer?.kind === 'workload' && ns && !peer.flags.inaccessible ? (
            <Link href={workloadHref(ns, peer.workload)} className="font-mono text-xs text-indigo-600 hover:underline dark:text-indigo-400">{ns}/{name}</Link>
          ) : (
            <span className="font-mono text-xs">{ns ? `${ns}/` : ''}{name}</span>
          )}
          <span className="text-xs text-slate-500 tabular-nums dark:text-slate-400">
            {[edge.tcp ? formatBytesPerSec(edgeBytes(edge)) : '', http?.http ? formatRate(http.http.requestsPerSec, 'req/s') : ''].filter(Boolean).join(' · ')}
            {share !== null && ` · ${formatShare(share)} mTLS`}
            {edge.tcp && edge.tcp.deniedPerSec > 0 && <span className="text-red-700 dark:text-red-300"> · {formatRate(edge.tcp.deniedPerSec, 'denied/s')}</span>}
          </span>
        </div>
        {advice && (
          <div className="text-xs text-amber-700 dark:text-amber-300">
            <p data-testid="plaintext-reason">{advice.reason}</p>
            {advice.fix && <p data-testid="plaintext-fix"><span className="font-medium">Fix: </span>{advice.fix}</p>}
          </div>
        )}
      </div>
      <Link href={graphHref([graph.namespaces[0] ?? '', ns ?? ''], { selected: edge.id, duration: DURATION, waypoints: 'merge' })} className="text-xs text-indigo-600 hover:underline dark:text-indigo-400">
        In graph
      </Link>
    </li>
  );
}

/** The workload's inbound and outbound edges, each with its lock state, from the traffic graph. */
export function WorkloadTraffic({ namespace, name }: { namespace: string; name: string }) {
  const query = useQuery({ ...graphQueryOptions({ namespaces: [namespace], graphType: 'workload', duration: DURATION, idle: false, waypoints: 'merge' }), refetchInterval: 30_000 });
  return (
    <Panel title={`Traffic (last ${formatWindow(DURATION)})`} actions={<Link href={graphHref([namespace], { duration: DURATION })} className="text-xs text-indigo-600 hover:underline dark:text-indigo-400">Open graph</Link>}>
      <div className="px-4 py-2">
        <QueryView query={query} what="traffic" loadingRows={3}>
          {(graph) => {
            const nodes = graphLookup(graph);
            const self = nodes.workload(namespace, name);
            const inbound = self ? nodes.inbound(self.id) : [];
            const outbound = self ? nodes.outbound(self.id) : [];
            if (!self) return <p className="py-3 text-sm text-slate-500">No traffic to or from this workload in the window.</p>;
            return (
              <div className="grid gap-4 md:grid-cols-2">
                {([['Inbound', 'from', inbound, (e: GraphEdge) => e.source], ['Outbound', 'to', outbound, (e: GraphEdge) => e.target]] as const).map(([title, word, edges, peerOf]) => (
                  <section key={title} aria-label={`${title} edges`}>
                    <h3 className="text-xs font-semibold text-slate-500 uppercase dark:text-slate-400">{title} ({byPeer(edges, peerOf).length})</h3>
                    {edges.length === 0 ? (
                      <p className="py-1.5 text-sm text-slate-500">Nothing {word} other workloads.</p>
                    ) : (
                      <ul className="divide-y divide-slate-100 dark:divide-slate-800">
                        {byPeer(edges, peerOf).map((r) => <Edge key={r.edge.id} edge={r.edge} http={r.http} peer={nodes.node(peerOf(r.edge))} graph={graph} />)}
                      </ul>
                    )}
                  </section>
                ))}
              </div>
            );
          }}
        </QueryView>
      </div>
    </Panel>
  );
}
