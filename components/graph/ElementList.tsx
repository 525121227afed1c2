import { graphLookup } from '@/lib/graph/lookup';
import type { MeshGraph } from '@/lib/graph/model';
import { mtlsBadge, mtlsState, mtlsStateWords, nodeName, kindWords } from './names';
import { cx } from '@/components/ui/cx';
import { Sparkline } from '@/components/charts/LineChart';

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
        <ul aria-label="Nodes" data-testid="graph-node-list" className="max-h-72 overflow-auto">
          {graph.nodes.map((n) => (
            <li key={n.id}>
              <button type="button" className={item(n.id)} aria-current={selected === n.id ? 'true' : undefined} onClick={() => onSelect(n.id)} data-node-id={n.id}>
                {nodeName(n)}
                <span className="ml-2 text-xs text-slate-500">
                  {kindWords[n.kind]}
                  {n.kind !== 'unknown' && n.kind !== 'external' ? ` · ${n.namespace}` : ''}
                </span>
              </button>
            </li>
          ))}
        </ul>
      </div>
      <div>
        <h3 className="mb-1 text-xs font-semibold text-slate-500 uppercase">Edges ({graph.edges.length})</h3>
        <ul aria-label="Edges" data-testid="graph-edge-list" className="max-h-72 overflow-auto">
          {graph.edges.map((e) => {
            const state = mtlsState(e.security);
            const badge = security ? mtlsBadge[state] : null;
            return (
              <li key={e.id} className="flex items-center gap-1">
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
              </li>
            );
          })}
        </ul>
      </div>
    </div>
  );
}
