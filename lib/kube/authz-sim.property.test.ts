import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keys } from '@/sim/mesh/resource-types';
import type { Simulator } from '@/sim/index';
import { comparePairs, inputWith, startAuthzSim } from '@/testing/fixtures/authz-sim-pairs';
import type { KubeLayer } from './layer';

// Two implementations, one answer: for every client workload and every Service of the simulated
// Bookinfo cluster (its demo policies, and more of every kind added here), the evaluator (lib/authz, on what the
// Kubernetes layer reads) says "denied" exactly where the simulator's destination ztunnel closes the
// connection with DENY (or its waypoint refuses the request: authz-sim-waypoint.property.test.ts). The simulator's enforcement (sim/mesh/policy.ts) never imports lib/authz.

const meta = (namespace: string, name: string, i: number) => ({ namespace, name, uid: `authz-${i}`, resourceVersion: '1', creationTimestamp: `2025-01-10T09:00:0${i}Z` });
const ap = (namespace: string, name: string, spec: object) => ({ apiVersion: 'security.istio.io/v1', kind: 'AuthorizationPolicy', metadata: meta(namespace, name, 0), spec });

const policies = [
  // Istio getting-started, as the scenario has it (the scenario's productpage-migrating-callers still admits the others).
  ap('bookinfo', 'productpage-viewer', { selector: { matchLabels: { app: 'productpage' } }, action: 'ALLOW', rules: [{ from: [{ source: { principals: ['cluster.local/ns/bookinfo/sa/bookinfo-gateway-istio', 'cluster.local/ns/bookinfo/sa/waypoint'] } }] }] }),
  // L4 ALLOW behind the waypoint naming only the client: the destination ztunnel sees the waypoint (AUTHZ001).
  ap('bookinfo', 'reviews-from-productpage', { selector: { matchLabels: { app: 'reviews' } }, action: 'ALLOW', rules: [{ from: [{ source: { principals: ['cluster.local/ns/bookinfo/sa/bookinfo-productpage'] } }] }] }),
  // ALLOW with an HTTP rule only: dropped for ztunnel, allows nothing (AUTHZ003) ...
  ap('bookinfo', 'details-get-only', { selector: { matchLabels: { app: 'details' } }, action: 'ALLOW', rules: [{ to: [{ operation: { methods: ['GET'] } }] }] }),
  // ... unless another ALLOW matches: productpage's namespace by wildcard and port.
  ap('bookinfo', 'details-from-bookinfo', { selector: { matchLabels: { app: 'details' } }, action: 'ALLOW', rules: [{ from: [{ source: { namespaces: ['book*'] } }], to: [{ operation: { ports: ['9080'] } }] }] }),
  // DENY made of HTTP only: nothing left at ztunnel, matches nothing (AUTHZ004).
  ap('bookinfo', 'ratings-deny-delete', { selector: { matchLabels: { app: 'ratings' } }, action: 'DENY', rules: [{ to: [{ operation: { methods: ['DELETE'] } }] }] }),
  // DENY with principals + HTTP: the principals are denied wholesale.
  ap('bookinfo', 'ratings-deny-v3-posts', { selector: { matchLabels: { app: 'ratings' } }, action: 'DENY', rules: [{ from: [{ source: { principals: ['*/sa/bookinfo-reviews'] } }], to: [{ operation: { methods: ['POST'] } }], when: [{ key: 'source.namespace', values: ['bookinfo'] }] }] }),
  // Root namespace (mesh-wide) DENY of clients outside some namespaces, by not* forms.
  ap('istio-system', 'mesh-deny-tools', { action: 'DENY', rules: [{ from: [{ source: { notNamespaces: ['bookinfo', 'frontend', 'legacy'], notPrincipals: ['cluster.local/ns/bookinfo/*'] } }], to: [{ operation: { notPorts: ['15008'] } }] }] }),
  // AUDIT never decides; a CUSTOM is not enforced by ztunnel.
  ap('frontend', 'audit-all', { action: 'AUDIT', rules: [{}] }),
  ap('frontend', 'custom-ext', { action: 'CUSTOM', provider: { name: 'ext' }, rules: [{}] }),
  // Deny plaintext by IP: a client by address (the legacy pod's) refused on mysqldb? mysqldb is not captured: no effect.
  ap('bookinfo', 'mysqldb-deny-ips', { selector: { matchLabels: { app: 'mysqldb' } }, action: 'DENY', rules: [{ from: [{ source: { ipBlocks: ['0.0.0.0/0'] } }] }] }),
];
const peerAuthentications = [
  { apiVersion: 'security.istio.io/v1', kind: 'PeerAuthentication', metadata: meta('frontend', 'strict', 1), spec: { mtls: { mode: 'STRICT' } } },
  { apiVersion: 'security.istio.io/v1', kind: 'PeerAuthentication', metadata: meta('bookinfo', 'ratings-strict', 2), spec: { selector: { matchLabels: { app: 'ratings' } }, mtls: { mode: 'STRICT' } } },
];

let sim: Simulator;
let layer: KubeLayer;
beforeAll(async () => {
  ({ sim, layer } = await startAuthzSim({ objects: [...policies.map((object) => ({ key: keys.authorizationPolicies, object })), ...peerAuthentications.map((object) => ({ key: keys.peerAuthentications, object }))] }));
});
afterAll(async () => {
  layer?.stop();
  await sim?.stop();
});

describe('the evaluator predicts what the simulated ztunnels enforce', () => {
  it('agrees on every client workload -> Service pair', async () => {
    const input = await inputWith(layer, [...policies, ...peerAuthentications].map((p) => p.metadata.name));
    const { rows, mismatches } = comparePairs(sim, input, [{ method: 'GET', path: '/' }]);
    expect(mismatches).toEqual([]);
    // The policies above deny something and allow something: the comparison is not vacuous.
    expect(rows.filter((r) => r.endsWith(': denied')).length).toBeGreaterThan(5);
    expect(rows.filter((r) => r.endsWith(': allowed')).length).toBeGreaterThan(5);
    expect(rows).toContain('bookinfo/productpage-v1->bookinfo/reviews GET /: denied'); // the waypoint's identity is refused
    expect(rows).toContain('bookinfo/bookinfo-gateway-istio->bookinfo/productpage GET /: allowed');
  });
});
