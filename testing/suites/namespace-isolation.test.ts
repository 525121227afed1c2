import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '@/sim/store';
import { typeKeys } from '@/testing/fixtures/clusters';
import { apiRoutes, pathOf, SIM_TOKENS, startAppHarness, type ApiRoute, type AppHarness } from '@/testing/harness/app-routes';

// Two users with different rights (alice: bookinfo, bob: legacy; sim/mesh/users.ts) against the
// simulated Bookinfo cluster. Every API route's whole answer is scanned for a pod name, pod IP,
// SPIFFE identity or namespace outside the user's rights, taken from the simulator's own objects,
// not from any route's filter. Pages fetch their data from these routes (nothing is server-rendered
// but the workload page's title, made of its URL), so this covers them.

let app: AppHarness;
let routes: ApiRoute[];
beforeAll(async () => {
  app = await startAppHarness();
  routes = await apiRoutes();
  app.use('header');
  // Traffic and ztunnel logs build up while the mesh runs.
  await new Promise((r) => setTimeout(r, 1500));
});
afterAll(() => app?.stop());

interface Forbidden {
  /** Pod names, IPs and identities: never, anywhere. */
  secrets: { what: string; value: string; pattern: RegExp }[];
  namespaces: Set<string>;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function forbiddenFor(allowed: ReadonlySet<string>): Forbidden {
  const pods = app.sim.store.list(typeKeys.pods) as (KubeObject & { spec?: { serviceAccountName?: string }; status?: { podIP?: string } })[];
  const namespaces = new Set(app.sim.store.list(typeKeys.namespaces).map((n) => n.metadata.name).filter((n) => !allowed.has(n)));
  const secrets: Forbidden['secrets'] = [];
  for (const p of pods) {
    const ns = p.metadata.namespace ?? '';
    if (allowed.has(ns)) continue;
    secrets.push({ what: 'pod', value: p.metadata.name, pattern: new RegExp(`(^|[^a-z0-9-])${escape(p.metadata.name)}($|[^a-z0-9-])`) });
    const ip = p.status?.podIP;
    if (ip) secrets.push({ what: 'pod IP', value: ip, pattern: new RegExp(`(^|[^0-9.])${escape(ip)}($|[^0-9])`) });
    const sa = p.spec?.serviceAccountName ?? 'default';
    secrets.push({ what: 'identity', value: `ns/${ns}/sa/${sa}`, pattern: new RegExp(escape(`ns/${ns}/sa/${sa}`)) });
  }
  return { secrets, namespaces };
}

/** Where a hidden namespace may be named: the opaque stand-in the graph and the logs draw for it. */
function isOpaque(holder: Record<string, unknown>): boolean {
  const flags = holder['flags'] as { inaccessible?: boolean } | undefined;
  return holder['redacted'] === true || flags?.inaccessible === true;
}

/**
 * Cluster-scoped Sail Operator resources (Istio, IstioCNI, ZTunnel, IstioRevision) name the control
 * plane's namespaces in their spec; the control-plane page shows them to every user by design.
 */
// The mesh's root namespace (policies there apply to every namespace) and the kind of an enforcement
// point ("ztunnel", an enum that happens to be a namespace's name too) are mesh facts, not a namespace's data.
const meshWideAuthzField = /^\/api\/authz\/policies\?\.(rootNamespace|(authorizationPolicies|peerAuthentications)\[\d+\]\.enforcedBy\[\d+\]\.(kind|label))$/;
const sailNamespaceField = /^\/api\/control-plane\?\.controlPlane\.(istios|istioCNIs|ztunnels|revisions)\[\d+\]\.namespace$/;

/** A policy in the user's namespace may name other namespaces in its rules: it is their own resource's text. */
const ownPolicyRule = /\.policies\[\d+\]\.rules\[/;

function scan(value: unknown, forbidden: Forbidden, path: string, holder: Record<string, unknown> | undefined, found: string[], isKey = false): void {
  if (typeof value === 'string') {
    if (sailNamespaceField.test(path) || ownPolicyRule.test(path) || meshWideAuthzField.test(path)) return;
    for (const s of forbidden.secrets) if (s.pattern.test(value)) found.push(`${path}: ${s.what} ${s.value} in "${value.slice(0, 120)}"`);
    const opaqueId = /^ns:[^:]+:(.+)$/.exec(value)?.[1];
    const named = forbidden.namespaces.has(value) ? value : opaqueId && forbidden.namespaces.has(opaqueId) ? opaqueId : undefined;
    // An opaque node's id may be referenced by edges; a bare namespace only as the opaque peer's own field.
    if (named && !isKey && !(opaqueId !== undefined || (holder && isOpaque(holder)))) found.push(`${path}: namespace ${named}`);
    return;
  }
  if (Array.isArray(value)) value.forEach((v, i) => scan(v, forbidden, `${path}[${i}]`, holder, found));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      scan(k, forbidden, `${path}.{key}`, value as Record<string, unknown>, found, true);
      scan(v, forbidden, `${path}.${k}`, value as Record<string, unknown>, found);
    }
  }
}

const users = [
  { name: 'alice', token: SIM_TOKENS.alice, allowed: new Set(['bookinfo']), workload: ['bookinfo', 'productpage-v1'] },
  { name: 'bob', token: SIM_TOKENS.bob, allowed: new Set(['legacy']), workload: ['legacy', 'legacy-client'] },
] as const;

describe('namespace isolation on every API route', () => {
  for (const user of users) {
    it(`${user.name} (${[...user.allowed].join(', ')}) sees nothing of other namespaces`, async () => {
      app.use('header');
      const forbidden = forbiddenFor(user.allowed);
      expect(forbidden.secrets.length).toBeGreaterThan(10);
      const ns = [...user.allowed][0] ?? '';
      const found: string[] = [];
      const answered: string[] = [];
      for (const route of routes.filter((r) => r.handlers.GET)) {
        const params = { namespace: user.workload[0], name: user.workload[1] };
        const queries = route.path === '/api/graph' ? [`namespaces=${ns}`] : route.path === '/api/ztunnel/logs' ? ['tail=2000&limit=5000', `namespace=${ns}&tail=2000`] : [''];
        for (const query of queries) {
          const response = await app.call(route, 'GET', `${pathOf(route, params)}${query ? `?${query}` : ''}`, { headers: app.as('header', user.token), params });
          const text = await response.text();
          answered.push(`${route.path}?${query} ${response.status}`);
          let body: unknown = text;
          try {
            body = JSON.parse(text);
          } catch {
            /* scanned as text */
          }
          scan(body, forbidden, `${route.path}?${query}`, undefined, found);
        }
      }
      expect(found.slice(0, 40)).toEqual([]);
      // The scan means something only if the routes answered with data.
      expect(answered.filter((a) => a.endsWith(' 200')).length).toBeGreaterThan(10);
    });

    it(`${user.name} asking for another namespace gets 403`, async () => {
      app.use('header');
      const other = user.name === 'alice' ? 'legacy' : 'bookinfo';
      for (const path of ['/api/ztunnel/logs', '/api/workloads', '/api/ztunnel/workloads', '/api/ztunnel/certificates']) {
        const route = routes.find((r) => r.path === path);
        if (!route) throw new Error(`no ${path}`);
        const response = await app.call(route, 'GET', `${path}?namespace=${other}`, { headers: app.as('header', user.token) });
        expect([path, response.status]).toEqual([path, 403]);
      }
    });
  }
});
