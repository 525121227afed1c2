'use client';

import { useState, type ReactNode, type RefObject } from 'react';
import { Button } from '@/components/ui/Button';
import { drawnFacts, Legend } from '@/components/graph/Legend';
import type { GraphCanvasHandle } from '@/components/graph/CytoscapeGraph';
import type { BadgeName } from '@/components/graph/view-state';
import type { GraphElement } from '@/components/graph/to-elements';

/** The canvas with keyboard access (+ - 0, Enter, arrows), zoom buttons and the legend. */
const STEP = 80;
/** Arrow key -> how far the picture moves: ArrowRight brings what lies to the right into view. */
const PAN: Record<string, [number, number]> = { ArrowLeft: [STEP, 0], ArrowRight: [-STEP, 0], ArrowUp: [0, STEP], ArrowDown: [0, -STEP] };

interface CanvasControlsProps {
  canvas: RefObject<GraphCanvasHandle | null>;
  dark: boolean;
  /** What is drawn, so the legend explains exactly that (read only while the legend is open). */
  elements: readonly GraphElement[];
  badges: Record<BadgeName, boolean>;
  children: ReactNode;
  /** Enter on the canvas: open the selected node's graph. */
  onEnter?: (() => void) | undefined;
}

export function CanvasControls({ canvas, dark, elements, badges, children, onEnter }: CanvasControlsProps) {
  const [legend, setLegend] = useState(false);
  return (
    <div className="absolute inset-0">
      <div
        tabIndex={0}
        role="application"
        aria-label="Traffic graph. Keys: + and - zoom, arrows move the picture, 0 fits the graph, Enter opens the selected node's graph. The list of nodes and edges is in the details panel."
        aria-keyshortcuts="+ - 0 Enter ArrowLeft ArrowRight ArrowUp ArrowDown"
        className="absolute inset-0 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-indigo-500"
        onKeyDown={(e) => {
          if (e.key === '+' || e.key === '=') canvas.current?.zoomBy(1.25);
          else if (e.key === '-' || e.key === '_') canvas.current?.zoomBy(0.8);
          else if (e.key === '0') canvas.current?.fit();
          else if (e.key === 'Enter' && onEnter) onEnter();
          else if (e.key in PAN) canvas.current?.panBy(...(PAN[e.key] ?? [0, 0]));
          else return;
          e.preventDefault();
        }}
      >
        {children}
      </div>
      <div className="absolute bottom-3 left-3 flex gap-1 rounded-lg border border-slate-200 bg-white/90 p-1 shadow-sm dark:border-slate-700 dark:bg-slate-900/90">
        <Button size="sm" variant="ghost" aria-label="Zoom in" onClick={() => canvas.current?.zoomBy(1.25)}>+</Button>
        <Button size="sm" variant="ghost" aria-label="Zoom out" onClick={() => canvas.current?.zoomBy(0.8)}>−</Button>
        <Button size="sm" variant="ghost" aria-label="Fit to screen" onClick={() => canvas.current?.fit()}>⤢ Fit</Button>
        <Button size="sm" variant="ghost" aria-label="Lay out again" onClick={() => canvas.current?.relayout()}>↺ Layout</Button>
        <Button size="sm" variant="ghost" pressed={legend} onClick={() => setLegend((l) => !l)}>Legend</Button>
      </div>
      {legend && (
        <div className="absolute bottom-14 left-3 max-h-[70%] w-[30rem] max-w-[calc(100%-1.5rem)] overflow-auto rounded-lg border border-slate-200 bg-white p-4 shadow-lg dark:border-slate-700 dark:bg-slate-900">
          <Legend dark={dark} facts={drawnFacts(elements, badges)} />
        </div>
      )}
    </div>
  );
}
