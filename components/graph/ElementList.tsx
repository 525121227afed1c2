import { graphLookup } from '@/lib/graph/lookup';
import type { MeshGraph } from '@/lib/graph/model';
import { mtlsBadge, mtlsState, mtlsStateWords, nodeName, kindWords } from './names';
import { cx } from '@/components/ui/cx';
import { Sparkline } from '@/components/charts/LineChart';
import { VirtualList } from '@/components/ui/VirtualList';

/**
 * The graph as lists: the keyboard and screen-reader way to reach every node and edge, and what
 * browser tests read. Edges show the same Security badge as the canvas.
 */
export function ElementList({ graph, selected, security, onSelect, matches, sparklines }: { graph: MeshGraph; selected: string | null; security: boolean; onSelect: (id: string) => void; matches: ReadonlySet<string> | null; sparklines?: Readonly<Record<string, number[]>> | undefined }) {
  const nodes = graphLookup(graph);
  const name = (id: string) => {
    const n = nodes.node(id);
    return n ? nodeName(n) : id;
  };
  const item = (id: string) =>
    cx(
      'w-full rounded px-2 py-1 text-left text-sm hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:hover:bg-slate-800',
      selected === id && 'bg-indigo-50 font-medium dark:bg-indigo-950',
      matches && !matches.has(id) && 'opacity-50',
    );
  return (
    <div className="grid gap-4">
      <div>
        <h3 className="mb-1 text-xs font-semibold text-slate-500 uppercase">Nodes ({graph.nodes.length})</h3>
        <VirtualList
          items={graph.nodes}
          label="Nodes"
          testId="graph-node-list"
          className="max-h-72 overflow-auto"
          rowKey={(n) => n.id}
          current={selected ? graph.nodes.findIndex((n) => n.id === selected) : -1}
          row={(n) => (
            <button type="button" className={item(n.id)} aria-current={selected === n.id ? 'true' : undefined} onClick={() => onSelect(n.id)} data-node-id={n.id}>
              {nodeName(n)}
              <span className="ml-2 text-xs text-slate-500">
                {kindWords[n.kind]}
                {n.kind !== 'unknown' && n.kind !== 'external' ? ` · ${n.namespace}` : ''}
              </span>
            </button>
          )}
        />
      </div>
      <div>
        <h3 className="mb-1 text-xs font-semibold text-slate-500 uppercase">Edges ({graph.edges.length})</h3>
        <VirtualList
          items={graph.edges}
          label="Edges"
          testId="graph-edge-list"
          className="max-h-72 overflow-auto"
          rowKey={(e) => e.id}
          current={selected ? graph.edges.findIndex((e) => e.id === selected) : -1}
          row={(e) => {
            const state = mtlsState(e.security);
            const badge = security ? mtlsBadge[state] : null;
            return (
              <>
                <button
                  type="button"
                  className={item(e.id)}
                  aria-current={selected === e.id ? 'true' : undefined}
                  onClick={() => onSelect(e.id)}
                  data-edge-id={e.id}
                  data-mtls={state}
                  data-badge={badge ?? ''}
                >
                  {badge && (
                    <span className="mr-1" role="img" aria-label={mtlsStateWords[state]}>
                      {badge}
                    </span>
                  )}
                  {name(e.source)} → {name(e.target)}
                  <span className="ml-2 text-xs text-slate-500">{e.protocol}</span>
                </button>
                {sparklines?.[e.id] && (
                  <Sparkline label={`${name(e.source)} → ${name(e.target)}: ${e.protocol === 'tcp' ? 'bytes' : 'requests'} per second over the window`} values={sparklines[e.id] ?? []} />
                )}
              </>
            );
          }}
        />
      </div>
    </div>
  );
}
