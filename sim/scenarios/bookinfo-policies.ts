// The demo's security policies: Istio's ambient getting-started policies, and one deliberate
// misconfiguration of each kind the Policies page explains, chosen so that none of them denies an L4
// flow of the scenario (the traffic the other tests and the demo assert stays as it was). What each
// should show is in the comment beside it.

import type { BuildContext } from './objects';

const ap = (ctx: BuildContext, namespace: string, name: string, spec: object) =>
  ctx.add('authorizationPolicies', { apiVersion: 'security.istio.io/v1', kind: 'AuthorizationPolicy', metadata: { ...ctx.meta('AuthorizationPolicy', namespace, name), generation: 1 }, spec });

export function bookinfoPolicies(ctx: BuildContext): void {
  gettingStartedPolicies(ctx);
  // AUTHZ005: targetRefs on a Service without a waypoint (details has no istio.io/use-waypoint): never enforced.
  ap(ctx, 'bookinfo', 'details-viewer', {
    targetRefs: [{ kind: 'Service', group: '', name: 'details' }],
    action: 'ALLOW',
    rules: [{ from: [{ source: { principals: ['cluster.local/ns/bookinfo/sa/bookinfo-productpage'] } }], to: [{ operation: { methods: ['GET'] } }] }],
  });
  // AUTHZ003: an ALLOW made of HTTP rules on ambient pods: dropped at ztunnel, web accepts nobody (nobody calls it).
  ap(ctx, 'frontend', 'web-get-only', { selector: { matchLabels: { app: 'web' } }, action: 'ALLOW', rules: [{ to: [{ operation: { methods: ['GET'], paths: ['/'] } }] }] });
  // AUTHZ004: a DENY made of HTTP attributes only: stripped at ztunnel, it matches nothing.
  ap(ctx, 'bookinfo', 'ratings-deny-delete', { selector: { matchLabels: { app: 'ratings' } }, action: 'DENY', rules: [{ to: [{ operation: { methods: ['DELETE'] } }] }] });
  // AUTHZ009 and AUTHZ010: a principal and a namespace that do not exist (typos), so they deny nothing.
  ap(ctx, 'bookinfo', 'details-deny-typos', {
    selector: { matchLabels: { app: 'details' } },
    action: 'DENY',
    rules: [{ from: [{ source: { principals: ['cluster.local/ns/bookinfo/sa/bookinfo-reveiws'] } }, { source: { namespaces: ['fronted'] } }] }],
  });
  // AUTHZ011: a selector that selects nothing (app=detail).
  ap(ctx, 'bookinfo', 'detail-audit', { selector: { matchLabels: { app: 'detail' } }, action: 'AUDIT', rules: [{}] });
  // AUTHZ002: a ztunnel DENY naming a client of reviews, which sits behind the waypoint: never fires.
  ap(ctx, 'bookinfo', 'reviews-deny-web', { selector: { matchLabels: { app: 'reviews' } }, action: 'DENY', rules: [{ from: [{ source: { principals: ['cluster.local/ns/frontend/sa/web'] } }] }] });
  // AUTHZ006: targetRefs naming a Service that does not exist (rating).
  ap(ctx, 'bookinfo', 'rating-viewer', { targetRefs: [{ kind: 'Service', group: '', name: 'rating' }], action: 'ALLOW', rules: [{ from: [{ source: { namespaces: ['bookinfo'] } }] }] });
  // AUTHZ007: CUSTOM (ext-authz) selecting ambient pods: ztunnel does not enforce it.
  ap(ctx, 'bookinfo', 'details-ext-authz', { selector: { matchLabels: { app: 'details' } }, action: 'CUSTOM', provider: { name: 'ext-authz' }, rules: [{}] });
  // AUTHZ008: an ALLOW without rules: web accepts nobody (nobody calls it).
  ap(ctx, 'frontend', 'web-allow-nothing', { selector: { matchLabels: { app: 'web' } }, action: 'ALLOW' });
  // AUTHZ012: a CIDR that is not one (/33), in an AUDIT policy (never decides).
  ap(ctx, 'bookinfo', 'ratings-audit-office', { selector: { matchLabels: { app: 'ratings' } }, action: 'AUDIT', rules: [{ from: [{ source: { ipBlocks: ['192.0.2.0/33'] } }] }] });
  // AUTHZ013: a RequestAuthentication selecting ambient pods: ztunnel validates no JWT.
  ctx.add('requestAuthentications', {
    apiVersion: 'security.istio.io/v1',
    kind: 'RequestAuthentication',
    metadata: { ...ctx.meta('RequestAuthentication', 'bookinfo', 'ratings-jwt'), generation: 1 },
    spec: { selector: { matchLabels: { app: 'ratings' } }, jwtRules: [{ issuer: 'https://issuer.example.com', jwksUri: 'https://issuer.example.com/jwks' }] },
  });
  // AUTHZ021 and AUTHZ022: frontend is STRICT, web relaxes it to PERMISSIVE with an ignored portLevelMtls
  // (web has no plaintext callers); AUTHZ024: a second namespace-wide PeerAuthentication in frontend.
  const pa = (namespace: string, name: string, spec: object) => ctx.add('peerAuthentications', { apiVersion: 'security.istio.io/v1', kind: 'PeerAuthentication', metadata: { ...ctx.meta('PeerAuthentication', namespace, name), generation: 1 }, spec });
  pa('frontend', 'default', { mtls: { mode: 'STRICT' } });
  pa('frontend', 'web-port-permissive', { selector: { matchLabels: { app: 'web' } }, mtls: { mode: 'PERMISSIVE' }, portLevelMtls: { 8080: { mode: 'STRICT' } } });
  pa('frontend', 'strict-again', { mtls: { mode: 'STRICT' } });
  // AUTHZ023: DISABLE on ambient pods (details; bookinfo is PERMISSIVE anyway).
  pa('bookinfo', 'details-disable', { selector: { matchLabels: { app: 'details' } }, mtls: { mode: 'DISABLE' } });
}

