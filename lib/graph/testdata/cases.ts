import { readFileSync } from 'node:fs';
import { buildGraph, type GraphOptions } from '@/lib/graph/build';
import type { Inventory } from '@/lib/graph/inventory';
import type { TrafficSamples } from '@/lib/graph/samples';

// Loads a golden case (<name>.input.json) and builds its graph.

export const caseDir = new URL('./', import.meta.url);

interface GoldenInput {
  description: string;
  options: Omit<GraphOptions, 'duration' | 'queryTime' | 'accessibleNamespaces'> & { accessibleNamespaces?: string[] };
  samples: TrafficSamples;
  inventory: Inventory;
}

export function loadCase(name: string): GoldenInput {
  return JSON.parse(readFileSync(new URL(`${name}.input.json`, caseDir), 'utf8')) as GoldenInput;
}

export function buildCase(name: string) {
  const input = loadCase(name);
  const { accessibleNamespaces, ...rest } = input.options;
  return buildGraph(input.samples, input.inventory, {
    ...rest,
    duration: 600,
    queryTime: 1_700_000_000,
    ...(accessibleNamespaces ? { accessibleNamespaces: new Set(accessibleNamespaces) } : {}),
  });
}

