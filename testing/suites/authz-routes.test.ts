import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as checkRoute } from '@/app/api/authz/check/route';
import { GET as policiesRoute } from '@/app/api/authz/policies/route';
import type { AuthzCheckResponse, AuthzPoliciesResponse } from '@/lib/kube/wire/authz';
import { startSimulator, type Simulator } from '@/sim/index';
import { createDeps, setDepsForTest, type Deps } from '@/lib/server/deps';
import { parseEnv } from '@/lib/server/env';

// The two authz routes on the simulated Bookinfo cluster, as an admin and as users who see one namespace.

let sim: Simulator;
let services: Deps;
beforeAll(async () => {
  sim = await startSimulator({ scenario: 'bookinfo' });
  services = createDeps(parseEnv({ LOG_LEVEL: 'silent', KUBECONFIG: sim.kubeconfigPath, SIMULATOR_METRICS_URL: sim.httpUrl, AUTH_STRATEGY: 'header', HOSTNAME: '127.0.0.1', SESSION_SECRET: 'a-test-secret-of-at-least-32-characters!!' }));
  setDepsForTest(services);
});
afterAll(async () => {
  setDepsForTest(undefined);
  services?.kube().stop();
  await sim.stop();
});

async function get<T>(handler: typeof checkRoute, query: string, token = 'ambient-lens-admin'): Promise<{ status: number; body: T }> {
  const response = await handler(new Request(`http://pod/api/authz/x?${query}`, { headers: { authorization: `Bearer ${token}` } }), {});
  return { status: response.status, body: (await response.json()) as T };
}

describe('GET /api/authz/check', () => {
  it('answers with the decision, the enforcement points, the identity each sees and the deciding policy', async () => {
    const r = await get<AuthzCheckResponse>(checkRoute, 'from=frontend/web-v1&to=bookinfo/service:ratings');
    expect(r.status).toBe(200);
    expect(r.body.port).toBe(9080);
    expect(r.body.evaluation.decision).toBe('denied');
    expect(r.body.evaluation.deciding).toMatchObject({ reason: 'deny-policy', policy: 'bookinfo/ratings-deny-frontend' });
    const ztunnel = r.body.evaluation.path.find((p) => p.kind === 'ztunnel');
    expect(ztunnel?.sees).toMatchObject({ who: 'client', principal: 'spiffe://cluster.local/ns/frontend/sa/web' });
  });

  it("answers an HTTP request at the waypoint: reviews-viewer allows productpage's GETs, not its POSTs", async () => {
    const get200 = await get<AuthzCheckResponse>(checkRoute, 'from=bookinfo/productpage-v1&to=bookinfo/service:reviews&method=GET&path=/reviews/0');
    expect(get200.body.evaluation.decision).toBe('allowed');
    expect(get200.body.request).toEqual({ method: 'GET', path: '/reviews/0' });
    const post = await get<AuthzCheckResponse>(checkRoute, 'from=bookinfo/productpage-v1&to=bookinfo/service:reviews&method=POST&path=/reviews/0');
    expect(post.body.evaluation.decision).toBe('denied');
    expect(post.body.evaluation.deciding).toMatchObject({ reason: 'no-allow-matched', point: 'waypoint bookinfo/waypoint', candidates: ['bookinfo/reviews-viewer'] });
    const unsaid = await get<AuthzCheckResponse>(checkRoute, 'from=bookinfo/productpage-v1&to=bookinfo/service:reviews');
    expect(unsaid.body.evaluation.decision).toBe('conditional');
  });

  it('rejects bad input naming the field', async () => {
    for (const [query, field] of [
      ['from=frontend/web-v1&to=bookinfo/service:ratings&method=get', 'method'],
      ['from=frontend/web-v1&to=bookinfo/service:ratings&path=reviews', 'path'],
      ['from=bookinfo&to=bookinfo/service:ratings', 'from'],
      ['from=frontend/web-v1&to=bookinfo/service:ratings&port=70000', 'port'],
      ['from=frontend/web-v1&to=bookinfo/service:nothing', 'to'],
      ['from=frontend/web-v1', 'to'],
    ] as const) {
      const r = await get<{ error: { code: string; message: string } }>(checkRoute, query);
      expect([query, r.status, r.body.error.message.split(':')[0]]).toEqual([query, 400, field]);
    }
  });

  it('is 403 for a namespace the user may not see, and redacts the namespaces it cannot see', async () => {
    const r = await get<{ error: { code: string } }>(checkRoute, 'from=frontend/web-v1&to=bookinfo/service:ratings', 'alice-token');
    expect([r.status, r.body.error.code]).toEqual([403, 'forbidden']);
    const own = await get<AuthzCheckResponse>(checkRoute, 'from=bookinfo/productpage-v1&to=bookinfo/service:reviews', 'alice-token');
    expect(own.status).toBe(200);
    expect(JSON.stringify(own.body)).not.toMatch(/istio-system\/|frontend\//);
  });
});

describe('GET /api/authz/policies', () => {
  it('lists the policies with enforcement points, findings, counts and ztunnel agreement', async () => {
    const r = await get<AuthzPoliciesResponse>(policiesRoute, '');
    expect(r.status).toBe(200);
    expect(r.body.policiesInstalled).toBe(true);
    const deny = r.body.authorizationPolicies.find((p) => p.name === 'ratings-deny-frontend');
    expect(deny).toMatchObject({ action: 'DENY', scope: 'workload-selector', selects: ['bookinfo/ratings-v1'], enforcedBy: [{ kind: 'ztunnel' }], ztunnel: 'held' });
    expect(r.body.ztunnel.ok).toBe(true);
    expect(r.body.counts.warning + r.body.counts.error + r.body.counts.info).toBe(r.body.findings.length);
    // Observed traffic checked: the denied web -> ratings edge, with the policy that denied it.
    expect(r.body.traffic).toMatchObject({ ok: true });
    const observed = r.body.findings.filter((f) => f.code === 'AUTHZ030');
    expect(observed.map((f) => `${f.object.namespace}/${f.object.name}`)).toEqual(['bookinfo/ratings-deny-frontend']);
    expect(r.body.findings.filter((f) => f.code === 'AUTHZ031')).toEqual([]);
  });

  it('shows a one-namespace user only that namespace, and 403 for another', async () => {
    const bob = await get<AuthzPoliciesResponse>(policiesRoute, '', 'bob-token');
    expect(bob.status).toBe(200);
    expect(bob.body.authorizationPolicies).toEqual([]);
    expect(bob.body.findings.every((f) => (f.object.namespace ?? f.object.name) === 'legacy')).toBe(true);
    const forbidden = await get<{ error: { code: string } }>(policiesRoute, 'namespace=bookinfo', 'bob-token');
    expect(forbidden.status).toBe(403);
    const bad = await get<{ error: { message: string } }>(policiesRoute, 'namespace=Not_A_Name');
    expect([bad.status, bad.body.error.message.split(':')[0]]).toEqual([400, 'namespace']);
  });
});
