import { describe, expect, it } from 'vitest';
import type { Capture, GraphEdge, GraphNode, WorkloadNode } from '@/lib/graph/model';
import { captureGap, edgeProtection, podProtection, type ProtectionGap } from './protection';

const capture = (state: Capture['state'], extra: Partial<Capture> = {}): Capture => ({
  state, ztunnelNotReady: false, namespaceLabelled: true, namespaceDiscovered: true, node: 'w1', pod: 'p-1', ...extra,
});
const subject = { namespace: 'bookinfo', workload: 'loadgen-v1' };

// Every pod-level case: its gap, words its reason must hold, its fix, and fixes that must NOT appear.
const podCases: [string, Capture, ProtectionGap | undefined, RegExp | null, RegExp | null, RegExp | null][] = [
  ['namespace not enrolled', capture('not-enrolled', { namespaceLabelled: false }), 'namespace-not-enrolled', /Neither pod bookinfo\/p-1 nor namespace bookinfo/, /^Label namespace bookinfo istio\.io\/dataplane-mode=ambient\.$/, null],
  ['opted out in an ambient namespace', capture('opted-out'), 'opted-out', /opted out with the pod label istio\.io\/dataplane-mode=none, although namespace bookinfo is in ambient/, /^Remove the pod label istio\.io\/dataplane-mode=none \(from the pod template of loadgen-v1\)\.$/, /Label namespace|Enroll/],
  ['opted out in a plain namespace', capture('opted-out', { namespaceLabelled: false }), 'opted-out', /opted out/, /Remove the pod label .* and label namespace bookinfo istio\.io\/dataplane-mode=ambient/, null],
  ['labelled but not redirected', capture('ambient-pending', { pod: 'mysqldb-1' }), 'not-redirected', /mysqldb-1 is enrolled by its label, but istio-cni did not redirect it/, /istio-cni pod on node w1/, /opted|Label namespace/],
  ['sidecar-injected', capture('sidecar'), 'sidecar', /injected sidecar/, /sidecar\.istio\.io\/inject=false/, /dataplane-mode/],
  ['host network', capture('host-network'), 'host-network', /host network/, /hostNetwork: true/, /Label namespace/],
  ['outside the discovery selectors (not labelled)', capture('not-enrolled', { namespaceDiscovered: false, namespaceLabelled: false }), 'undiscovered-namespace', /outside meshConfig\.discoverySelectors/, /match.* discovery selectors, then label it istio\.io\/dataplane-mode=ambient/, null],
  ['outside the discovery selectors (labelled)', capture('ambient', { namespaceDiscovered: false }), 'undiscovered-namespace', /discoverySelectors/, /^Label namespace bookinfo so that it matches the discovery selectors\.$/, /dataplane-mode/],
  ['node ztunnel not ready', capture('ambient', { ztunnelNotReady: true }), 'ztunnel-not-ready', /ztunnel on node w1 is not ready/, /Make the ztunnel on node w1 ready/, /dataplane-mode/],
  ['protected', capture('ambient'), undefined, null, null, null],
  ['waypoint', capture('waypoint'), undefined, null, null, null],
];

describe('podProtection: one reason and one fix per case', () => {
  it.each(podCases)('%s', (_name, c, gap, reason, fix, notFix) => {
    expect(captureGap(c)).toBe(gap);
    const p = podProtection(subject, c);
    if (!gap) return expect(p).toBeUndefined();
    expect(p?.gap).toBe(gap);
    if (reason) expect(p?.reason).toMatch(reason);
    if (fix) expect(p?.fix).toMatch(fix);
    if (notFix) expect(p?.fix).not.toMatch(notFix);
  });
});

const base = { cluster: 'c', flags: { waypoint: false, ingressGateway: false, outside: false, inaccessible: false, idle: false }, traffic: { tcpInBps: 0, tcpOutBps: 0, httpInRps: 0, httpOutRps: 0 } };
const wl = (namespace: string, workload: string, c?: Capture): WorkloadNode => ({ ...base, id: `wl:${workload}`, kind: 'workload', namespace, workload, enrollment: 'none', notInInventory: false, ...(c ? { capture: c } : {}) });
const page = wl('bookinfo', 'productpage-v1', capture('ambient'));
const edge = (reason: GraphEdge['security']['reason']): Pick<GraphEdge, 'security'> => ({ security: { mtlsShare: 0, mtlsShareByConnections: 0, sourcePrincipals: [], destinationPrincipals: [], ...(reason ? { reason } : {}) } });
const unknownNode = (pods: { namespace: string; workload: string; pod: string; ip?: string; capture: Capture }[]): GraphNode => ({ ...base, id: 'unknown:c', kind: 'unknown', namespace: 'unknown', unnamedPods: pods });

