// One case per finding code: each pitfall of the reference, names that do not exist, selectors that
// select nothing, and observed traffic that contradicts the policies.
import { describe, expect, it } from 'vitest';
import { FINDING_CODES, type FindingCode } from './codes';
import { findingLine, lint, type Finding } from './findings';
import type { ObservedEdge } from './input';
import { bookinfo, type MeshOptions } from '@/testing/fixtures/authz-mesh';
import { ap, pa, REVIEWS_GET, REVIEWS_HTTP_AT_ZTUNNEL, REVIEWS_VIEWER, REVIEWS_VIEWER_WITH_WAYPOINT, STRICT_BOOKINFO } from '@/testing/fixtures/authz-policies';

const throughWaypoint = { serviceWaypoints: { reviews: 'waypoint' } };
const run = (mesh: MeshOptions, observed: ObservedEdge[] = []) => lint(bookinfo({ ...mesh, policies: STRICT_BOOKINFO + (mesh.policies ?? '') }), observed);
const only = (fs: Finding[], code: FindingCode) => fs.filter((f) => f.code === code);
const codes = (fs: Finding[]) => fs.map((f) => `${f.code} ${f.ref}`);
const reviewsPolicy = (name: string, body: string) => ap(name, `selector:\n  matchLabels: {app: reviews}\n${body}`);

