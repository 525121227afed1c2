'use client';

import type { Core, ElementDefinition } from 'cytoscape';
import { useEffect, type RefObject } from 'react';

/** Beyond this many edges, moving dashes cost more than they tell. */
export const MAX_ANIMATED_EDGES = 600;

/** Moving dashes on edges that carried traffic; off when the user prefers reduced motion. */
export function useTrafficAnimation(cyRef: RefObject<Core | null>, on: boolean, elements: readonly ElementDefinition[]): void {
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    const reduced = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    const edges = cy.edges('[?active]');
    if (!on || reduced || edges.length > MAX_ANIMATED_EDGES) {
      cy.edges('.animate').removeClass('animate').removeStyle('line-dash-offset');
      return;
    }
    edges.addClass('animate');
    let offset = 0;
    let last = 0;
    let frame = requestAnimationFrame(function step(t) {
      if (t - last > 50) {
        offset = (offset + 1) % 20;
        edges.style('line-dash-offset', -offset);
        last = t;
      }
      frame = requestAnimationFrame(step);
    });
    return () => {
      cancelAnimationFrame(frame);
      if (!cy.destroyed()) edges.removeClass('animate').removeStyle('line-dash-offset');
    };
  }, [cyRef, on, elements]);
}
