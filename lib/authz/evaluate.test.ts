// The evaluator against cases built from the reference (shared/reference/istio/ambient-authorization.md):
// who enforces, which identity it sees, ztunnel's L4 semantics and istiod's conversion of HTTP rules.
import { describe, expect, it } from 'vitest';
import { evaluate, type AuthzDestination, type AuthzSource, type Decision, type Evaluation } from './evaluate';
import type { HttpRequest } from './l7';
import type { EvaluateOptions } from './rules';
import { bookinfo, spiffe, type MeshOptions } from '@/testing/fixtures/authz-mesh';
import { ap, pa, REVIEWS_GET, REVIEWS_HTTP_AT_ZTUNNEL, REVIEWS_VIEWER, REVIEWS_VIEWER_WITH_WAYPOINT } from '@/testing/fixtures/authz-policies';

const wl = (name: string, namespace = 'bookinfo'): AuthzSource & AuthzDestination => ({ kind: 'workload', namespace, name });
const svc = (name: string, namespace = 'bookinfo'): AuthzDestination => ({ kind: 'service', namespace, name });
const plaintext = (ip = '10.0.2.5'): AuthzSource => ({ kind: 'plaintext', ip });
const pp = wl('productpage-v1');
const ratings = wl('ratings-v1');
const reviewsV1 = wl('reviews-v1');
const curl = wl('curl-v1', 'mixed');

interface Case {
  name: string;
  mesh?: MeshOptions;
  from: AuthzSource;
  to: AuthzDestination;
  port?: number;
  request?: HttpRequest;
  options?: EvaluateOptions;
  decision: Decision;
  deciding?: Partial<NonNullable<Evaluation['deciding']>>;
  path?: string[];
  /** The identity the last enforcement point sees. */
  seen?: string | null;
  unenforced?: string[];
}

function run(c: Case): Evaluation {
  const r = evaluate(bookinfo(c.mesh), { source: c.from, destination: c.to, port: c.port ?? 9080, ...(c.request ? { request: c.request } : {}) }, c.options);
  if (!r.ok) throw new Error(r.error);
  return r;
}

const reviewsThroughWaypoint: MeshOptions = { serviceWaypoints: { reviews: 'waypoint' } };
const DENY_PP_POST = ap('no-post', 'selector:\n  matchLabels: {app: reviews}\naction: DENY\nrules:\n- from:\n  - source:\n      principals: [cluster.local/ns/bookinfo/sa/bookinfo-productpage]\n  to:\n  - operation:\n      methods: [POST]');
const DENY_ADMIN_PATHS = ap('no-admin', 'selector:\n  matchLabels: {app: reviews}\naction: DENY\nrules:\n- to:\n  - operation:\n      paths: ["/admin*"]');
const allowReviews = (source: string) => ap('allow-reviews', `selector:\n  matchLabels: {app: reviews}\nrules:\n- ${source}`);
const denyReviews = (rule: string) => ap('deny-reviews', `selector:\n  matchLabels: {app: reviews}\naction: DENY\nrules:\n- ${rule}`);
const STRICT = (ns = 'bookinfo', name = 'default') => pa(name, 'mtls: {mode: STRICT}', ns);
const PERMISSIVE = (ns = 'bookinfo', name = 'default') => pa(name, 'mtls: {mode: PERMISSIVE}', ns);
const reviewsMode = (mode: string) => pa('reviews-mtls', `selector:\n  matchLabels: {app: reviews}\nmtls: {mode: ${mode}}`);

