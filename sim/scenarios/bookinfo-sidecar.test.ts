// The sidecar scenario's objects: one namespace on sidecars beside ambient Bookinfo, and what
// istio-cni and ztunnel make of its pods.

import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../store';
import { ObjectStore } from '../store';
import { buildBookinfo } from './bookinfo';
import { buildBookinfoSidecar } from './bookinfo-sidecar';
import { SimMesh } from '../mesh/mesh';
import { buildConfigDump } from '../ztunnel/config-dump';
import { MeshCa } from '../ztunnel/certs';

const T = 1_760_000_000;
const scenario = buildBookinfoSidecar();
const pods = (ns: string) => scenario.objects.filter((o) => o.type === 'pods' && o.object.metadata.namespace === ns).map((o) => o.object);
const namespace = (name: string) => scenario.objects.find((o) => o.type === 'namespaces' && o.object.metadata.name === name)!.object;
const containers = (p: KubeObject) => (p.spec as { containers: { name: string }[] }).containers.map((c) => c.name);

describe('sidecar scenario', () => {
  it('puts frontend on sidecars and keeps bookinfo ambient', () => {
    expect(namespace('frontend').metadata.labels).toMatchObject({ 'istio-injection': 'enabled', 'istio-discovery': 'enabled' });
    expect(namespace('frontend').metadata.labels?.['istio.io/dataplane-mode']).toBeUndefined();
    expect(namespace('bookinfo').metadata.labels?.['istio.io/dataplane-mode']).toBe('ambient');
  });

  it('injects every frontend pod (annotation + istio-proxy) and no other', () => {
    const frontend = pods('frontend');
    expect(frontend.map((p) => p.metadata.labels?.app).sort()).toEqual(['cache', 'catalog', 'web']);
    for (const p of frontend) {
      expect(p.metadata.annotations?.['sidecar.istio.io/status']).toBeDefined();
      expect(containers(p)).toContain('istio-proxy');
      expect(p.metadata.annotations?.['ambient.istio.io/redirection']).toBeUndefined();
    }
    for (const ns of ['bookinfo', 'legacy', 'tools']) {
      for (const p of pods(ns)) expect(p.metadata.annotations?.['sidecar.istio.io/status'], p.metadata.name).toBeUndefined();
    }
  });

  it('keeps Deployment templates free of the sidecar (the webhook mutates pods only)', () => {
    const web = scenario.objects.find((o) => o.type === 'deployments' && o.object.metadata.name === 'web-v1')!.object;
    const template = (web.spec as { template: { spec: { containers: { name: string }[] }; metadata: { annotations?: Record<string, string> } } }).template;
    expect(template.spec.containers.map((c) => c.name)).toEqual(['web']);
    expect(template.metadata.annotations?.['sidecar.istio.io/status']).toBeUndefined();
  });

  it('leaves the bookinfo namespace exactly as the bookinfo scenario has it', () => {
    const strip = (list: KubeObject[]) => JSON.stringify(list.map((o) => ({ ...o, status: undefined })));
    const base = buildBookinfo().objects.filter((o) => o.object.metadata.namespace === 'bookinfo').map((o) => o.object);
    expect(strip(pods('bookinfo'))).toBe(strip(base.filter((o) => o.kind === 'Pod')));
  });

  it('lists sidecar pods in ztunnel\'s config_dump as HBONE with nativeTunnel, without certificates or state', () => {
    const mesh = new SimMesh({ store: new ObjectStore(), scenario, profile: 'constant', origin: T - 3600, now: () => T });
    const view = mesh.view();
    const ca = new MeshCa(scenario.seed, scenario.trustDomain, T - 40 * 86400);
    const sidecarUids = new Set(view.pods.filter((p) => p.sidecar).map((p) => p.podUid));
    for (const z of view.ztunnels.values()) {
      const dump = buildConfigDump(view, z, T, { ca, nearExpiry: new Set(), stuckExpiry: T + 1200 }) as { workloads: Record<string, unknown>[]; certificates: { identity: string }[]; workloadState: Record<string, unknown> };
      const frontend = dump.workloads.filter((w) => w.namespace === 'frontend');
      expect(frontend).toHaveLength(3);
      for (const w of frontend) expect(w).toMatchObject({ protocol: 'HBONE', nativeTunnel: true });
      expect(dump.workloads.filter((w) => w.namespace === 'bookinfo').every((w) => w.nativeTunnel === undefined)).toBe(true);
      expect(dump.certificates.some((c) => c.identity.includes('/ns/frontend/'))).toBe(false);
      expect(Object.keys(dump.workloadState).some((uid) => sidecarUids.has(uid))).toBe(false);
    }
  });

  it('is deterministic', () => {
    expect(JSON.stringify(buildBookinfoSidecar().objects)).toBe(JSON.stringify(scenario.objects));
  });
});
