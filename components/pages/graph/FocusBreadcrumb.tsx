'use client';

import type { GraphNode } from '@/lib/graph/model';
import { nodeName, kindWords } from '@/components/graph/names';

/** Where a node graph sits: the namespaces' graph it was opened from, then the node. Back works too. */
export function FocusBreadcrumb({ namespaces, focus, node, onBack }: { namespaces: string[]; focus: string; node: GraphNode | undefined; onBack: () => void }) {
  const name = node ? `${nodeName(node)} (${kindWords[node.kind].toLowerCase()})` : focus;
  return (
    <nav aria-label="Breadcrumb" className="flex flex-wrap items-center gap-1 border-b border-slate-200 bg-white px-4 py-1.5 text-sm dark:border-slate-800 dark:bg-slate-900">
      <ol className="flex flex-wrap items-center gap-1">
        <li>
          <button type="button" className="text-indigo-700 underline-offset-2 hover:underline dark:text-indigo-300" onClick={onBack}>
            Graph of {namespaces.join(', ')}
          </button>
        </li>
        <li aria-hidden className="text-slate-400">›</li>
        <li aria-current="page" className="font-medium">
          Node graph: {name}
        </li>
      </ol>
      <span className="ml-2 text-xs text-slate-500">its callers and callees in every namespace you may see</span>
    </nav>
  );
}
