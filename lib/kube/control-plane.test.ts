import { readFileSync } from 'node:fs';
import { loadAllYaml } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { dataUrl } from '@/testing/fixtures/data';
import { resourceNames, type KubeSnapshot, type ResourceName } from './cache/resources';
import type { ResourceState } from './wire/control-plane';
import { controlPlaneOf, imageVersion } from './control-plane';
import type { SailResource } from './types';

const crs = loadAllYaml(readFileSync(dataUrl('sail/sail-crs.example.SYNTHESIZED-status.yaml'), 'utf8')) as SailResource[];
const byKind = (kind: string) => crs.filter((r) => r.kind === kind).map((r) => ({ ...r, metadata: { ...r.metadata, creationTimestamp: '2025-01-10T09:00:00Z' } }));

function snapshot(status: ResourceState['status'], sail = true): KubeSnapshot {
  const states = Object.fromEntries(resourceNames.map((n) => [n, { status: 'ready', objects: 0, relists: 1, reconnects: 0 }])) as Record<ResourceName, ResourceState>;
  for (const n of ['istios', 'istiocnis', 'ztunnels', 'istiorevisions'] as const) states[n] = { status, objects: 0, relists: 1, reconnects: 0, apiVersion: n === 'ztunnels' ? 'sailoperator.io/v1alpha1' : undefined };
  const empty = { namespaces: [], pods: [], services: [], serviceaccounts: [], deployments: [], replicasets: [], statefulsets: [], daemonsets: [], jobs: [], gateways: [], configmaps: [], authorizationpolicies: [], peerauthentications: [], requestauthentications: [] };
  return {
    ...empty,
    istios: sail ? byKind('Istio') : [],
    istiocnis: sail ? byKind('IstioCNI') : [],
    ztunnels: sail ? byKind('ZTunnel') : [],
    istiorevisions: [],
    states,
    generation: 1,
  };
}

describe('controlPlaneOf', () => {
  const now = new Date('2025-01-10T10:00:00Z');
  it('maps the Sail CRs to kubectl get columns and conditions', () => {
    const v = controlPlaneOf(snapshot('ready'), now);
    expect(v.sail.state).toBe('installed');
    expect(v.istios).toEqual([
      expect.objectContaining({ name: 'default', revisions: { total: 1, ready: 1, inUse: 1 }, activeRevision: 'default', status: 'Healthy', version: 'v1.24.0', ageSeconds: 3600 }),
    ]);
    expect(v.istios[0]?.conditions.map((c) => [c.type, c.status])).toEqual([['Reconciled', 'True'], ['Ready', 'True']]);
    expect(v.istioCNIs[0]).toMatchObject({ name: 'default', ready: 'True', status: 'Healthy', namespace: 'istio-cni' });
    expect(v.ztunnels[0]).toMatchObject({ name: 'default', ready: 'False', status: 'DaemonSetNotReady', apiVersion: 'sailoperator.io/v1alpha1' });
    expect(v.ztunnels[0]?.conditions[1]).toMatchObject({ reason: 'DaemonSetNotReady', message: 'not all ztunnel pods are ready' });
  });
  it('says plainly when the Sail Operator is not installed, or not readable', () => {
    expect(controlPlaneOf(snapshot('missing', false), now).sail).toMatchObject({ state: 'not-installed', message: expect.stringContaining('Sail Operator not installed') });
    expect(controlPlaneOf(snapshot('forbidden', false), now).sail.state).toBe('forbidden');
    expect(controlPlaneOf(snapshot('pending', false), now).sail.state).toBe('loading');
  });
  it('reads versions from image tags', () => {
    const pod = (image: string) => ({ metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image }] } });
    expect(imageVersion(pod('docker.io/istio/ztunnel:1.24.0-distroless'))).toBe('1.24.0-distroless');
    expect(imageVersion(pod('registry:5000/istio/pilot:1.25.1@sha256:abc'))).toBe('1.25.1');
    expect(imageVersion(pod('istio/pilot'))).toBeUndefined();
  });
});
