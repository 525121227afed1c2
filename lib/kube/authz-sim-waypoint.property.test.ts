import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keys } from '@/sim/mesh/resource-types';
import type { Simulator } from '@/sim/index';
import type { KubeObject } from '@/sim/store';
import { comparePairs, inputWith, startAuthzSim } from '@/testing/fixtures/authz-sim-pairs';
import type { KubeLayer } from './layer';

// Two implementations, one answer, behind waypoints: for every client workload -> Service pair and
// several HTTP requests, the evaluator says "denied" exactly where the simulated waypoint refuses the
// request (policies attached with targetRefs, L7 rules evaluated there) or the destination ztunnel,
// seeing the waypoint's identity, closes the connection. details is put behind the waypoint too.

const meta = (namespace: string, name: string, i: number) => ({ namespace, name, uid: `authz-wp-${i}`, resourceVersion: '1', creationTimestamp: `2025-01-10T09:00:0${i}Z` });
const ap = (namespace: string, name: string, spec: object): KubeObject => ({ apiVersion: 'security.istio.io/v1', kind: 'AuthorizationPolicy', metadata: meta(namespace, name, 0), spec });
const WAYPOINT = 'cluster.local/ns/bookinfo/sa/waypoint';

const policies = [
  // On the waypoint's Gateway: every Service it serves refuses frontend, and DELETE from anyone.
  ap('bookinfo', 'waypoint-deny-frontend', { targetRefs: [{ kind: 'Gateway', group: 'gateway.networking.k8s.io', name: 'waypoint' }], action: 'DENY', rules: [{ from: [{ source: { namespaces: ['frontend'] } }] }, { to: [{ operation: { methods: ['DELETE'] } }] }] }),
  // On the reviews Service, beside the scenario's reviews-viewer (productpage GET): bookinfo may read /reviews/*.
  ap('bookinfo', 'reviews-read-paths', { targetRefs: [{ kind: 'Service', group: '', name: 'reviews' }], action: 'ALLOW', rules: [{ from: [{ source: { namespaces: ['bookinfo'] } }], to: [{ operation: { paths: ['/reviews/*'], notMethods: ['POST', 'PUT'] } }] }] }),
  // The getting-started fix on the pods behind it: allow the waypoint's identity at their ztunnel.
  ap('bookinfo', 'reviews-from-waypoint', { selector: { matchLabels: { app: 'reviews' } }, action: 'ALLOW', rules: [{ from: [{ source: { principals: [WAYPOINT] } }] }] }),
  // details behind the waypoint with an L4 ALLOW naming only productpage: the ztunnel sees the waypoint, all denied (AUTHZ001).
  ap('bookinfo', 'details-l4-productpage', { selector: { matchLabels: { app: 'details' } }, action: 'ALLOW', rules: [{ from: [{ source: { principals: ['cluster.local/ns/bookinfo/sa/bookinfo-productpage'] } }] }] }),
  // ratings: an ALLOW with an HTTP rule at ztunnel (dropped) next to one allowing the whole mesh on its port.
  ap('bookinfo', 'ratings-get-only', { selector: { matchLabels: { app: 'ratings' } }, action: 'ALLOW', rules: [{ to: [{ operation: { methods: ['GET'] } }] }] }),
  ap('bookinfo', 'ratings-from-mesh', { selector: { matchLabels: { app: 'ratings' } }, action: 'ALLOW', rules: [{ from: [{ source: { principals: ['cluster.local/*'] } }], to: [{ operation: { ports: ['9080'] } }] }] }),
];
const details = (sim: Simulator): KubeObject => {
  const svc = sim.store.get(keys.services, 'bookinfo', 'details')!;
  return { ...svc, metadata: { ...svc.metadata, labels: { ...svc.metadata.labels, 'istio.io/use-waypoint': 'waypoint' } } };
};

let sim: Simulator;
let layer: KubeLayer;
beforeAll(async () => {
  ({ sim, layer } = await startAuthzSim({ objects: policies.map((object) => ({ key: keys.authorizationPolicies, object })) }));
  sim.store.upsert(keys.services, details(sim));
});
afterAll(async () => {
  layer?.stop();
  await sim?.stop();
});

describe('the evaluator predicts what the simulated waypoints and ztunnels behind them enforce', () => {
  it('agrees on every client workload -> Service pair, request by request', async () => {
    const input = await inputWith(layer, policies.map((p) => p.metadata.name));
    const deadline = Date.now() + 10_000;
    let current = input;
    while (current.services.find((s) => s.name === 'details')?.labels['istio.io/use-waypoint'] !== 'waypoint') {
      if (Date.now() > deadline) throw new Error('the details label never reached the cache');
      await new Promise((r) => setTimeout(r, 50));
      current = await layer.authzInput();
    }
    const requests = [{ method: 'GET', path: '/reviews/0' }, { method: 'POST', path: '/reviews/0' }, { method: 'DELETE', path: '/reviews/1' }, { method: 'GET', path: '/health' }];
    const { rows, mismatches } = comparePairs(sim, current, requests);
    expect(mismatches).toEqual([]);
    const row = (pair: string, request: string) => rows.find((r) => r.startsWith(`${pair} ${request}:`));
    // Decided at the waypoint on L7 attributes ...
    expect(row('bookinfo/productpage-v1->bookinfo/reviews', 'GET /health')).toMatch(/: allowed$/);
    expect(row('bookinfo/productpage-v1->bookinfo/reviews', 'POST /reviews/0')).toMatch(/: denied$/);
    expect(row('bookinfo/ratings-v1->bookinfo/reviews', 'GET /reviews/0')).toMatch(/: allowed$/);
    expect(row('bookinfo/ratings-v1->bookinfo/reviews', 'GET /health')).toMatch(/: denied$/);
    expect(row('bookinfo/productpage-v1->bookinfo/reviews', 'DELETE /reviews/1')).toMatch(/: denied$/);
    expect(row('frontend/web-v1->bookinfo/reviews', 'GET /reviews/0')).toMatch(/: denied$/);
    // ... and behind it by the destination ztunnel seeing the waypoint's identity.
    expect(row('bookinfo/productpage-v1->bookinfo/details', 'GET /reviews/0')).toMatch(/: denied$/);
    expect(rows.filter((r) => r.endsWith(': allowed')).length).toBeGreaterThan(10);
    expect(rows.filter((r) => r.endsWith(': denied')).length).toBeGreaterThan(10);
  });
});
