'use client';

import dynamic from 'next/dynamic';
import { Suspense } from 'react';

// The graph canvas's script (cytoscape and its layouts, most of the page's script) is loaded on its
// own (GraphView's next/dynamic, ssr: false: the canvas needs the browser). Nothing the server
// renders names it, so the browser asked for it only once the page had hydrated. This renders
// nothing, but through next/dynamic with ssr, so the server names the same module's script in the
// page's head and the browser downloads it beside the page's own scripts. Its own Suspense boundary:
// hydration of the rest of the page never waits for it.
const CanvasScript = dynamic(() => import('@/components/graph/CytoscapeGraph').then(() => () => null), { ssr: true });

export function CanvasScriptPreload() {
  return (
    <Suspense fallback={null}>
      <CanvasScript />
    </Suspense>
  );
}
