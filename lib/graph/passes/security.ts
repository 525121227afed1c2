import type { PlaintextReason } from '@/lib/graph/model';
import type { InventoryIndex } from '@/lib/graph/inventory-index';
import type { EdgeViews } from './dedupe';
import { known, type Endpoint } from './endpoints';

// Why a plaintext sample was plaintext, from who reported it, its labels and the inventory.
// ambient-pending counts as outside the mesh: enrolled on paper, not redirected by istio-cni.

const outsideMesh = new Set(['none', 'ambient-pending']);

/** hasPrincipals: false for series grouped without principal labels (connection counters). */
export function plaintextHint(src: Endpoint, dst: Endpoint, views: EdgeViews, inventory: InventoryIndex, hasPrincipals = true): PlaintextReason {
  if (dst.kind === 'external') return 'external-destination';
  const srcWorkload = src.kind === 'workload' ? inventory.workload(src.cluster, src.namespace, src.workload) : undefined;
  const clientUnidentified = hasPrincipals && !known(src.principal) && views !== 'source';
  if (src.kind === 'unknown' || clientUnidentified || views === 'destination' || (srcWorkload && outsideMesh.has(srcWorkload.enrollment))) {
    return 'non-mesh-client';
  }
  const dstWorkload = dst.kind === 'workload' ? inventory.workload(dst.cluster, dst.namespace, dst.workload) : undefined;
  if (views === 'source' || dst.kind === 'service' || (dstWorkload && outsideMesh.has(dstWorkload.enrollment))) {
    return 'non-mesh-destination';
  }
  return 'not-mtls';
}

const priority: PlaintextReason[] = ['external-destination', 'non-mesh-client', 'non-mesh-destination', 'not-mtls'];

/** The edge's reason from its effective mTLS share and the hints of its plaintext samples. */
export function plaintextReason(share: number | null, hints: Pick<ReadonlySet<PlaintextReason>, 'has'>): PlaintextReason | undefined {
  if (share === null || share >= 1 - 1e-9) return undefined;
  if (share > 0) return 'partial';
  return priority.find((r) => hints.has(r)) ?? 'not-mtls';
}