describe('lint: the reference pitfalls', () => {
  it('a clean mesh has no findings', () => {
    expect(run({})).toEqual([]);
    expect(run({ ...throughWaypoint, policies: REVIEWS_VIEWER_WITH_WAYPOINT })).toEqual([]);
  });

  it("AUTHZ001: an L4 ALLOW behind a waypoint refuses the waypoint's identity", () => {
    const [f, ...rest] = only(run({ ...throughWaypoint, policies: REVIEWS_VIEWER }), 'AUTHZ001');
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ severity: 'error', ref: 'bookinfo/reviews-viewer', related: ['bookinfo/waypoint', 'bookinfo/reviews-v1', 'bookinfo/reviews-v2', 'bookinfo/reviews-v3'] });
    expect(f?.message).toContain("the destination ztunnel sees the waypoint's identity (spiffe://cluster.local/ns/bookinfo/sa/waypoint)");
    expect(f?.yaml).toBe(
      [
        '# Keep the existing 1 rule(s) of bookinfo/reviews-viewer and add:',
        'apiVersion: security.istio.io/v1',
        'kind: AuthorizationPolicy',
        'metadata:',
        '  name: reviews-viewer',
        '  namespace: bookinfo',
        'spec:',
        '  rules:',
        '  - from:',
        '    - source:',
        '        principals:',
        '        - cluster.local/ns/bookinfo/sa/waypoint',
      ].join('\n'),
    );
  });

  it('AUTHZ001: a DENY policy that matches the waypoint denies everything through it', () => {
    const fs = run({ ...throughWaypoint, policies: reviewsPolicy('deny-own-ns', 'action: DENY\nrules:\n- from:\n  - source: {namespaces: [bookinfo]}') });
    expect(codes(only(fs, 'AUTHZ001'))).toEqual(['AUTHZ001 bookinfo/deny-own-ns']);
    expect(only(fs, 'AUTHZ001')[0]?.message).toContain('DENY rules[0] matches it');
  });

  it('AUTHZ002: a DENY naming clients never fires for traffic through the waypoint', () => {
    const fs = run({ ...throughWaypoint, policies: reviewsPolicy('no-ratings', 'action: DENY\nrules:\n- from:\n  - source: {principals: [cluster.local/ns/bookinfo/sa/bookinfo-ratings]}') });
    expect(codes(fs)).toEqual(['AUTHZ002 bookinfo/no-ratings']);
    expect(fs[0]?.yaml).toContain('targetRefs:\n  - kind: Service\n    group: ""\n    name: reviews');
  });

  it('AUTHZ003: ALLOW rules with HTTP attributes dropped at ztunnel; error when nothing is left', () => {
    expect(only(run({ policies: REVIEWS_HTTP_AT_ZTUNNEL }), 'AUTHZ003')).toMatchObject([{ severity: 'warning', ref: 'bookinfo/reviews-http', message: expect.stringContaining('drops rules[0] (methods) whole') }]);
    const all = only(run({ policies: reviewsPolicy('get-only', 'rules:\n- to:\n  - operation: {methods: [GET]}') }), 'AUTHZ003');
    expect(all).toMatchObject([{ severity: 'error', message: expect.stringContaining('the policy allows nothing') }]);
  });

  it('AUTHZ004: HTTP conditions of a DENY stripped at ztunnel, the empty match called out', () => {
    const fs = only(run({ policies: reviewsPolicy('no-admin', 'action: DENY\nrules:\n- to:\n  - operation: {paths: ["/admin*"]}\n- from:\n  - source: {principals: ["*ratings"]}\n  to:\n  - operation: {methods: [POST]}') }), 'AUTHZ004');
    expect(fs).toHaveLength(1);
    expect(fs[0]?.message).toContain('rules[0] is made only of HTTP attributes (paths) and is left with an empty match');
    expect(fs[0]?.message).toContain('rules[1] loses methods and denies the rest of its match wholesale');
  });

  it('AUTHZ005: a targetRefs policy without a working waypoint is not enforced', () => {
    const none = only(run({ policies: REVIEWS_GET }), 'AUTHZ005');
    expect(none).toMatchObject([{ severity: 'error', ref: 'bookinfo/reviews-get' }]);
    expect(none[0]?.yaml).toContain('labels:\n    istio.io/use-waypoint: waypoint');
    expect(only(run({ ...throughWaypoint, waypoint: { programmed: false }, policies: REVIEWS_GET }), 'AUTHZ005')[0]?.message).toContain('is not Programmed');
    expect(only(run({ serviceWaypoints: { reviews: 'ghost' }, policies: REVIEWS_GET }), 'AUTHZ005')[0]?.message).toContain('bookinfo/ghost named on the service does not exist');
    const gateway = ap('on-wp', 'targetRefs:\n- {kind: Gateway, group: gateway.networking.k8s.io, name: waypoint}\nrules:\n- {}');
    expect(codes(only(run({ waypoint: { programmed: false }, policies: gateway }), 'AUTHZ005'))).toEqual(['AUTHZ005 bookinfo/on-wp']);
    expect(only(run({ ...throughWaypoint, policies: REVIEWS_GET }), 'AUTHZ005')).toEqual([]);
  });

  it('AUTHZ006: targets that do not exist, in another namespace, or of another kind', () => {
    const refs = ['{kind: Service, group: "", name: ghost}', '{kind: Service, group: "", name: reviews, namespace: other}', '{kind: Gateway, group: gateway.networking.k8s.io, name: nowhere}', '{kind: HTTPRoute, group: gateway.networking.k8s.io, name: r}', '{kind: Gateway, group: gateway.networking.k8s.io, name: bookinfo-gateway}'];
    const fs = only(run({ policies: refs.map((r, i) => ap(`t${i}`, `targetRefs:\n- ${r}\nrules:\n- {}`)).join('') }), 'AUTHZ006');
    expect(codes(fs)).toEqual(['AUTHZ006 bookinfo/t0', 'AUTHZ006 bookinfo/t1', 'AUTHZ006 bookinfo/t2', 'AUTHZ006 bookinfo/t3']);
  });

  it('AUTHZ007: CUSTOM on ambient pods', () => {
    expect(codes(run({ policies: reviewsPolicy('ext', 'action: CUSTOM\nprovider: {name: opa}\nrules:\n- {}') }))).toEqual(['AUTHZ007 bookinfo/ext']);
  });

  it('AUTHZ008: an ALLOW policy without rules', () => {
    expect(only(run({ policies: reviewsPolicy('deny-all', '') }), 'AUTHZ008')).toMatchObject([{ severity: 'info', message: expect.stringContaining('the 3 selected workload(s) refuse every caller') }]);
  });

  it('AUTHZ013: RequestAuthentication on ambient pods', () => {
    const ra = '---\napiVersion: security.istio.io/v1\nkind: RequestAuthentication\nmetadata: {name: jwt, namespace: bookinfo}\nspec:\n  selector:\n    matchLabels: {app: reviews}\n  jwtRules:\n  - issuer: https://issuer.example\n';
    const fs = run({ policies: ra });
    expect(codes(fs)).toEqual(['AUTHZ013 bookinfo/jwt']);
    expect(fs[0]?.yaml).toContain('jwtRules:\n  - issuer: "https://issuer.example"');
  });
});