/**
 * Istio's ambient getting-started: productpage reachable from the ingress gateway and the waypoint
 * (L4, at productpage's ztunnel), and an L7 policy at the waypoint in front of reviews allowing only
 * productpage's GETs (its POSTs get 403 from the waypoint). The scenario's other callers of
 * productpage (plaintext clients in mid-migration and web) keep being allowed by a second policy, by
 * namespace and by having no identity, so the traffic the demo shows stays as it was.
 */
function gettingStartedPolicies(ctx: BuildContext): void {
  ap(ctx, 'bookinfo', 'productpage-viewer', {
    selector: { matchLabels: { app: 'productpage' } },
    action: 'ALLOW',
    rules: [{ from: [{ source: { principals: ['cluster.local/ns/bookinfo/sa/bookinfo-gateway-istio', 'cluster.local/ns/bookinfo/sa/waypoint'] } }] }],
  });
  ap(ctx, 'bookinfo', 'productpage-migrating-callers', {
    selector: { matchLabels: { app: 'productpage' } },
    action: 'ALLOW',
    // web, legacy (whose enrollment the demo shows) by namespace; notPrincipals ["*"]: a client without
    // a mesh identity, i.e. plaintext (Istio's idiom).
    rules: [{ from: [{ source: { namespaces: ['frontend', 'legacy'] } }, { source: { notPrincipals: ['*'] } }] }],
  });
  ap(ctx, 'bookinfo', 'reviews-viewer', {
    targetRefs: [{ kind: 'Service', group: '', name: 'reviews' }],
    action: 'ALLOW',
    rules: [{ from: [{ source: { principals: ['cluster.local/ns/bookinfo/sa/bookinfo-productpage'] } }], to: [{ operation: { methods: ['GET'] } }] }],
  });
}
