import { describe, expect, it } from 'vitest';
import type { Pod } from './types';
import { canonicalService, spiffeIdentity, workloadOfPod } from './workloads';

function pod(name: string, labels: Record<string, string>, owner?: { kind: string; name: string }): Pod {
  return {
    metadata: {
      name,
      namespace: 'bookinfo',
      generateName: owner ? `${owner.name}-` : undefined,
      labels,
      ownerReferences: owner ? [{ apiVersion: 'apps/v1', kind: owner.kind, name: owner.name, controller: true }] : undefined,
    },
  };
}

describe('workloadOfPod', () => {
  it('names a Deployment pod after the Deployment by trimming the pod-template-hash', () => {
    const p = pod('reviews-v1-5b5d6494f4-qwjv4', { 'pod-template-hash': '5b5d6494f4' }, { kind: 'ReplicaSet', name: 'reviews-v1-5b5d6494f4' });
    expect(workloadOfPod(p)).toEqual({ namespace: 'bookinfo', name: 'reviews-v1', kind: 'Deployment' });
  });
  it('keeps a bare ReplicaSet when the hash label does not match', () => {
    const p = pod('rs-abcde', {}, { kind: 'ReplicaSet', name: 'rs' });
    expect(workloadOfPod(p)).toMatchObject({ name: 'rs', kind: 'ReplicaSet' });
  });
  it('uses StatefulSet and DaemonSet owners as they are', () => {
    expect(workloadOfPod(pod('keycloak-0', {}, { kind: 'StatefulSet', name: 'keycloak' }))).toMatchObject({ name: 'keycloak', kind: 'StatefulSet' });
    expect(workloadOfPod(pod('ztunnel-x2f9k', {}, { kind: 'DaemonSet', name: 'ztunnel' }))).toMatchObject({ name: 'ztunnel', kind: 'DaemonSet' });
  });
  it('turns a CronJob-made Job (8-10 digit suffix) into the CronJob, leaves other Jobs alone', () => {
    expect(workloadOfPod(pod('backup-28934560-abcde', {}, { kind: 'Job', name: 'backup-28934560' }))).toMatchObject({ name: 'backup', kind: 'CronJob' });
    expect(workloadOfPod(pod('migrate-1-abcde', {}, { kind: 'Job', name: 'migrate-1' }))).toMatchObject({ name: 'migrate-1', kind: 'Job' });
  });
  it('names a bare pod after itself', () => {
    expect(workloadOfPod(pod('debug', {}))).toEqual({ namespace: 'bookinfo', name: 'debug', kind: 'Pod' });
  });
});

describe('canonicalService', () => {
  it('prefers the canonical labels, then app.kubernetes.io, then app/version', () => {
    expect(canonicalService({ 'service.istio.io/canonical-name': 'a', 'app.kubernetes.io/name': 'b', app: 'c', version: 'v1' }, 'w')).toEqual({ name: 'a', revision: 'v1', revisionLabelled: true });
    expect(canonicalService({ 'app.kubernetes.io/name': 'b', app: 'c', 'app.kubernetes.io/version': '2' }, 'w')).toMatchObject({ name: 'b', revision: '2' });
    expect(canonicalService({ app: 'reviews', version: 'v2' }, 'reviews-v2')).toMatchObject({ name: 'reviews', revision: 'v2' });
  });
  it('falls back to the workload name and "latest", as the real config_dump shows', () => {
    expect(canonicalService({}, 'bookinfo-gateway-istio')).toEqual({ name: 'bookinfo-gateway-istio', revision: 'latest', revisionLabelled: false });
  });
  it('builds SPIFFE identities', () => {
    expect(spiffeIdentity('cluster.local', 'bookinfo', 'bookinfo-details')).toBe('spiffe://cluster.local/ns/bookinfo/sa/bookinfo-details');
  });
});
