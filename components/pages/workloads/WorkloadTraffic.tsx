'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { edgeBytes, effectiveMtlsShare, graphLookup, nodeNamespace } from '@/lib/graph/lookup';
import { graphQueryOptions } from '@/lib/api-client/graph';
import type { GraphEdge, GraphNode, MeshGraph } from '@/lib/graph/model';
import { graphHref, workloadHref } from '@/lib/posture/links';
import { formatBytesPerSec, formatRate, formatShare } from '@/components/graph/format';
import { mtlsBadge, mtlsState, nodeName, plaintextReasonWords } from '@/components/graph/names';
import { Panel } from '@/components/ui/Panel';
import { QueryView } from '../common/QueryView';
import { formatWindow } from '../common/format';

const DURATION = 600;

function Edge({ edge, peer, graph }: { edge: GraphEdge; peer: GraphNode | undefined; graph: MeshGraph }) {
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
            {edge.tcp ? formatBytesPerSec(edgeBytes(edge)) : edge.http ? formatRate(edge.http.requestsPerSec, 'req/s') : ''}
            {share !== null && ` · ${formatShare(share)} mTLS`}
            {edge.tcp && edge.tcp.deniedPerSec > 0 && <span className="text-red-700 dark:text-red-300"> · {formatRate(edge.tcp.deniedPerSec, 'denied/s')}</span>}
          </span>
        </div>
        {edge.security.reason && <div className="text-xs text-amber-700 dark:text-amber-300">{plaintextReasonWords(edge.security.reason, edge)}</div>}
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
                    <h3 className="text-xs font-semibold text-slate-500 uppercase dark:text-slate-400">{title} ({edges.length})</h3>
                    {edges.length === 0 ? (
                      <p className="py-1.5 text-sm text-slate-500">Nothing {word} other workloads.</p>
                    ) : (
                      <ul className="divide-y divide-slate-100 dark:divide-slate-800">
                        {edges.map((e) => <Edge key={e.id} edge={e} peer={nodes.node(peerOf(e))} graph={graph} />)}
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