describe('edgeProtection', () => {
  it('a fully mTLS edge has no gap', () => {
    expect(edgeProtection(edge(undefined), { source: page, target: page })).toBeUndefined();
  });

  it('an opted-out client in an ambient namespace: remove the pod label, not "enroll the namespace"', () => {
    const p = edgeProtection(edge('non-mesh-client'), { source: wl('bookinfo', 'loadgen-v1', capture('opted-out')), target: page });
    expect(p?.gap).toBe('opted-out');
    expect(p?.fix).toMatch(/Remove the pod label istio\.io\/dataplane-mode=none/);
    expect(p?.fix).not.toMatch(/namespace/);
  });

  it('a client in a namespace that is not enrolled: label the namespace', () => {
    const p = edgeProtection(edge('non-mesh-client'), { source: wl('legacy', 'legacy-client-v1', capture('not-enrolled', { namespaceLabelled: false })), target: page });
    expect(p).toMatchObject({ gap: 'namespace-not-enrolled', fix: 'Label namespace legacy istio.io/dataplane-mode=ambient.' });
  });

  it('a destination labelled but not redirected names istio-cni', () => {
    const p = edgeProtection(edge('non-mesh-destination'), { source: page, target: wl('bookinfo', 'mysqldb-v1', capture('ambient-pending')) });
    expect(p?.gap).toBe('not-redirected');
    expect(p?.reason).toMatch(/^The server is outside the mesh/);
  });

  it('a non-mesh destination without inventory facts falls back to the generic case', () => {
    expect(edgeProtection(edge('non-mesh-destination'), { source: page, target: wl('x', 'y') })?.gap).toBe('non-mesh-destination');
    expect(edgeProtection(edge('non-mesh-client'), { source: wl('x', 'y'), target: page })?.gap).toBe('non-mesh-client');
  });

  it('an external destination', () => {
    const ext: GraphNode = { ...base, id: 'ext', kind: 'external', namespace: 'unknown', address: '203.0.113.50' };
    const p = edgeProtection(edge('external-destination'), { source: page, target: ext });
    expect(p?.gap).toBe('external-destination');
    expect(p?.reason).toMatch(/203\.0\.113\.50/);
    expect(p?.fix).toMatch(/TLS/);
  });

  it('an unknown source that can only be one pod is named as that pod, with that pod’s fix', () => {
    const scanner = { namespace: 'tools', workload: 'scanner-v1', pod: 'scanner-v1-abc', ip: '10.244.0.17', capture: capture('not-enrolled', { namespaceDiscovered: false, namespaceLabelled: false, pod: 'scanner-v1-abc' }) };
    const p = edgeProtection(edge('non-mesh-client'), { source: unknownNode([scanner]), target: page });
    expect(p?.gap).toBe('unknown-source-pod');
    expect(p?.reason).toMatch(/tools\/scanner-v1-abc \(10\.244\.0\.17\)/);
    expect(p?.fix).toMatch(/Label namespace tools so that it matches the discovery selectors/);
    expect(p?.fix).not.toMatch(/client namespace/);
  });

  it('an unknown source with several or no candidates says so', () => {
    const c = capture('not-enrolled', { namespaceDiscovered: false });
    expect(edgeProtection(edge('non-mesh-client'), { source: unknownNode([{ namespace: 'a', workload: 'x', pod: 'x-1', capture: c }, { namespace: 'b', workload: 'y', pod: 'y-1', capture: c }]), target: page })).toMatchObject({ gap: 'unknown-source', reason: expect.stringMatching(/a\/x-1, b\/y-1/) });
    expect(edgeProtection(edge('non-mesh-client'), { source: unknownNode([]), target: page })?.reason).toMatch(/not a pod istiod knows/);
  });

  it('partial and not-mtls edges', () => {
    expect(edgeProtection(edge('partial'), { source: page, target: page })?.gap).toBe('partial');
    expect(edgeProtection(edge('not-mtls'), { source: page, target: page })?.gap).toBe('not-mtls');
  });
});
