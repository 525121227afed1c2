import { describe, expect, it } from 'vitest';
import { isDiscovered, namespaceEnrollment, podEnrollment, waypointUse, workloadEnrollment } from './enrollment';
import { discoverySelectors } from './mesh-config';
import type { Namespace, Pod } from './types';

const ns = (name: string, labels: Record<string, string> = {}): Namespace => ({ metadata: { name, labels } });
const ambientNs = ns('bookinfo', { 'istio.io/dataplane-mode': 'ambient' });
function pod(labels: Record<string, string> = {}, annotations: Record<string, string> = {}, spec: Pod['spec'] = {}): Pod {
  return { metadata: { name: 'p', namespace: 'bookinfo', labels, annotations }, spec: { nodeName: 'node-a', ...spec } };
}
const redirected = { 'ambient.istio.io/redirection': 'enabled' };

describe('podEnrollment', () => {
  it('is ambient when redirected in a labelled namespace', () => {
    const e = podEnrollment(pod({}, redirected), ambientNs, 'ready');
    expect(e).toMatchObject({ state: 'ambient', enrollment: 'ambient', unprotected: false });
    expect(e.reason).toContain('namespace label istio.io/dataplane-mode=ambient');
  });
  it('is pending when labelled but not redirected, or annotation says pending', () => {
    expect(podEnrollment(pod(), ambientNs, 'ready')).toMatchObject({ state: 'ambient-pending', unprotected: true });
    const pending = podEnrollment(pod({}, { 'ambient.istio.io/redirection': 'pending' }), ambientNs, 'ready');
    expect(pending.reason).toContain('pending');
  });
  it('enrolls by pod label alone', () => {
    expect(podEnrollment(pod({ 'istio.io/dataplane-mode': 'ambient' }, redirected), ns('default'), 'ready').reason).toContain('pod label');
  });
  it('honours opt-out, sidecars and host network before anything else', () => {
    expect(podEnrollment(pod({ 'istio.io/dataplane-mode': 'none' }), ambientNs).state).toBe('opted-out');
    expect(podEnrollment(pod({}, { 'sidecar.istio.io/status': '{}' }), ambientNs)).toMatchObject({ state: 'sidecar', enrollment: 'sidecar' });
    expect(podEnrollment(pod({}, redirected, { hostNetwork: true }), ambientNs)).toMatchObject({ state: 'host-network', enrollment: 'none' });
    // Sidecar pods show up as HBONE in ztunnel's config_dump: enrollment comes from the pod, not from there.
    expect(podEnrollment(pod({}, redirected, { containers: [{ name: 'app' }, { name: 'istio-proxy' }] }), ambientNs, 'ready')).toMatchObject({ state: 'sidecar', enrollment: 'sidecar' });
    // ztunnel's own pods run a container named istio-proxy too (Istio's chart): not a sidecar.
    const ztunnel = pod({ app: 'ztunnel', 'istio.io/dataplane-mode': 'none' }, {}, { containers: [{ name: 'istio-proxy' }] });
    expect(podEnrollment(ztunnel, undefined, 'ready')).toMatchObject({ state: 'opted-out', enrollment: 'none' });
    expect(podEnrollment(pod({}, {}, { initContainers: [{ name: 'istio-proxy' }] }), ambientNs).state).toBe('sidecar');
  });
  it('treats waypoint pods as in the mesh although they carry dataplane-mode=none', () => {
    const w = pod({ 'gateway.istio.io/managed': 'istio.io-mesh-controller', 'istio.io/dataplane-mode': 'none' });
    expect(podEnrollment(w, ambientNs)).toMatchObject({ state: 'waypoint', enrollment: 'ambient' });
  });
  it('flags redirected pods on a node whose ztunnel is not ready as unprotected', () => {
    const e = podEnrollment(pod({}, redirected), ambientNs, 'not-ready');
    expect(e).toMatchObject({ state: 'ambient', enrollment: 'ambient-pending', unprotected: true });
    expect(e.reason).toContain('node-a');
    expect(podEnrollment(pod({}, redirected), ambientNs, 'missing').reason).toContain('no ztunnel');
  });
  it('is not enrolled otherwise', () => {
    expect(podEnrollment(pod(), ns('default'))).toMatchObject({ state: 'not-enrolled', enrollment: 'none' });
  });
});

