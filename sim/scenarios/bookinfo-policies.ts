// The demo's security policies: one deliberate misconfiguration of each kind the Policies page
// explains, chosen so that none of them denies a flow of the scenario (the traffic the other
// tests and the demo assert stays as it was). What each should show is in the comment beside it.

import type { BuildContext } from './objects';

const ap = (ctx: BuildContext, namespace: string, name: string, spec: object) =>
  ctx.add('authorizationPolicies', { apiVersion: 'security.istio.io/v1', kind: 'AuthorizationPolicy', metadata: { ...ctx.meta('AuthorizationPolicy', namespace, name), generation: 1 }, spec });

export function bookinfoPolicies(ctx: BuildContext): void {
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
  // AUTHZ022: portLevelMtls on ambient pods, ignored; frontend is STRICT (web has no plaintext callers).
  ctx.add('peerAuthentications', { apiVersion: 'security.istio.io/v1', kind: 'PeerAuthentication', metadata: { ...ctx.meta('PeerAuthentication', 'frontend', 'default'), generation: 1 }, spec: { mtls: { mode: 'STRICT' } } });
  ctx.add('peerAuthentications', {
    apiVersion: 'security.istio.io/v1',
    kind: 'PeerAuthentication',
    metadata: { ...ctx.meta('PeerAuthentication', 'frontend', 'web-port-permissive'), generation: 1 },
    spec: { selector: { matchLabels: { app: 'web' } }, mtls: { mode: 'STRICT' }, portLevelMtls: { 8080: { mode: 'PERMISSIVE' } } },
  });
}