describe('lint: references', () => {
  it('AUTHZ009 and AUTHZ010: principals and namespaces that do not exist', () => {
    const fs = run({ policies: reviewsPolicy('typos', 'rules:\n- from:\n  - source:\n      principals: [cluster.local/ns/bookinfo/sa/bookinfo-prodpage, "cluster.local/ns/bookinfo/*", "*/sa/nobody"]\n      notNamespaces: [bookinf, "book*"]') });
    expect(only(fs, 'AUTHZ009')).toMatchObject([{ related: ['cluster.local/ns/bookinfo/sa/bookinfo-prodpage', '*/sa/nobody'] }]);
    expect(only(fs, 'AUTHZ010')).toMatchObject([{ related: ['bookinf'] }]);
  });

  it('AUTHZ011: selectors that select nothing', () => {
    const fs = run({ policies: ap('nobody', 'selector:\n  matchLabels: {app: review}\nrules:\n- {}') + pa('nobody-pa', 'selector:\n  matchLabels: {app: x}\nmtls: {mode: STRICT}') });
    expect(codes(fs)).toEqual(['AUTHZ011 bookinfo/nobody', 'AUTHZ011 bookinfo/nobody-pa']);
  });

  it('AUTHZ012: unreadable policies and values that never match', () => {
    const fs = lint({ ...bookinfo({ policies: STRICT_BOOKINFO + reviewsPolicy('bad-ip', 'rules:\n- from:\n  - source: {ipBlocks: [10.0.0.0/40]}') }), unreadable: [{ kind: 'AuthorizationPolicy', namespace: 'bookinfo', name: 'broken', issues: ['spec.action: Invalid option'] }] });
    expect(fs.map((f) => `${f.code} ${f.severity} ${f.ref}`)).toEqual(['AUTHZ012 error bookinfo/broken', 'AUTHZ012 warning bookinfo/bad-ip']);
  });
});

describe('lint: PeerAuthentication', () => {
  it('AUTHZ020: ambient workloads that accept plaintext; none once STRICT applies (namespace or mesh)', () => {
    const open = lint(bookinfo());
    expect(codes(open)).toEqual(['AUTHZ020 bookinfo']);
    expect(open[0]?.yaml).toContain('kind: PeerAuthentication');
    expect(lint(bookinfo({ policies: pa('default', 'mtls: {mode: STRICT}', 'istio-system') }))).toEqual([]);
  });

  it('AUTHZ021: a workload-level policy relaxing STRICT', () => {
    expect(codes(run({ policies: pa('reviews-open', 'selector:\n  matchLabels: {app: reviews}\nmtls: {mode: PERMISSIVE}') }))).toEqual(['AUTHZ021 bookinfo/reviews-open']);
  });

  it('AUTHZ022 and AUTHZ023: portLevelMtls and DISABLE mean nothing to ztunnel', () => {
    const fs = run({ policies: pa('ports', 'selector:\n  matchLabels: {app: reviews}\nmtls: {mode: STRICT}\nportLevelMtls:\n  "9080": {mode: DISABLE}') + pa('off', 'selector:\n  matchLabels: {app: ratings}\nmtls: {mode: DISABLE}') });
    expect(codes(fs)).toEqual(['AUTHZ021 bookinfo/off', 'AUTHZ022 bookinfo/ports', 'AUTHZ023 bookinfo/off']);
  });

  it('AUTHZ024: two policies at one level, the newer has no effect', () => {
    const fs = run({ policies: pa('second', 'mtls: {mode: PERMISSIVE}', 'bookinfo', '2025-06-01T00:00:00Z') });
    expect(codes(fs)).toEqual(['AUTHZ024 bookinfo/second']);
  });
});

