// istiod's conversion of a policy for ztunnel, as the reference describes it.
import { describe, expect, it } from 'vitest';
import type { AuthorizationPolicy } from './model';
import { convertForZtunnel, notForZtunnel } from './ztunnel';
import { compareZtunnelPolicies, expectedZtunnelPolicies } from './ztunnel-view';
import { bookinfo } from '@/testing/fixtures/authz-mesh';
import { ap, REVIEWS_GET, REVIEWS_HTTP_AT_ZTUNNEL } from '@/testing/fixtures/authz-policies';

const policy = (action: AuthorizationPolicy['action'], rules: AuthorizationPolicy['rules'], extra: Partial<AuthorizationPolicy> = {}): AuthorizationPolicy => ({
  kind: 'AuthorizationPolicy',
  namespace: 'bookinfo',
  name: 'p',
  targetRefs: [],
  action,
  rules,
  issues: [],
  ...extra,
});
const pp = { principals: ['cluster.local/ns/bookinfo/sa/bookinfo-productpage'] };

describe('convertForZtunnel', () => {
  it('ALLOW: each rule with an HTTP attribute is dropped whole, the others stay', () => {
    const out = convertForZtunnel(policy('ALLOW', [{ from: [pp], to: [{ methods: ['GET'], ports: [9080] }] }, { from: [pp] }, { from: [{ ...pp, requestPrincipals: ['*'] }] }, { when: [{ key: 'request.headers[x]', values: ['a'] }] }]));
    expect(out?.rules).toEqual([{ index: 1, rule: { from: [pp] } }]);
    expect(out?.conversion).toEqual({
      dropped: [
        { index: 0, attributes: ['methods'] },
        { index: 2, attributes: ['requestPrincipals'] },
        { index: 3, attributes: ['request.headers[x]'] },
      ],
      stripped: [],
    });
  });

  it('ALLOW: all rules dropped leaves a policy that allows nothing', () => {
    expect(convertForZtunnel(policy('ALLOW', [{ to: [{ paths: ['/'] }] }]))?.rules).toEqual([]);
  });

  it('DENY: HTTP conditions are stripped and the rest is enforced', () => {
    const out = convertForZtunnel(policy('DENY', [{ from: [{ ...pp, remoteIpBlocks: ['1.2.3.4'] }], to: [{ ports: [9080], methods: ['POST'] }], when: [{ key: 'request.auth.claims[iss]', values: ['x'] }, { key: 'source.ip', values: ['10.0.0.0/8'] }] }]));
    expect(out?.rules).toEqual([{ index: 0, rule: { from: [pp], to: [{ ports: [9080] }], when: [{ key: 'source.ip', values: ['10.0.0.0/8'] }] } }]);
    expect(out?.conversion?.stripped).toEqual([{ index: 0, attributes: ['remoteIpBlocks', 'methods', 'request.auth.claims[iss]'], emptyMatch: false }]);
  });

  it('DENY: a rule made only of HTTP attributes is left with an empty match', () => {
    const out = convertForZtunnel(policy('DENY', [{ to: [{ methods: ['DELETE'] }] }, {}]));
    expect(out?.rules).toEqual([
      { index: 0, rule: { to: [{}] }, emptyMatch: true },
      { index: 1, rule: {} },
    ]);
  });

  it('targetRefs, CUSTOM and AUDIT policies never reach ztunnel', () => {
    expect(convertForZtunnel(policy('ALLOW', [{}], { targetRefs: [{ group: '', kind: 'Service', name: 'reviews' }] }))).toBeUndefined();
    expect(notForZtunnel(policy('CUSTOM', [{}]))).toContain('CUSTOM');
    expect(notForZtunnel(policy('AUDIT', [{}]))).toContain('AUDIT');
    expect(notForZtunnel(policy('DENY', [{}]))).toBeUndefined();
  });
});

describe('expectedZtunnelPolicies and compareZtunnelPolicies', () => {
  const input = bookinfo({
    policies:
      REVIEWS_HTTP_AT_ZTUNNEL +
      REVIEWS_GET +
      ap('deny-all-legacy', 'action: DENY\nrules:\n- from:\n  - source: {namespaces: [legacy]}', 'istio-system') +
      ap('ns-audit', 'action: AUDIT\nrules:\n- {}'),
  });
  const expected = expectedZtunnelPolicies(input);

  it('lists what istiod sends to ztunnel: scope, action, rules after conversion', () => {
    expect(expected).toEqual([
      { namespace: 'bookinfo', name: 'reviews-http', scope: 'WorkloadSelector', action: 'Allow', rules: 1 },
      { namespace: 'istio-system', name: 'deny-all-legacy', scope: 'Global', action: 'Deny', rules: 1 },
    ]);
  });

  it('finds what ztunnel misses, holds in addition, or holds differently', () => {
    const diff = compareZtunnelPolicies(expected, [
      { namespace: 'bookinfo', name: 'reviews-http', scope: 'Namespace', action: 'Allow' },
      { namespace: 'bookinfo', name: 'deleted-long-ago', scope: 'Namespace', action: 'Deny' },
      { namespace: 'istio-system', name: 'istio_converted_static_strict', scope: 'Global', action: 'Deny' },
    ]);
    expect(diff).toEqual({
      missing: [expected[1]],
      unexpected: [{ namespace: 'bookinfo', name: 'deleted-long-ago', scope: 'Namespace', action: 'Deny' }],
      differing: [{ policy: 'bookinfo/reviews-http', field: 'scope', expected: 'WorkloadSelector', held: 'Namespace' }],
    });
  });
});