const cases: Case[] = [
  // Evaluation order at the destination ztunnel.
  { name: 'no policy: allowed by default; the destination ztunnel sees the client', from: pp, to: reviewsV1, decision: 'allowed', deciding: { reason: 'no-allow-policy' }, path: ['ztunnel on node w2'], seen: spiffe('bookinfo', 'bookinfo-productpage') },
  { name: 'selector ALLOW matching the client principal', mesh: { policies: REVIEWS_VIEWER }, from: pp, to: reviewsV1, decision: 'allowed', deciding: { reason: 'allow-policy', policy: 'bookinfo/reviews-viewer', rule: 0, point: 'ztunnel on node w2' } },
  { name: 'ALLOW policies apply and none matches: denied', mesh: { policies: REVIEWS_VIEWER }, from: ratings, to: reviewsV1, decision: 'denied', deciding: { reason: 'no-allow-matched', candidates: ['bookinfo/reviews-viewer'] } },
  { name: 'namespace-wide ALLOW (no selector) covers every pod of the namespace', mesh: { policies: ap('ns', 'rules:\n- from:\n  - source: {namespaces: [bookinfo]}') }, from: curl, to: wl('details-v1'), decision: 'denied' },
  { name: 'root-namespace policy applies mesh-wide', mesh: { policies: ap('deny-ratings', 'action: DENY\nrules:\n- from:\n  - source: {principals: [cluster.local/ns/bookinfo/sa/bookinfo-ratings]}', 'istio-system') }, from: ratings, to: wl('httpbin-v1', 'mixed'), port: 80, decision: 'denied', deciding: { reason: 'deny-policy', policy: 'istio-system/deny-ratings', rule: 0, point: 'sidecar of mixed/httpbin-v1' } },
  { name: 'root-namespace selector policy applies in every namespace', mesh: { policies: ap('reviews-mesh', 'selector:\n  matchLabels: {app: reviews}\nrules:\n- from:\n  - source: {principals: [cluster.local/ns/bookinfo/sa/bookinfo-productpage]}', 'istio-system') }, from: ratings, to: reviewsV1, decision: 'denied' },
  { name: 'DENY is evaluated before ALLOW', mesh: { policies: allowReviews('{}') + denyReviews('from:\n  - source: {principals: [cluster.local/ns/bookinfo/sa/bookinfo-ratings]}') }, from: ratings, to: reviewsV1, decision: 'denied', deciding: { reason: 'deny-policy', policy: 'bookinfo/deny-reviews' } },
  { name: 'an ALLOW policy without rules allows nothing', mesh: { policies: ap('nothing', 'selector:\n  matchLabels: {app: reviews}') }, from: pp, to: reviewsV1, decision: 'denied', deciding: { reason: 'no-allow-matched', candidates: ['bookinfo/nothing'] } },
  { name: 'an empty ALLOW policy does not stop another ALLOW policy', mesh: { policies: ap('nothing', 'selector:\n  matchLabels: {app: reviews}') + REVIEWS_VIEWER }, from: pp, to: reviewsV1, decision: 'allowed', deciding: { policy: 'bookinfo/reviews-viewer' } },
  { name: 'rules: [{}] allows everyone, plaintext included', mesh: { policies: allowReviews('{}') }, from: plaintext(), to: reviewsV1, decision: 'allowed', deciding: { reason: 'allow-policy', rule: 0 } },

  // Waypoint in the path: the destination ztunnel sees the waypoint's identity.
  { name: 'behind a waypoint an L4 ALLOW listing only clients denies everything', mesh: { ...reviewsThroughWaypoint, policies: REVIEWS_VIEWER }, from: pp, to: svc('reviews'), decision: 'denied', path: ['waypoint bookinfo/waypoint', 'ztunnel on node w2', 'ztunnel on node w2', 'ztunnel on node w3'], deciding: { reason: 'no-allow-matched', point: 'ztunnel on node w2' }, seen: spiffe('bookinfo', 'waypoint') },
  { name: "allowing the waypoint's principal too fixes it (getting-started guide)", mesh: { ...reviewsThroughWaypoint, policies: REVIEWS_VIEWER_WITH_WAYPOINT }, from: pp, to: svc('reviews'), decision: 'allowed', deciding: { policy: 'bookinfo/reviews-viewer' } },
  { name: 'targetRefs Service policy at the waypoint: productpage GET allowed', mesh: { ...reviewsThroughWaypoint, policies: REVIEWS_GET }, from: pp, to: svc('reviews'), request: { method: 'GET' }, decision: 'allowed', deciding: { policy: 'bookinfo/reviews-get', point: 'waypoint bookinfo/waypoint' } },
  { name: 'targetRefs Service policy at the waypoint: DELETE denied there', mesh: { ...reviewsThroughWaypoint, policies: REVIEWS_GET }, from: pp, to: svc('reviews'), request: { method: 'DELETE' }, decision: 'denied', deciding: { point: 'waypoint bookinfo/waypoint', reason: 'no-allow-matched' }, path: ['waypoint bookinfo/waypoint'] },
  { name: 'the waypoint sees the client identity: ratings GET denied', mesh: { ...reviewsThroughWaypoint, policies: REVIEWS_GET }, from: ratings, to: svc('reviews'), request: { method: 'GET' }, decision: 'denied', seen: spiffe('bookinfo', 'bookinfo-ratings') },
  { name: 'without a request the HTTP rule makes it conditional', mesh: { ...reviewsThroughWaypoint, policies: REVIEWS_GET }, from: pp, to: svc('reviews'), decision: 'conditional' },
  { name: 'Gateway-targeted policy applies to every target of the waypoint', mesh: { serviceWaypoints: { reviews: 'waypoint', details: 'waypoint' }, policies: ap('wp-deny', 'targetRefs:\n- {kind: Gateway, group: gateway.networking.k8s.io, name: waypoint}\naction: DENY\nrules:\n- from:\n  - source: {principals: [cluster.local/ns/bookinfo/sa/bookinfo-ratings]}') }, from: ratings, to: svc('details'), decision: 'denied', deciding: { policy: 'bookinfo/wp-deny', point: 'waypoint bookinfo/waypoint' } },
  { name: 'namespace label puts the waypoint on the path', mesh: { policies: REVIEWS_VIEWER, tweak: (i) => void (i.namespaces[1]!.labels['istio.io/use-waypoint'] = 'waypoint') }, from: pp, to: svc('reviews'), decision: 'denied', seen: spiffe('bookinfo', 'waypoint') },
  { name: 'Service label none opts out of the namespace waypoint', mesh: { policies: REVIEWS_VIEWER, tweak: (i) => { i.namespaces[1]!.labels['istio.io/use-waypoint'] = 'waypoint'; i.services[2]!.labels['istio.io/use-waypoint'] = 'none'; } }, from: pp, to: svc('reviews'), decision: 'allowed', path: ['ztunnel on node w2', 'ztunnel on node w2', 'ztunnel on node w3'] },
  { name: 'a pod addressed directly skips a waypoint for service traffic', mesh: { ...reviewsThroughWaypoint, policies: REVIEWS_VIEWER, tweak: (i) => void (i.namespaces[1]!.labels['istio.io/use-waypoint'] = 'waypoint') }, from: pp, to: reviewsV1, decision: 'allowed', path: ['ztunnel on node w2'] },
  { name: 'the ingress gateway skips the waypoint unless the Service asks', mesh: { serviceWaypoints: { productpage: 'waypoint' } }, from: wl('bookinfo-gateway-istio'), to: svc('productpage'), decision: 'allowed', path: ['ztunnel on node w1'], seen: spiffe('bookinfo', 'bookinfo-gateway-istio') },
  { name: 'with istio.io/ingress-use-waypoint the gateway goes through it', mesh: { serviceWaypoints: { productpage: 'waypoint' }, tweak: (i) => void (i.services[0]!.labels['istio.io/ingress-use-waypoint'] = 'true') }, from: wl('bookinfo-gateway-istio'), to: svc('productpage'), decision: 'allowed', path: ['waypoint bookinfo/waypoint', 'ztunnel on node w1'], seen: spiffe('bookinfo', 'waypoint') },

  // targetRefs without a working waypoint: not enforced.
  { name: 'targetRefs policy on a Service without a waypoint is not enforced', mesh: { policies: REVIEWS_GET }, from: ratings, to: svc('reviews'), request: { method: 'GET' }, decision: 'allowed-unenforced', unenforced: ['bookinfo/reviews-get'] },
  { name: 'waypoint not Programmed: not on the path, ztunnel sees the client', mesh: { ...reviewsThroughWaypoint, waypoint: { programmed: false }, policies: REVIEWS_VIEWER + REVIEWS_GET }, from: pp, to: svc('reviews'), request: { method: 'GET' }, decision: 'allowed-unenforced', unenforced: ['bookinfo/reviews-get'], seen: spiffe('bookinfo', 'bookinfo-productpage') },
  { name: 'waypoint that does not exist', mesh: { serviceWaypoints: { reviews: 'ghost' }, policies: REVIEWS_GET }, from: pp, to: svc('reviews'), decision: 'allowed-unenforced', unenforced: ['bookinfo/reviews-get'] },
  { name: 'waypoint for workload traffic only does not serve a Service', mesh: { ...reviewsThroughWaypoint, waypoint: { trafficType: 'workload' }, policies: REVIEWS_GET }, from: pp, to: svc('reviews'), decision: 'allowed-unenforced' },
  { name: 'a plaintext client bypasses the waypoint', mesh: { ...reviewsThroughWaypoint, policies: REVIEWS_GET }, from: plaintext(), to: svc('reviews'), decision: 'allowed-unenforced', unenforced: ['bookinfo/reviews-get'], path: ['ztunnel on node w2', 'ztunnel on node w2', 'ztunnel on node w3'], seen: null },

  // istiod's conversion of HTTP attributes for ztunnel.
  { name: 'ALLOW: a rule with HTTP attributes is dropped whole', mesh: { policies: REVIEWS_HTTP_AT_ZTUNNEL }, from: pp, to: reviewsV1, request: { method: 'GET' }, decision: 'denied' },
  { name: 'ALLOW: the rules without HTTP attributes stay', mesh: { policies: REVIEWS_HTTP_AT_ZTUNNEL }, from: ratings, to: reviewsV1, decision: 'allowed', deciding: { rule: 1 } },
  { name: 'ALLOW: every rule dropped allows nothing', mesh: { policies: allowReviews('to:\n  - operation: {methods: [GET]}') }, from: pp, to: reviewsV1, request: { method: 'GET' }, decision: 'denied' },
  { name: 'ALLOW: other ALLOW policies still allow what they match', mesh: { policies: allowReviews('to:\n  - operation: {methods: [GET]}') + REVIEWS_VIEWER }, from: pp, to: reviewsV1, decision: 'allowed', deciding: { policy: 'bookinfo/reviews-viewer' } },
  { name: 'DENY: HTTP conditions stripped, the principal is denied wholesale', mesh: { policies: DENY_PP_POST }, from: pp, to: reviewsV1, request: { method: 'GET' }, decision: 'denied', deciding: { policy: 'bookinfo/no-post', rule: 0 } },
  { name: 'DENY: other clients are not affected', mesh: { policies: DENY_PP_POST }, from: ratings, to: reviewsV1, decision: 'allowed' },
  { name: 'DENY made only of HTTP attributes matches nothing (field report, default)', mesh: { policies: DENY_ADMIN_PATHS }, from: pp, to: reviewsV1, request: { path: '/admin/x' }, decision: 'allowed' },
  { name: "DENY made only of HTTP attributes, istiod's wording: deny everything", mesh: { policies: DENY_ADMIN_PATHS }, from: pp, to: reviewsV1, options: { emptyDenyRule: 'matches-everything' }, decision: 'denied' },
  { name: 'the same DENY at a waypoint honours the method: POST denied', mesh: { ...reviewsThroughWaypoint, policies: DENY_PP_POST.replace('selector:\n    matchLabels: {app: reviews}', 'targetRefs:\n  - {kind: Service, group: "", name: reviews}') }, from: pp, to: svc('reviews'), request: { method: 'POST' }, decision: 'denied', deciding: { point: 'waypoint bookinfo/waypoint' } },
  { name: 'the same DENY at a waypoint honours the method: GET allowed', mesh: { ...reviewsThroughWaypoint, policies: DENY_PP_POST.replace('selector:\n    matchLabels: {app: reviews}', 'targetRefs:\n  - {kind: Service, group: "", name: reviews}') }, from: pp, to: svc('reviews'), request: { method: 'GET' }, decision: 'allowed' },
  { name: 'CUSTOM on ambient pods is not enforced by ztunnel', mesh: { policies: ap('ext', 'selector:\n  matchLabels: {app: reviews}\naction: CUSTOM\nprovider: {name: opa}\nrules:\n- {}') }, from: pp, to: reviewsV1, decision: 'allowed-unenforced', unenforced: ['bookinfo/ext'] },
  { name: 'CUSTOM at a waypoint leaves it to the external authorizer', mesh: { ...reviewsThroughWaypoint, policies: ap('ext', 'targetRefs:\n- {kind: Service, group: "", name: reviews}\naction: CUSTOM\nprovider: {name: opa}\nrules:\n- {}') }, from: pp, to: svc('reviews'), decision: 'conditional' },
  { name: 'AUDIT never changes the decision (waypoint)', mesh: { ...reviewsThroughWaypoint, policies: ap('audit', 'targetRefs:\n- {kind: Service, group: "", name: reviews}\naction: AUDIT\nrules:\n- {}') }, from: pp, to: svc('reviews'), decision: 'allowed' },
  { name: 'AUDIT never changes the decision (ztunnel does not get it)', mesh: { policies: ap('audit', 'action: AUDIT\nrules:\n- {}') }, from: pp, to: reviewsV1, decision: 'allowed' },

  // PeerAuthentication: STRICT refuses plaintext at the destination ztunnel.
  { name: 'STRICT namespace refuses plaintext', mesh: { policies: STRICT() }, from: plaintext(), to: reviewsV1, decision: 'denied', deciding: { reason: 'strict-mtls', kind: 'PeerAuthentication', policy: 'bookinfo/default' } },
  { name: 'STRICT namespace accepts mesh clients', mesh: { policies: STRICT() }, from: pp, to: reviewsV1, decision: 'allowed' },
  { name: 'a workload outside the mesh is a plaintext client', mesh: { policies: STRICT() }, from: wl('sleep-v1', 'legacy'), to: reviewsV1, decision: 'denied', deciding: { reason: 'strict-mtls' } },
  { name: 'PERMISSIVE by default: plaintext accepted', from: plaintext(), to: reviewsV1, decision: 'allowed', seen: null },
  { name: 'mesh STRICT, namespace PERMISSIVE: the namespace wins', mesh: { policies: STRICT('istio-system') + PERMISSIVE() }, from: plaintext(), to: reviewsV1, decision: 'allowed' },
  { name: 'mesh STRICT applies where the namespace says nothing', mesh: { policies: STRICT('istio-system') }, from: plaintext(), to: reviewsV1, decision: 'denied', deciding: { policy: 'istio-system/default' } },
  { name: 'workload STRICT overrides namespace PERMISSIVE', mesh: { policies: PERMISSIVE() + reviewsMode('STRICT') }, from: plaintext(), to: reviewsV1, decision: 'denied', deciding: { policy: 'bookinfo/reviews-mtls' } },
  { name: 'the workload override does not reach other pods', mesh: { policies: PERMISSIVE() + reviewsMode('STRICT') }, from: plaintext(), to: wl('details-v1'), decision: 'allowed' },
  { name: 'workload PERMISSIVE overrides mesh STRICT', mesh: { policies: STRICT('istio-system') + reviewsMode('PERMISSIVE') }, from: plaintext(), to: reviewsV1, decision: 'allowed' },
  { name: 'workload UNSET inherits the namespace STRICT', mesh: { policies: STRICT() + reviewsMode('UNSET') }, from: plaintext(), to: reviewsV1, decision: 'denied', deciding: { policy: 'bookinfo/default' } },
  { name: 'of two namespace-level policies the oldest wins', mesh: { policies: pa('old', 'mtls: {mode: PERMISSIVE}', 'bookinfo', '2024-01-01T00:00:00Z') + pa('new', 'mtls: {mode: STRICT}', 'bookinfo', '2025-06-01T00:00:00Z') }, from: plaintext(), to: reviewsV1, decision: 'allowed' },

  // L4 fields, not* forms and wildcards.
  { name: 'a plaintext client matches no principal, not even "*"', mesh: { policies: allowReviews('from:\n  - source: {principals: ["*"]}') }, from: plaintext(), to: reviewsV1, decision: 'denied' },
  { name: 'principals "*" matches any mesh identity', mesh: { policies: allowReviews('from:\n  - source: {principals: ["*"]}') }, from: curl, to: reviewsV1, decision: 'allowed' },
  { name: 'DENY notPrincipals ["*"] refuses plaintext', mesh: { policies: denyReviews('from:\n  - source: {notPrincipals: ["*"]}') }, from: plaintext(), to: reviewsV1, decision: 'denied' },
  { name: 'DENY notPrincipals ["*"] lets mesh clients in', mesh: { policies: denyReviews('from:\n  - source: {notPrincipals: ["*"]}') }, from: pp, to: reviewsV1, decision: 'allowed' },
  { name: 'DENY notNamespaces denies other namespaces', mesh: { policies: denyReviews('from:\n  - source: {notNamespaces: [bookinfo]}') }, from: curl, to: reviewsV1, decision: 'denied' },
  { name: 'DENY notNamespaces spares the listed one', mesh: { policies: denyReviews('from:\n  - source: {notNamespaces: [bookinfo]}') }, from: pp, to: reviewsV1, decision: 'allowed' },
  { name: 'ALLOW ports: another port is denied', mesh: { policies: allowReviews('to:\n  - operation: {ports: ["9080"]}') }, from: pp, to: reviewsV1, port: 9090, decision: 'denied' },
  { name: 'ALLOW ports: the listed port is allowed', mesh: { policies: allowReviews('to:\n  - operation: {ports: ["9080"]}') }, from: pp, to: reviewsV1, decision: 'allowed' },
  { name: 'DENY notPorts: the listed port passes', mesh: { policies: denyReviews('to:\n  - operation: {notPorts: ["9080"]}') }, from: pp, to: reviewsV1, decision: 'allowed' },
  { name: 'DENY notPorts: any other port is denied', mesh: { policies: denyReviews('to:\n  - operation: {notPorts: ["9080"]}') }, from: pp, to: reviewsV1, port: 15000, decision: 'denied' },
  { name: 'ipBlocks CIDR matches the plaintext client', mesh: { policies: allowReviews('from:\n  - source: {ipBlocks: [10.0.2.0/24]}') }, from: plaintext('10.0.2.5'), to: reviewsV1, decision: 'allowed' },
  { name: 'ipBlocks CIDR: other addresses denied', mesh: { policies: allowReviews('from:\n  - source: {ipBlocks: [10.0.2.0/24]}') }, from: plaintext('10.9.9.9'), to: reviewsV1, decision: 'denied' },
  { name: 'DENY notIpBlocks denies addresses outside', mesh: { policies: denyReviews('from:\n  - source: {notIpBlocks: [10.0.0.0/16]}') }, from: plaintext('10.9.9.9'), to: reviewsV1, decision: 'denied' },
  { name: 'DENY notIpBlocks spares addresses inside', mesh: { policies: denyReviews('from:\n  - source: {notIpBlocks: [10.0.0.0/16]}') }, from: pp, to: reviewsV1, decision: 'allowed' },
  { name: 'prefix wildcard principal', mesh: { policies: allowReviews('from:\n  - source: {principals: ["cluster.local/ns/bookinfo/*"]}') }, from: curl, to: reviewsV1, decision: 'denied' },
  { name: 'suffix wildcard principal', mesh: { policies: allowReviews('from:\n  - source: {principals: ["*/sa/bookinfo-productpage"]}') }, from: pp, to: reviewsV1, decision: 'allowed' },
  { name: 'prefix wildcard namespace', mesh: { policies: allowReviews('from:\n  - source: {namespaces: ["book*"]}') }, from: pp, to: reviewsV1, decision: 'allowed' },
  { name: 'when source.namespace is L4: ztunnel evaluates it', mesh: { policies: allowReviews('when:\n  - {key: source.namespace, values: [mixed]}') }, from: curl, to: reviewsV1, decision: 'allowed' },
  { name: 'when notValues', mesh: { policies: allowReviews('when:\n  - {key: source.namespace, notValues: [mixed]}') }, from: curl, to: reviewsV1, decision: 'denied' },
  { name: 'serviceAccounts in the policy namespace', mesh: { policies: allowReviews('from:\n  - source: {serviceAccounts: [bookinfo-productpage]}') }, from: ratings, to: reviewsV1, decision: 'denied' },
  { name: 'request headers at a waypoint', mesh: { ...reviewsThroughWaypoint, policies: ap('hdr', 'targetRefs:\n- {kind: Service, group: "", name: reviews}\nrules:\n- when:\n  - {key: "request.headers[x-user]", values: ["admin*"]}') }, from: pp, to: svc('reviews'), request: { headers: { 'X-User': 'admin-1' } }, decision: 'allowed' },
  { name: 'missing request header at a waypoint', mesh: { ...reviewsThroughWaypoint, policies: ap('hdr', 'targetRefs:\n- {kind: Service, group: "", name: reviews}\nrules:\n- when:\n  - {key: "request.headers[x-user]", values: ["admin*"]}') }, from: pp, to: svc('reviews'), request: { headers: {} }, decision: 'denied' },

  // Destinations: sidecars, pods outside the mesh, Services with several backends.
  { name: 'a sidecar sees the pod port behind the Service port', mesh: { policies: ap('httpbin', 'selector:\n  matchLabels: {app: httpbin}\nrules:\n- to:\n  - operation: {ports: ["80"]}', 'mixed') }, from: curl, to: svc('httpbin', 'mixed'), port: 8000, decision: 'allowed', path: ['sidecar of mixed/httpbin-v1'] },
  { name: 'a sidecar evaluates HTTP attributes as written: GET', mesh: { policies: ap('httpbin', 'selector:\n  matchLabels: {app: httpbin}\nrules:\n- to:\n  - operation: {methods: [GET]}', 'mixed') }, from: curl, to: wl('httpbin-v1', 'mixed'), port: 80, request: { method: 'GET' }, decision: 'allowed' },
  { name: 'a sidecar evaluates HTTP attributes as written: POST', mesh: { policies: ap('httpbin', 'selector:\n  matchLabels: {app: httpbin}\nrules:\n- to:\n  - operation: {methods: [GET]}', 'mixed') }, from: curl, to: wl('httpbin-v1', 'mixed'), port: 80, request: { method: 'POST' }, decision: 'denied' },
  { name: 'a destination outside the mesh enforces nothing', mesh: { policies: ap('sleep', 'selector:\n  matchLabels: {app: sleep}', 'legacy') }, from: pp, to: wl('sleep-v1', 'legacy'), decision: 'allowed-unenforced', path: [], unenforced: ['legacy/sleep'] },
  { name: 'backends that disagree make it conditional', mesh: { policies: ap('v1-only', 'selector:\n  matchLabels: {app: reviews, version: v1}\naction: DENY\nrules:\n- {}') }, from: pp, to: svc('reviews'), decision: 'conditional' },
  { name: 'a Service narrowed to one backend', mesh: { policies: ap('v1-only', 'selector:\n  matchLabels: {app: reviews, version: v1}\naction: DENY\nrules:\n- {}') }, from: pp, to: { kind: 'service', namespace: 'bookinfo', name: 'reviews', backend: 'reviews-v2' }, decision: 'allowed', path: ['ztunnel on node w2'] },
];

