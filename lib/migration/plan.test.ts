import { describe, expect, it } from 'vitest';
import type { AuthorizationPolicy } from '@/lib/authz';
import { planMigration, type MigrationInput, type PlanWorkload } from './plan';

// The sidecar scenario's frontend namespace (web, catalog, cache on sidecars) moving to ambient.

const wl = (name: string, enrollment: PlanWorkload['enrollment'] = 'sidecar', namespace = 'frontend'): PlanWorkload => ({ namespace, name, enrollment, labels: { app: name.replace(/-v1$/, '') } });
const policy = (name: string, extra: Partial<AuthorizationPolicy>): AuthorizationPolicy => ({ kind: 'AuthorizationPolicy', namespace: 'frontend', name, targetRefs: [], action: 'ALLOW', rules: [], issues: [], ...extra });

function input(extra: Partial<MigrationInput> = {}): MigrationInput {
  return {
    namespace: 'frontend', trustDomain: 'cluster.local', rootNamespace: 'istio-system', namespaceLabels: { 'istio-injection': 'enabled' },
    services: ['web', 'catalog', 'cache'],
    workloads: [wl('web-v1'), wl('catalog-v1'), wl('cache-v1'), wl('productpage-v1', 'ambient', 'bookinfo')],
    authorizationPolicies: [], routes: [], edges: [], ...extra,
  };
}

describe('planMigration', () => {
  it('counts workloads and, with nothing in the way, only asks for the switch (not blocked)', () => {
    const plan = planMigration(input());
    expect(plan).toMatchObject({ counts: { sidecar: 3, ambient: 0, none: 0 }, state: 'sidecar', needsWaypoint: false, blocked: false });
    expect(plan.items.map((i) => i.kind)).toEqual(['switch']);
    expect(plan.items[0]?.change).toContain('kubectl label namespace frontend istio.io/dataplane-mode=ambient istio-injection-');
    expect(plan.items[0]?.change).toContain('cache-v1, catalog-v1, web-v1');
  });

  it('blocks on an L7 policy selecting sidecar pods, and asks for a waypoint and targetRefs', () => {
    const l7 = policy('catalog-get-only', { selector: { app: 'catalog' }, rules: [{ to: [{ methods: ['GET'] }] }] });
    const plan = planMigration(input({ authorizationPolicies: [l7] }));
    const item = plan.items.find((i) => i.kind === 'l7-policy');
    expect(item).toMatchObject({ severity: 'blocker', object: { kind: 'AuthorizationPolicy', namespace: 'frontend', name: 'catalog-get-only' } });
    expect(item?.message).toContain('methods');
    expect(item?.change).toContain('targetRefs');
    expect(plan).toMatchObject({ needsWaypoint: true, blocked: true });
  });

  it('flags L4 policies that would see the waypoint identity once a waypoint is needed, not otherwise', () => {
    const l4 = policy('cache-from-catalog', { selector: { app: 'cache' }, rules: [{ from: [{ principals: ['cluster.local/ns/frontend/sa/catalog'] }] }] });
    expect(planMigration(input({ authorizationPolicies: [l4] })).items.some((i) => i.kind === 'l4-policy')).toBe(false);
    const route = { kind: 'VirtualService' as const, namespace: 'frontend', name: 'catalog-canary', targets: ['catalog'] };
    const plan = planMigration(input({ authorizationPolicies: [l4], routes: [route] }));
    expect(plan.items.find((i) => i.kind === 'l4-policy')?.change).toContain('spiffe://cluster.local/ns/frontend/sa/waypoint');
    expect(plan.items.find((i) => i.kind === 'http-routing')?.change).toContain('HTTPRoute');
  });

  it('ignores policies on other namespaces and targetRefs policies (already waypoint-shaped)', () => {
    const elsewhere = { ...policy('x', { rules: [{ to: [{ paths: ['/a'] }] }] }), namespace: 'bookinfo' };
    const attached = policy('y', { targetRefs: [{ kind: 'Service', group: '', name: 'catalog' }], rules: [{ to: [{ paths: ['/a'] }] }] });
    expect(planMigration(input({ authorizationPolicies: [elsewhere, attached] })).blocked).toBe(false);
  });

  it('lists callers and callees across the namespace boundary, with their dataplane', () => {
    const plan = planMigration(input({
      edges: [
        { source: { namespace: 'bookinfo', name: 'productpage-v1', enrollment: 'ambient' }, target: { namespace: 'frontend', name: 'catalog-v1', enrollment: 'sidecar' }, protocol: 'http' },
        { source: { namespace: 'frontend', name: 'catalog-v1', enrollment: 'sidecar' }, target: { namespace: 'legacy', name: 'inventory-v1', enrollment: 'none' }, protocol: 'http' },
        { source: { namespace: 'frontend', name: 'web-v1', enrollment: 'sidecar' }, target: { namespace: 'frontend', name: 'catalog-v1', enrollment: 'sidecar' }, protocol: 'http' },
        { source: { namespace: 'frontend', name: 'web-v1', enrollment: 'sidecar' }, target: { namespace: 'legacy', name: 'inventory-v1', enrollment: 'none' }, protocol: 'tcp' },
        { source: { namespace: 'legacy', name: 'inventory-v1', enrollment: 'none' }, target: { namespace: 'frontend', name: 'web-v1', enrollment: 'sidecar' }, protocol: 'tcp' },
      ],
    }));
    expect(plan.items.filter((i) => i.kind === 'caller' || i.kind === 'callee').map((i) => `${i.kind} ${i.object?.name}: ${i.message}`)).toEqual([
      'caller inventory-v1: calls frontend and is called by it; outside the mesh: plaintext both before and after',
      'caller productpage-v1: calls frontend; already ambient',
    ]);
  });

  it('an ambient namespace has nothing to switch', () => {
    const plan = planMigration(input({ namespace: 'bookinfo', services: ['productpage'] }));
    expect(plan).toMatchObject({ state: 'ambient', counts: { ambient: 1 }, items: [], blocked: false });
  });
});
