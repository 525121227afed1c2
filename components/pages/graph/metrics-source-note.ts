import type { MeshGraph } from '@/lib/graph/model';

// The graph's footnote on where its traffic figures came from: Ambient Lens's recording rules
// (fast on a large mesh) or the raw istio_* series. Pure, so it is tested without a browser.

const familyName = { tcp: 'ztunnel TCP', http: 'waypoint HTTP' } as const;

const skippedName = { sidecar: 'Envoy sidecars', waypoint: 'waypoints' } as const;

export function metricsSourceNote(graph: Pick<MeshGraph, 'metricsQueries'>): string | null {
  const q = graph.metricsQueries;
  if (!q) return null;
  const skipped = q.skipped?.length ? ` No series from ${q.skipped.map((f) => skippedName[f]).join(' or ')} in this window: not queried.` : '';
  if (q.tcp === q.http) return (q.tcp === 'recording-rules' ? 'Traffic from Ambient Lens recording rules.' : 'Traffic from raw Istio metrics (no Ambient Lens recording rules found).') + skipped;
  const recorded = (Object.keys(familyName) as (keyof typeof familyName)[]).filter((f) => q[f] === 'recording-rules');
  const raw = (Object.keys(familyName) as (keyof typeof familyName)[]).filter((f) => q[f] === 'raw');
  return `Traffic: ${recorded.map((f) => familyName[f]).join(', ')} from recording rules; ${raw.map((f) => familyName[f]).join(', ')} from raw Istio metrics.${skipped}`;
}