describe('evaluate: cases from the reference', () => {
  it.each(cases)('$name', (c) => {
    const r = run(c);
    expect(r.decision).toBe(c.decision);
    if (c.deciding) expect(r.deciding).toMatchObject(c.deciding);
    if (c.path) expect(r.path.map((p) => p.label)).toEqual(c.path);
    if (c.seen !== undefined) expect(r.path[r.path.length - 1]?.sees.principal).toBe(c.seen ?? undefined);
    if (c.unenforced) expect(r.unenforced.map((u) => u.policy)).toEqual(c.unenforced);
  });
});

describe('evaluate: what it reports', () => {
  it('names each enforcement point, the identity it sees and its steps', () => {
    const r = run({ name: '', mesh: { ...reviewsThroughWaypoint, policies: REVIEWS_VIEWER }, from: pp, to: { kind: 'service', namespace: 'bookinfo', name: 'reviews', backend: 'reviews-v3' }, decision: 'denied' });
    expect(r.path).toMatchObject([
      { kind: 'waypoint', waypoint: 'bookinfo/waypoint', sees: { who: 'client', principal: spiffe('bookinfo', 'bookinfo-productpage'), mtls: true }, decision: 'allow', policies: [] },
      { kind: 'ztunnel', node: 'w3', workload: 'bookinfo/reviews-v3', sees: { who: 'waypoint', principal: spiffe('bookinfo', 'waypoint'), namespace: 'bookinfo' }, decision: 'deny', policies: ['bookinfo/reviews-viewer'] },
    ]);
    const texts = r.steps.map((s) => `${s.point}: ${s.text}`);
    expect(texts).toContain(`ztunnel on node w3: guards bookinfo/reviews-v3 on port 9080 and sees the waypoint's identity ${spiffe('bookinfo', 'waypoint')}`);
    expect(texts).toContain('ztunnel on node w3: ALLOW policy bookinfo/reviews-viewer does not match');
    expect(r.steps.at(-1)).toMatchObject({ check: 'result', outcome: 'deny' });
  });

  it('reports the conversion of HTTP rules for ztunnel', () => {
    const r = run({ name: '', mesh: { policies: REVIEWS_HTTP_AT_ZTUNNEL + DENY_ADMIN_PATHS }, from: ratings, to: reviewsV1, decision: 'allowed' });
    expect(r.conversions).toEqual([
      { policy: 'bookinfo/reviews-http', dropped: [{ index: 0, attributes: ['methods'] }], stripped: [] },
      { policy: 'bookinfo/no-admin', dropped: [], stripped: [{ index: 0, attributes: ['paths'], emptyMatch: true }] },
    ]);
    expect(r.steps.filter((s) => s.check === 'conversion').map((s) => s.rule)).toEqual([0, 0]);
  });

  it('says whether an unenforced policy would have matched', () => {
    const r = run({ name: '', mesh: { policies: REVIEWS_GET }, from: ratings, to: svc('reviews'), request: { method: 'GET' }, decision: 'allowed-unenforced' });
    expect(r.unenforced).toEqual([{ policy: 'bookinfo/reviews-get', reason: expect.stringContaining('no waypoint enforces it'), match: 'no' }]);
  });

  it('refuses questions it cannot answer', () => {
    const input = bookinfo();
    expect(evaluate(input, { source: wl('ghost'), destination: reviewsV1, port: 9080 })).toEqual({ ok: false, error: 'source workload bookinfo/ghost is not known' });
    expect(evaluate(input, { source: pp, destination: svc('ghost'), port: 9080 })).toMatchObject({ ok: false });
    expect(evaluate(input, { source: pp, destination: reviewsV1, port: 0 })).toMatchObject({ ok: false });
    expect(evaluate(input, { source: pp, destination: { kind: 'service', namespace: 'bookinfo', name: 'reviews', backend: 'details-v1' }, port: 9080 })).toMatchObject({ ok: false });
  });
});
