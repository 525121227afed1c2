'use client';

import type { RefObject } from 'react';
import type { MeshGraph } from '@/lib/graph/model';
import { Popover } from '@/components/ui/Popover';
import { Button } from '@/components/ui/Button';
import type { GraphCanvasHandle } from '@/components/graph/CytoscapeGraph';

function download(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

const stamp = (graph: MeshGraph) => `${graph.namespaces.join('+') || 'graph'}-${new Date(graph.window.queryTime * 1000).toISOString().replace(/[:.]/g, '-')}`;

export function ExportMenu({ graph, canvas, disabled }: { graph: MeshGraph | null; canvas: RefObject<GraphCanvasHandle | null>; disabled: boolean }) {
  if (disabled || !graph) return <Button disabled>Export</Button>;
  return (
    <Popover label="Export" buttonContent="Export" align="right">
      <div className="flex flex-col gap-1">
        <Button
          variant="ghost"
          className="justify-start"
          onClick={() => {
            const png = canvas.current?.png();
            if (png) download(png, `ambient-lens-${stamp(graph)}.png`);
          }}
        >
          Image (PNG)
        </Button>
        <Button variant="ghost" className="justify-start" onClick={() => download(new Blob([JSON.stringify(graph, null, 2)], { type: 'application/json' }), `ambient-lens-${stamp(graph)}.json`)}>
          Data (MeshGraph JSON)
        </Button>
        <p className="px-2 text-xs text-slate-500">Exports what is drawn: after collapse and Hide.</p>
      </div>
    </Popover>
  );
}
