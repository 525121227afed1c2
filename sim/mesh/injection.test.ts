// The sidecar injector's selectors and the pod it returns.

import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../store';
import { hasSidecar, injectSidecar, wantsSidecar } from './injection';
import { neverCaptured, shouldRedirect } from './enrollment';

const ns = (labels: Record<string, string>): KubeObject => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', labels } });
const pod = (labels: Record<string, string> = {}, annotations: Record<string, string> = {}, hostNetwork = false): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web-1', namespace: 'shop', labels: { app: 'web', version: 'v2', ...labels }, annotations },
  spec: { serviceAccountName: 'web', containers: [{ name: 'web', image: 'web:1', ports: [{ containerPort: 8080 }] }], ...(hostNetwork ? { hostNetwork: true } : {}) },
  status: { phase: 'Running', startTime: '2025-01-10T09:00:00Z', containerStatuses: [{ name: 'web', image: 'web:1', ready: true }] },
});
const ctx = { clusterId: 'Kubernetes', trustDomain: 'cluster.local', workloadName: 'web-v2' };

describe('wantsSidecar (the webhook selectors)', () => {
  it.each([
    ['namespace istio-injection=enabled', {}, { 'istio-injection': 'enabled' }, true],
    ['namespace istio.io/rev', {}, { 'istio.io/rev': 'default' }, true],
    ['pod label sidecar.istio.io/inject=true', { 'sidecar.istio.io/inject': 'true' }, {}, true],
    ['pod label false wins over the namespace', { 'sidecar.istio.io/inject': 'false' }, { 'istio-injection': 'enabled' }, false],
    ['namespace disabled wins over the pod', { 'sidecar.istio.io/inject': 'true' }, { 'istio-injection': 'disabled' }, false],
    ['ambient does not stop injection', {}, { 'istio-injection': 'enabled', 'istio.io/dataplane-mode': 'ambient' }, true],
    ['ambient alone injects nothing', {}, { 'istio.io/dataplane-mode': 'ambient' }, false],
  ])('%s', (_what, podLabels, nsLabels, expected) => {
    expect(wantsSidecar(pod(podLabels), ns(nsLabels))).toBe(expected);
  });

  it('never injects a hostNetwork pod', () => {
    expect(wantsSidecar(pod({}, {}, true), ns({ 'istio-injection': 'enabled' }))).toBe(false);
  });
});

describe('injectSidecar', () => {
  const injected = injectSidecar(pod({}, { 'prometheus.io/scrape': 'true', 'prometheus.io/port': '8080', 'prometheus.io/path': '/metrics' }), ctx);
  const spec = injected.spec as { containers: { name: string; env?: { name: string; value?: string }[] }[]; initContainers: { name: string }[]; volumes: { name: string }[] };

  it('adds istio-proxy, the istio-validation init container (istio-cni) and the status annotation', () => {
    expect(spec.containers.map((c) => c.name)).toEqual(['web', 'istio-proxy']);
    expect(spec.initContainers.map((c) => c.name)).toEqual(['istio-validation']);
    const status = JSON.parse(injected.metadata.annotations!['sidecar.istio.io/status']!) as { containers: string[]; initContainers: string[]; volumes: string[]; revision: string };
    expect(status).toMatchObject({ containers: ['istio-proxy'], initContainers: ['istio-validation'], revision: 'default' });
    expect(spec.volumes.map((v) => v.name)).toEqual(status.volumes);
    expect(hasSidecar(injected)).toBe(true);
    expect((injected.status as { containerStatuses: { name: string }[] }).containerStatuses.map((c) => c.name)).toEqual(['web', 'istio-proxy']);
  });

  it('labels the pod as the ambient-profile template does (HBONE-capable, canonical names)', () => {
    expect(injected.metadata.labels).toMatchObject({ 'security.istio.io/tlsMode': 'istio', 'networking.istio.io/tunnel': 'http', 'service.istio.io/canonical-name': 'web', 'service.istio.io/canonical-revision': 'v2' });
    const proxy = spec.containers.find((c) => c.name === 'istio-proxy')!;
    expect(proxy.env?.find((e) => e.name === 'ISTIO_META_ENABLE_HBONE')?.value).toBe('true');
  });

  it('points Prometheus at the merged endpoint and keeps the app\'s own annotations for the agent', () => {
    expect(injected.metadata.annotations).toMatchObject({ 'prometheus.io/scrape': 'true', 'prometheus.io/port': '15020', 'prometheus.io/path': '/stats/prometheus', 'istio.io/rev': 'default', 'kubectl.kubernetes.io/default-container': 'web' });
    const env = spec.containers.find((c) => c.name === 'istio-proxy')!.env!;
    expect(JSON.parse(env.find((e) => e.name === 'ISTIO_PROMETHEUS_ANNOTATIONS')!.value!)).toEqual({ scrape: 'true', port: '8080', path: '/metrics' });
  });

  it('leaves a pod that has one alone, and such a pod is never redirected', () => {
    expect(injectSidecar(injected, ctx)).toBe(injected);
    expect(neverCaptured(injected)).toBe('sidecar');
    expect(shouldRedirect(injected, ns({ 'istio.io/dataplane-mode': 'ambient' }), true)).toBe(false);
  });
});
