import { KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluate } from '@/lib/authz';
import { startSimulator, type Simulator } from '@/sim/index';
import { keys } from '@/sim/mesh/resource-types';
import type { FlowSpec } from '@/sim/scenarios/types';
import { resolveLegs } from '@/sim/traffic/legs';
import { KubeLayer } from './layer';

// Two implementations, one answer: for every client workload and every Service of the simulated
// Bookinfo cluster (its demo policies, and more of every kind added here), the evaluator (lib/authz, on what the
// Kubernetes layer reads) says "denied" exactly where the simulator's destination ztunnel closes the
// connection with DENY. The simulator's enforcement (sim/mesh/policy.ts) never imports lib/authz.

const meta = (namespace: string, name: string, i: number) => ({ namespace, name, uid: `authz-${i}`, resourceVersion: '1', creationTimestamp: `2025-01-10T09:00:0${i}Z` });
const ap = (namespace: string, name: string, spec: object) => ({ apiVersion: 'security.istio.io/v1', kind: 'AuthorizationPolicy', metadata: meta(namespace, name, 0), spec });

const policies = [
  // Istio getting-started: productpage from the ingress gateway only (loadgen, legacy, web, scanner refused).
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
  sim = await startSimulator({ scenario: 'bookinfo' });
  for (const p of policies) sim.store.upsert(keys.authorizationPolicies, p);
  for (const p of peerAuthentications) sim.store.upsert(keys.peerAuthentications, p);
  const kc = new KubeConfig();
  kc.loadFromFile(sim.kubeconfigPath);
  layer = new KubeLayer(kc, { reflector: { minBackoffMs: 50, maxBackoffMs: 500, recheckMs: 500, watchTimeoutSeconds: 600 } });
});
afterAll(async () => {
  layer?.stop();
  await sim?.stop();
});

describe('the evaluator predicts what the simulated ztunnels enforce', () => {
  it('agrees on every client workload -> Service pair', async () => {
    const deadline = Date.now() + 10_000;
    let input = await layer.authzInput();
    const names = (list: { name: string }[]) => new Set(list.map((p) => p.name));
    const arrived = () => policies.every((p) => names(input.authorizationPolicies).has(p.metadata.name)) && peerAuthentications.every((p) => names(input.peerAuthentications).has(p.metadata.name));
    while (!arrived()) {
      if (Date.now() > deadline) throw new Error('policies never reached the cache');
      await new Promise((r) => setTimeout(r, 50));
      input = await layer.authzInput();
    }
    const view = sim.mesh.view();
    const clients = [...view.workloads.entries()].filter(([, pods]) => pods.some((p) => p.ready) && pods[0]?.proxy !== 'waypoint');
    const services = [...view.services.values()].filter((s) => s.endpoints.length > 0 && s.discovered && s.ports.length > 0 && !s.endpoints.some((e) => e.proxy));
    const flows: FlowSpec[] = [];
    for (const [, pods] of clients) {
      const c = pods[0]!;
      for (const s of services) {
        flows.push({ id: `${c.namespace}/${c.workloadName}->${s.namespace}/${s.name}`, client: { namespace: c.namespace, workload: c.workloadName }, target: { kind: 'service', namespace: s.namespace, name: s.name, port: s.ports[0]!.port }, requestBytesPerSecond: 1, responseBytesPerSecond: 1, connectionsPerSecond: 1 });
      }
    }
    const legs = resolveLegs(view, flows);
    const rows: string[] = [];
    const mismatches: string[] = [];
    for (const flow of flows) {
      const toServer = legs.filter((l) => l.flow === flow && l.waypointHop !== 'to' && l.destination);
      const simDenied = toServer.filter((l) => l.destination?.flag === 'DENY').length;
      const sim = toServer.length === 0 || simDenied === 0 ? 'allowed' : simDenied === toServer.length ? 'denied' : 'some';
      const t = flow.target as { namespace: string; name: string; port: number };
      const result = evaluate(input, { source: { kind: 'workload', ...flow.client, name: flow.client.workload }, destination: { kind: 'service', namespace: t.namespace, name: t.name }, port: t.port });
      if (!result.ok) throw new Error(`${flow.id}: ${result.error}`);
      const predicted = result.decision === 'denied' ? 'denied' : result.decision === 'conditional' ? 'some' : 'allowed';
      rows.push(`${flow.id}: ${sim}`);
      if (predicted !== sim) mismatches.push(`${flow.id}: evaluator ${result.decision} (${result.deciding?.policy ?? result.deciding?.reason ?? ''}), simulator ${sim} (${toServer.map((l) => l.error ?? 'ok').join('; ')})`);
    }
    expect(mismatches).toEqual([]);
    // The policies above deny something and allow something: the comparison is not vacuous.
    expect(rows.filter((r) => r.endsWith(': denied')).length).toBeGreaterThan(5);
    expect(rows.filter((r) => r.endsWith(': allowed')).length).toBeGreaterThan(5);
    expect(rows).toContain('bookinfo/productpage-v1->bookinfo/reviews: denied'); // the waypoint's identity is refused
    expect(rows).toContain('bookinfo/bookinfo-gateway-istio->bookinfo/productpage: allowed');
  });
});