describe('lint: observed traffic', () => {
  const edge = (from: ObservedEdge['source'], to: string, extra: Partial<ObservedEdge>): ObservedEdge => ({ source: from, destination: { namespace: 'bookinfo', name: to }, denied: 0, accepted: 0, mtlsShare: 1, ...extra });
  const ratings = { kind: 'workload' as const, namespace: 'bookinfo', name: 'ratings-v1' };

  it('AUTHZ030: denied connections, with the policy that denied them and the fix', () => {
    const fs = only(run({ policies: REVIEWS_VIEWER }, [edge(ratings, 'reviews-v1', { denied: 3 })]), 'AUTHZ030');
    expect(fs).toMatchObject([{ ref: 'bookinfo/reviews-viewer', message: expect.stringContaining('ALLOW policies apply at ztunnel on node w2 (bookinfo/reviews-viewer) and none matched') }]);
    expect(fs[0]?.yaml).toContain('- cluster.local/ns/bookinfo/sa/bookinfo-ratings');
  });

  it('AUTHZ030 through a waypoint names the identity ztunnel saw', () => {
    const fs = only(run({ ...throughWaypoint, policies: REVIEWS_VIEWER }, [edge({ kind: 'workload', namespace: 'bookinfo', name: 'productpage-v1' }, 'reviews-v2', { denied: 1, service: { namespace: 'bookinfo', name: 'reviews' } })]), 'AUTHZ030');
    expect(fs[0]?.message).toContain('spiffe://cluster.local/ns/bookinfo/sa/waypoint');
  });

  it('AUTHZ031: denials the policies do not explain, and traffic they should have stopped', () => {
    expect(codes(only(run({}, [edge(ratings, 'reviews-v1', { denied: 2, accepted: 1 })]), 'AUTHZ031'))).toEqual(['AUTHZ031 bookinfo/reviews-v1']);
    expect(codes(only(run({ policies: REVIEWS_VIEWER }, [edge(ratings, 'reviews-v1', { accepted: 7 })]), 'AUTHZ031'))).toEqual(['AUTHZ031 bookinfo/reviews-viewer']);
  });

  it('AUTHZ032: plaintext into a STRICT workload', () => {
    const plain = { kind: 'plaintext' as const, ip: '10.0.2.5' };
    const fs = run({ tweak: (i) => void (i.workloads[2]!.ambient = false) }, [edge(plain, 'reviews-v1', { accepted: 4, mtlsShare: 0 }), edge(plain, 'details-v1', { denied: 4, mtlsShare: 0 })]);
    expect(codes(only(fs, 'AUTHZ032'))).toEqual(['AUTHZ032 bookinfo/reviews-v1']);
    expect(only(fs, 'AUTHZ032')[0]?.message).toContain('not redirected to a ready ztunnel');
    expect(only(fs, 'AUTHZ030')).toMatchObject([{ ref: 'bookinfo/default', object: { kind: 'PeerAuthentication' } }]);
  });
});

describe('lint: output', () => {
  it('sorts by severity then code, filters by namespace, prints one line per finding', () => {
    const input = bookinfo({ ...throughWaypoint, policies: REVIEWS_VIEWER + ap('ghost', 'selector:\n  matchLabels: {app: x}', 'legacy') });
    const fs = lint(input);
    expect(codes(fs)).toEqual(['AUTHZ001 bookinfo/reviews-viewer', 'AUTHZ011 legacy/ghost', 'AUTHZ020 bookinfo']);
    expect(codes(lint(input, [], { namespaces: ['legacy'] }))).toEqual(['AUTHZ011 legacy/ghost']);
    expect(findingLine(fs[1]!)).toBe('AUTHZ011 warning AuthorizationPolicy legacy/ghost: Its selector (app=x) selects no workload in namespace legacy: it applies to nothing. Fix: Fix the labels to match the pods (kubectl get pods --show-labels), or delete the policy.');
  });

  it('every code has a slug, a severity and a title, and the slugs are unique', () => {
    const slugs = Object.values(FINDING_CODES).map((c) => c.slug);
    expect(new Set(slugs).size).toBe(slugs.length);
  });
});
