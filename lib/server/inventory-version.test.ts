import { describe, expect, it } from 'vitest';
import type { Inventory, InventoryWorkload } from '@/lib/graph/inventory';
import { graphInventoryDigest, withGraphVersion } from './inventory-version';

const workload = (name: string, over: Partial<InventoryWorkload> = {}): InventoryWorkload => ({
  cluster: 'Kubernetes', namespace: 'shop', name, kind: 'Deployment', app: name, serviceAccount: name,
  principal: `spiffe://cluster.local/ns/shop/sa/${name}`, enrollment: 'ambient', enrollmentReason: 'namespace labelled',
  isWaypoint: false, isIngressGateway: false, pods: 2, labels: { app: name },
  capture: { state: 'ambient', ztunnelNotReady: false, namespaceLabelled: true, namespaceDiscovered: true, node: 'n1', pod: `${name}-abc` },
  podAddresses: [{ pod: `${name}-abc`, ip: '10.0.0.1' }],
  ...over,
});

const base: Inventory = {
  trustDomain: 'cluster.local',
  namespaces: [{ name: 'shop', labels: { 'istio.io/dataplane-mode': 'ambient' }, ambientLabelled: true, discovered: true }],
  workloads: [workload('cart'), workload('pay')],
  services: [{ namespace: 'shop', name: 'cart', hostname: 'cart.shop.svc.cluster.local', workloads: ['cart'] }],
};

const digest = graphInventoryDigest(base);
const withCart = (over: Partial<InventoryWorkload>): Inventory => ({ ...base, workloads: [workload('cart', over), workload('pay')] });

describe('graphInventoryDigest', () => {
  it('does not move on pod churn the graph does not draw', () => {
    expect(graphInventoryDigest(structuredClone(base))).toBe(digest);
    expect(graphInventoryDigest(withCart({ pods: 3 }))).toBe(digest);
    expect(graphInventoryDigest(withCart({ podAddresses: [{ pod: 'cart-xyz', ip: '10.0.0.9' }] }))).toBe(digest);
    expect(graphInventoryDigest(withCart({ capture: { state: 'ambient', ztunnelNotReady: false, namespaceLabelled: true, namespaceDiscovered: true, node: 'n2', pod: 'cart-xyz' } }))).toBe(digest);
  });

  it('moves on enrollment, waypoints, protection, and workloads or services added or removed', () => {
    const changed: Inventory[] = [
      withCart({ enrollment: 'sidecar' }),
      withCart({ usesWaypoint: 'shop/waypoint' }),
      withCart({ capture: { state: 'ambient-pending', ztunnelNotReady: false, namespaceLabelled: true, namespaceDiscovered: true } }),
      { ...base, workloads: [workload('cart')] },
      { ...base, workloads: [...base.workloads, workload('ship')] },
      { ...base, namespaces: [{ ...base.namespaces[0]!, usesWaypoint: 'shop/waypoint' }] },
      { ...base, namespaces: [{ ...base.namespaces[0]!, ambientLabelled: false }] },
      { ...base, services: [] },
    ];
    for (const inv of changed) expect(graphInventoryDigest(inv)).not.toBe(digest);
  });
});

describe('withGraphVersion', () => {
  it('computes the digest once per generation and answers the same version while the graph is unchanged', async () => {
    let generation = 1;
    let current = base;
    let reads = 0;
    const source = withGraphVersion({ inventory: async () => (reads++, current) }, async () => generation);
    const v1 = await source.version!();
    await source.version!();
    expect(reads).toBe(1);
    generation = 2;
    current = withCart({ pods: 5 });
    expect(await source.version!()).toBe(v1);
    generation = 3;
    current = withCart({ enrollment: 'none' });
    expect(await source.version!()).not.toBe(v1);
    expect(reads).toBe(3);
  });
});
