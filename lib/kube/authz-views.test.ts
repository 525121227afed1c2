import { describe, expect, it } from 'vitest';
import { evaluate, lint, type Evaluation } from '@/lib/authz';
import { bookinfo } from '@/testing/fixtures/authz-mesh';
import { ap } from '@/testing/fixtures/authz-policies';
import { enforcementOf, HIDDEN, policyRows, redactEvaluation } from './authz-views';

// The explainer's rows and the per-user redaction, on the hand-built Bookinfo mesh of lib/authz's tests.

// Mesh-wide: anything not from bookinfo, plaintext clients included (not* always matches them).
const meshDeny = ap('deny-legacy', 'action: DENY\nrules:\n- from:\n  - source:\n      notPrincipals: ["cluster.local/ns/bookinfo/*"]', 'istio-system');
const reviewsViewer = ap('reviews-viewer', 'targetRefs:\n- kind: Service\n  group: ""\n  name: reviews\nrules:\n- from:\n  - source:\n      principals: ["cluster.local/ns/bookinfo/sa/bookinfo-productpage"]');

describe('authz views', () => {
  it('says where each policy is enforced: the waypoint for targetRefs, ztunnel for selectors, nowhere without a waypoint', () => {
    const withWaypoint = bookinfo({ policies: meshDeny + reviewsViewer, serviceWaypoints: { reviews: 'waypoint' } });
    const withoutWaypoint = bookinfo({ policies: meshDeny + reviewsViewer });
    const viewer = (i: typeof withWaypoint) => i.authorizationPolicies.find((p) => p.name === 'reviews-viewer')!;
    expect(enforcementOf(withWaypoint, viewer(withWaypoint))).toEqual([{ kind: 'waypoint', label: 'waypoint bookinfo/waypoint' }]);
    expect(enforcementOf(withoutWaypoint, viewer(withoutWaypoint))[0]?.kind).toBe('none');
    const rows = policyRows({ input: withWaypoint, findings: lint(withWaypoint), held: [{ namespace: 'istio-system', name: 'deny-legacy', scope: 'Global', action: 'Deny' }], access: undefined });
    expect(rows.authorizationPolicies.find((p) => p.name === 'deny-legacy')).toMatchObject({ scope: 'mesh', enforcedBy: [{ kind: 'ztunnel' }, { kind: 'sidecar' }], ztunnel: 'held' });
    expect(rows.authorizationPolicies.find((p) => p.name === 'reviews-viewer')).toMatchObject({ targets: ['Service bookinfo/reviews'], ztunnel: 'not-for-ztunnel' });
  });

  it('lists only the namespaces a user may see', () => {
    const input = bookinfo({ policies: meshDeny + reviewsViewer, serviceWaypoints: { reviews: 'waypoint' } });
    const rows = policyRows({ input, findings: [], access: new Set(['bookinfo']) });
    expect(rows.authorizationPolicies.map((p) => `${p.namespace}/${p.name}`)).toEqual(['bookinfo/reviews-viewer']);
  });

  it('redacts policies, waypoints and identities of namespaces the user cannot see', () => {
    const input = bookinfo({ policies: meshDeny });
    const result = evaluate(input, { source: { kind: 'workload', namespace: 'legacy', name: 'sleep-v1' }, destination: { kind: 'service', namespace: 'bookinfo', name: 'ratings' }, port: 9080 }) as Evaluation;
    expect(JSON.stringify(result)).toContain('istio-system/deny-legacy');
    const redacted = redactEvaluation(result, input, new Set(['bookinfo', 'legacy']));
    expect(JSON.stringify(redacted)).not.toContain('istio-system/');
    expect(redacted.deciding?.policy).toBe(HIDDEN);
    expect(redacted.decision).toBe(result.decision);
    expect(redactEvaluation(result, input, undefined)).toBe(result);
  });
});