describe('workload and namespace summaries', () => {
  it('reports a mixed workload as pending with counts', () => {
    const a = podEnrollment(pod({}, redirected), ambientNs, 'ready');
    const b = podEnrollment(pod(), ambientNs, 'ready');
    expect(workloadEnrollment([a, b])).toMatchObject({ enrollment: 'ambient-pending', unprotected: 1 });
    expect(workloadEnrollment([a, b]).reason).toContain('1 of 2');
    expect(workloadEnrollment([])).toMatchObject({ enrollment: 'unknown' });
  });
  it('summarises a namespace', () => {
    const a = podEnrollment(pod({}, redirected), ambientNs, 'ready');
    const b = podEnrollment(pod(), ambientNs, 'ready');
    expect(namespaceEnrollment(ambientNs, [a, a])).toMatchObject({ state: 'ambient', labelled: true });
    expect(namespaceEnrollment(ambientNs, [a, b])).toMatchObject({ state: 'partial', unprotected: 1 });
    expect(namespaceEnrollment(ambientNs, [b])).toMatchObject({ state: 'pending' });
    expect(namespaceEnrollment(ns('x'), [])).toMatchObject({ state: 'empty', labelled: false });
  });
});

describe('waypointUse', () => {
  const nsWithWaypoint = ns('bookinfo', { 'istio.io/use-waypoint': 'waypoint' });
  it('resolves the own label first, then the namespace, with use-waypoint-namespace', () => {
    expect(waypointUse({ labels: {}, namespace: 'bookinfo', source: 'service' }, nsWithWaypoint)).toEqual({ kind: 'waypoint', waypoint: 'bookinfo/waypoint', source: 'namespace' });
    expect(waypointUse({ labels: { 'istio.io/use-waypoint': 'wp', 'istio.io/use-waypoint-namespace': 'infra' }, namespace: 'bookinfo', source: 'pod' }, nsWithWaypoint)).toEqual({ kind: 'waypoint', waypoint: 'infra/wp', source: 'pod' });
  });
  it('lets `none` on the object opt out of the namespace waypoint', () => {
    expect(waypointUse({ labels: { 'istio.io/use-waypoint': 'none' }, namespace: 'bookinfo', source: 'service' }, nsWithWaypoint)).toEqual({ kind: 'opted-out', source: 'service' });
    expect(waypointUse({ labels: {}, namespace: 'x', source: 'pod' }, ns('x'))).toEqual({ kind: 'none' });
  });
});

describe('discovery selectors', () => {
  const istio = { metadata: { name: 'default' }, spec: { values: { meshConfig: { discoverySelectors: [{ matchLabels: { 'istio-discovery': 'enabled' } }] } } } };
  it('reads them from the Istio resource and matches namespaces', () => {
    const d = discoverySelectors(istio, undefined);
    expect(d.source).toBe('istio-resource');
    expect(isDiscovered(ns('bookinfo', { 'istio-discovery': 'enabled' }), d.selectors)).toBe(true);
    expect(isDiscovered(ns('other'), d.selectors)).toBe(false);
  });
  it('falls back to the istio ConfigMap mesh key (YAML), with matchExpressions', () => {
    const cm = { metadata: { name: 'istio' }, data: { mesh: 'discoverySelectors:\n- matchExpressions:\n  - key: team\n    operator: In\n    values: [a, b]\n' } };
    const d = discoverySelectors(undefined, cm);
    expect(d.source).toBe('configmap');
    expect(isDiscovered(ns('n', { team: 'b' }), d.selectors)).toBe(true);
    expect(isDiscovered(ns('n', { team: 'c' }), d.selectors)).toBe(false);
  });
  it('discovers everything without selectors, and reports bad YAML', () => {
    expect(isDiscovered(ns('any'), discoverySelectors(undefined, undefined).selectors)).toBe(true);
    expect(discoverySelectors(undefined, { metadata: { name: 'istio' }, data: { mesh: 'a: [' } }).problem).toMatch(/not valid YAML/);
  });
});
