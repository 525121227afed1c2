import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { parseAuthorizationPolicy, parsePeerAuthentication, parseRequestAuthentication, parseSecurityPolicies } from './parse';

const obj = (yaml: string) => parseYaml(yaml) as unknown;

describe('parseAuthorizationPolicy', () => {
  it('reads the getting-started policy into our shape', () => {
    const r = parseAuthorizationPolicy(
      obj(`
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: productpage-viewer, namespace: default}
spec:
  selector:
    matchLabels: {app: productpage}
  action: ALLOW
  rules:
  - from:
    - source:
        principals: [cluster.local/ns/default/sa/bookinfo-gateway-istio]
    to:
    - operation: {ports: ["9080"], methods: [GET]}
    when:
    - {key: source.ip, notValues: [10.0.0.1]}
`),
    );
    expect(r).toEqual({
      ok: true,
      value: {
        kind: 'AuthorizationPolicy',
        namespace: 'default',
        name: 'productpage-viewer',
        selector: { app: 'productpage' },
        targetRefs: [],
        action: 'ALLOW',
        rules: [{ from: [{ principals: ['cluster.local/ns/default/sa/bookinfo-gateway-istio'] }], to: [{ ports: [9080], methods: ['GET'] }], when: [{ key: 'source.ip', notValues: ['10.0.0.1'] }] }],
        issues: [],
      },
    });
  });

  it('defaults: ALLOW, no rules (allows nothing), empty matchLabels is no selector; v1beta1 accepted', () => {
    const r = parseAuthorizationPolicy({ apiVersion: 'security.istio.io/v1beta1', kind: 'AuthorizationPolicy', metadata: { name: 'a', namespace: 'n' }, spec: { selector: { matchLabels: {} } } });
    expect(r).toMatchObject({ ok: true, value: { action: 'ALLOW', rules: [], issues: [] } });
    expect(r.ok && r.value.selector).toBeUndefined();
    expect(parseAuthorizationPolicy({ metadata: { name: 'a', namespace: 'n' } })).toMatchObject({ ok: true, value: { rules: [] } });
  });

  it('merges targetRef and targetRefs, and says both were set', () => {
    const r = parseAuthorizationPolicy({
      metadata: { name: 'a', namespace: 'n' },
      spec: { targetRef: { kind: 'Gateway', group: 'gateway.networking.k8s.io', name: 'waypoint' }, targetRefs: [{ kind: 'Service', name: 'reviews' }] },
    });
    expect(r).toMatchObject({
      ok: true,
      value: {
        targetRefs: [
          { kind: 'Gateway', group: 'gateway.networking.k8s.io', name: 'waypoint' },
          { kind: 'Service', group: '', name: 'reviews' },
        ],
        issues: ['spec.targetRef and spec.targetRefs are both set; Istio accepts only one'],
      },
    });
  });

  it('reports unknown fields, bad ports and CUSTOM without provider, and keeps the policy', () => {
    const r = parseAuthorizationPolicy({
      apiVersion: 'security.istio.io/v2',
      metadata: { name: 'a', namespace: 'n' },
      spec: { action: 'CUSTOM', rules: [{ from: [{ source: { principal: ['typo'] } }], to: [{ operation: { ports: ['http', 80] } }] }] },
    });
    expect(r.ok && r.value.rules).toEqual([{ from: [{}], to: [{ ports: [80] }] }]);
    expect(r.ok && r.value.issues).toEqual([
      'apiVersion security.istio.io/v2 is not one Ambient Lens reads',
      'a CUSTOM policy needs spec.provider.name',
      'spec.rules[0].from[0].source.principal is not understood and was ignored',
      'spec.rules[0].to[0].operation.ports: "http" is not a port number and was dropped',
    ]);
  });

  it('an unreadable shape is reported, not thrown', () => {
    expect(parseAuthorizationPolicy({ metadata: { name: 'a', namespace: 'n' }, spec: { action: 'MAYBE' } })).toMatchObject({ ok: false, unreadable: { kind: 'AuthorizationPolicy', namespace: 'n', name: 'a', issues: [expect.stringContaining('spec.action')] } });
    expect(parseAuthorizationPolicy({ metadata: { name: 'a', namespace: 'n' }, spec: { rules: 'all' } })).toMatchObject({ ok: false });
    expect(parseAuthorizationPolicy(null)).toMatchObject({ ok: false, unreadable: { kind: 'AuthorizationPolicy' } });
    expect(parseAuthorizationPolicy({ metadata: { name: 'a' } })).toMatchObject({ ok: false });
  });
});

describe('PeerAuthentication and RequestAuthentication', () => {
  it('reads modes, port-level modes and the creation time', () => {
    const r = parsePeerAuthentication({ metadata: { name: 'p', namespace: 'n', creationTimestamp: '2025-01-01T00:00:00Z' }, spec: { selector: { matchLabels: { app: 'a' } }, mtls: { mode: 'STRICT' }, portLevelMtls: { '8080': { mode: 'PERMISSIVE' }, http: { mode: 'DISABLE' } } } });
    expect(r).toMatchObject({ ok: true, value: { mode: 'STRICT', selector: { app: 'a' }, portLevelMtls: { 8080: 'PERMISSIVE' }, createdAt: '2025-01-01T00:00:00Z', issues: ['spec.portLevelMtls: "http" is not a port number'] } });
    expect(parsePeerAuthentication({ metadata: { name: 'p', namespace: 'n' }, spec: {} })).toMatchObject({ ok: true, value: { mode: 'UNSET' } });
    expect(parsePeerAuthentication({ metadata: { name: 'p', namespace: 'n' }, spec: { mtls: { mode: 'ON' } } })).toMatchObject({ ok: false });
  });
  it('reads RequestAuthentication issuers and targets', () => {
    const r = parseRequestAuthentication({ metadata: { name: 'jwt', namespace: 'n' }, spec: { targetRefs: [{ kind: 'Service', group: '', name: 'reviews' }], jwtRules: [{ issuer: 'https://issuer' }] } });
    expect(r).toMatchObject({ ok: true, value: { issuers: ['https://issuer'], targetRefs: [{ kind: 'Service', name: 'reviews' }] } });
  });
});

describe('parseSecurityPolicies', () => {
  it('sorts a list by kind and keeps the unreadable ones', () => {
    const out = parseSecurityPolicies([
      { kind: 'AuthorizationPolicy', metadata: { name: 'a', namespace: 'n' } },
      { kind: 'PeerAuthentication', metadata: { name: 'p', namespace: 'n' }, spec: { mtls: { mode: 'STRICT' } } },
      { kind: 'RequestAuthentication', metadata: { name: 'r', namespace: 'n' } },
      { kind: 'AuthorizationPolicy', metadata: { name: 'bad', namespace: 'n' }, spec: { action: 1 } },
      { kind: 'Sidecar', metadata: { name: 's', namespace: 'n' } },
    ]);
    expect([out.authorizationPolicies.length, out.peerAuthentications.length, out.requestAuthentications.length]).toEqual([1, 1, 1]);
    expect(out.unreadable.map((u) => `${u.kind} ${u.name ?? ''}`)).toEqual(['AuthorizationPolicy bad', 'Sidecar ']);
  });
});
