// The bookinfo scenario's objects against the reference manifests (copied into testing/data/istio/).

import { readFileSync } from 'node:fs';
import { loadYaml } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { dataUrl } from '@/testing/fixtures/data';
import type { KubeObject } from '../store';
import { buildBookinfo, BOOKINFO_NODES } from './bookinfo';
import type { ScenarioObject } from './types';

const testdata = (f: string): KubeObject[] =>
  readFileSync(dataUrl(`istio/${f}`), 'utf8')
    .split(/^---\s*$/m)
    .filter((doc) => /^kind:/m.test(doc))
    .map((doc) => loadYaml<KubeObject | null>(doc))
    .filter((o): o is KubeObject => o !== null && typeof o === 'object' && 'kind' in o);
const scenario = buildBookinfo();
const of = (type: ScenarioObject['type'], ns?: string) => scenario.objects.filter((o) => o.type === type && (!ns || o.object.metadata.namespace === ns)).map((o) => o.object);
const find = (type: ScenarioObject['type'], ns: string | undefined, name: string) => {
  const o = scenario.objects.find((x) => x.type === type && x.object.metadata.namespace === ns && x.object.metadata.name === name)?.object;
  if (!o) throw new Error(`missing ${type} ${ns}/${name}`);
  return o;
};

describe('bookinfo scenario', () => {
  it('has the Services, ServiceAccounts and Deployments of bookinfo.yaml and bookinfo-versions.yaml exactly', () => {
    for (const ref of [...testdata('bookinfo.release-1.24.yaml'), ...testdata('bookinfo-versions.release-1.24.yaml')]) {
      const kind = ref.kind;
      const type = kind === 'Service' ? 'services' : kind === 'ServiceAccount' ? 'serviceAccounts' : 'deployments';
      const got = find(type, 'bookinfo', ref.metadata.name);
      for (const [k, v] of Object.entries(ref.metadata.labels ?? {})) expect(got.metadata.labels?.[k], `${kind} ${ref.metadata.name} label ${k}`).toBe(v);
      const refSpec = ref.spec as Record<string, unknown> | undefined;
      if (kind === 'Service') {
        const spec = got.spec as { selector: unknown; ports: { port: number; name: string }[] };
        expect(spec.selector).toEqual(refSpec?.selector);
        expect(spec.ports.map((p) => ({ port: p.port, name: p.name }))).toEqual(refSpec?.ports);
      }
      if (kind === 'Deployment') {
        const spec = got.spec as { replicas: number; selector: unknown; template: { metadata: { labels: Record<string, string>; annotations?: unknown }; spec: unknown } };
        const refTemplate = (refSpec as { template: { metadata: { labels: unknown; annotations?: unknown }; spec: unknown } }).template;
        expect(spec.replicas).toBe(refSpec?.replicas);
        expect(spec.selector).toEqual(refSpec?.selector);
        expect(spec.template.metadata.labels).toEqual(refTemplate.metadata.labels);
        expect(spec.template.metadata.annotations).toEqual(refTemplate.metadata.annotations);
        expect(spec.template.spec).toEqual(refTemplate.spec);
      }
    }
  });

  it('chains Deployment -> ReplicaSet -> Pod with pod-template-hash names, IPs and nodes', () => {
    const pods = of('pods', 'bookinfo').filter((p) => p.metadata.labels?.app === 'reviews');
    expect(pods).toHaveLength(3);
    for (const pod of pods) {
      const rsRef = pod.metadata.ownerReferences?.[0];
      expect(rsRef).toMatchObject({ apiVersion: 'apps/v1', kind: 'ReplicaSet', controller: true });
      const rs = find('replicaSets', 'bookinfo', rsRef!.name);
      expect(rs.metadata.uid).toBe(rsRef!.uid);
      const hash = rs.metadata.labels?.['pod-template-hash'];
      expect(rs.metadata.name).toBe(`${pod.metadata.labels?.app}-${pod.metadata.labels?.version}-${hash}`);
      expect(pod.metadata.name).toMatch(new RegExp(`^${rs.metadata.name}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
      const dep = find('deployments', 'bookinfo', rs.metadata.ownerReferences![0]!.name);
      expect(rs.metadata.ownerReferences![0]!.uid).toBe(dep.metadata.uid);
      expect((pod.status as { podIP: string }).podIP).toMatch(/^10\.24\d\.\d+\.\d+$/);
      expect(BOOKINFO_NODES).toContain((pod.spec as { nodeName: string }).nodeName);
      expect(pod.metadata.annotations?.['ambient.istio.io/redirection']).toBe('enabled');
    }
  });

  it('labels namespaces for ambient and discovery as the Sail guide does', () => {
    expect(find('namespaces', undefined, 'bookinfo').metadata.labels).toMatchObject({ 'istio.io/dataplane-mode': 'ambient', 'istio-discovery': 'enabled' });
    for (const ns of ['istio-system', 'ztunnel']) expect(find('namespaces', undefined, ns).metadata.labels?.['istio-discovery']).toBe('enabled');
    expect(find('namespaces', undefined, 'tools').metadata.labels?.['istio-discovery']).toBeUndefined();
    expect(find('namespaces', undefined, 'legacy').metadata.labels?.['istio.io/dataplane-mode']).toBeUndefined();
  });

  it('runs one ztunnel and istio-cni pod per node, with the labels consoles look for', () => {
    const ds = find('daemonSets', 'ztunnel', 'ztunnel');
    expect(ds.metadata.labels).toMatchObject({ 'app.kubernetes.io/name': 'ztunnel' });
    const zt = of('pods', 'ztunnel');
    expect(zt.map((p) => (p.spec as { nodeName: string }).nodeName).sort()).toEqual([...BOOKINFO_NODES].sort());
    for (const p of zt) expect(p.metadata.labels).toMatchObject({ app: 'ztunnel', 'app.kubernetes.io/name': 'ztunnel' });
    expect(of('pods', 'istio-cni').filter((p) => p.metadata.name.startsWith('istio-cni-node-'))).toHaveLength(3);
    expect(find('deployments', 'istio-system', 'istiod')).toBeDefined();
  });

  it('has Sail CRs with Healthy status, revisions and conditions', () => {
    const istio = find('istios', undefined, 'default');
    expect(istio.status).toMatchObject({ state: 'Healthy', activeRevisionName: 'default', revisions: { total: 1, ready: 1, inUse: 1 } });
    expect((istio.status as { conditions: { type: string }[] }).conditions.map((c) => c.type)).toEqual(['Reconciled', 'Ready']);
    expect(find('istioCNIs', undefined, 'default').status).toMatchObject({ state: 'Healthy' });
    expect(find('ztunnels', undefined, 'default')).toMatchObject({ apiVersion: 'sailoperator.io/v1alpha1', status: { state: 'Healthy' } });
    const rev = find('istioRevisions', undefined, 'default');
    expect((rev.status as { conditions: { type: string }[] }).conditions.map((c) => c.type)).toEqual(['Reconciled', 'Ready', 'InUse', 'DependenciesHealthy']);
  });

  it('generates the waypoint resources shaped like istio testdata', () => {
    const ref = testdata('waypoint-generated-resources.istio-testdata.release-1.24.yaml').filter((o) => o?.kind && o.kind !== 'Gateway');
    const gw = find('gateways', 'bookinfo', 'waypoint');
    expect(gw.spec).toEqual({ gatewayClassName: 'istio-waypoint', listeners: [{ name: 'mesh', port: 15008, protocol: 'HBONE' }] });
    for (const r of ref) {
      const type = r.kind === 'Service' ? 'services' : r.kind === 'ServiceAccount' ? 'serviceAccounts' : 'deployments';
      const got = find(type, 'bookinfo', 'waypoint');
      expect(got.metadata.labels).toMatchObject({ 'gateway.istio.io/managed': 'istio.io-mesh-controller', 'gateway.networking.k8s.io/gateway-name': 'waypoint' });
      expect(got.metadata.ownerReferences?.[0]).toMatchObject({ apiVersion: 'gateway.networking.k8s.io/v1beta1', kind: 'Gateway', name: 'waypoint', uid: gw.metadata.uid });
      if (r.kind === 'Deployment') {
        const refLabels = (r.spec as { template: { metadata: { labels: Record<string, string>; annotations: Record<string, string> } } }).template.metadata;
        const labels = (got.spec as { template: { metadata: { labels: Record<string, string>; annotations: Record<string, string> } } }).template.metadata;
        expect(Object.keys(labels.labels).sort()).toEqual(Object.keys(refLabels.labels).filter((k) => k !== 'topology.istio.io/network').sort());
        expect(labels.annotations).toEqual(refLabels.annotations);
      }
      // The API server defaults targetPort; the reference shows what istiod writes.
      if (r.kind === 'Service') expect((got.spec as { ports: Record<string, unknown>[] }).ports.map(({ targetPort: _t, ...p }) => p)).toEqual(JSON.parse(JSON.stringify((r.spec as { ports: unknown }).ports)));
    }
    expect(find('services', 'bookinfo', 'reviews').metadata.labels?.['istio.io/use-waypoint']).toBe('waypoint');
  });

  it('marks the edge cases: not redirected, opted out, denied by policy', () => {
    const mysql = of('pods', 'bookinfo').find((p) => p.metadata.labels?.app === 'mysqldb')!;
    expect(mysql.metadata.annotations?.['ambient.istio.io/redirection']).toBeUndefined();
    const loadgen = of('pods', 'bookinfo').find((p) => p.metadata.labels?.app === 'loadgen')!;
    expect(loadgen.metadata.labels?.['istio.io/dataplane-mode']).toBe('none');
    expect(loadgen.metadata.annotations?.['ambient.istio.io/redirection']).toBeUndefined();
    expect(find('authorizationPolicies', 'bookinfo', 'ratings-deny-frontend').spec).toMatchObject({ action: 'DENY' });
  });

  it('is deterministic', () => {
    expect(JSON.stringify(buildBookinfo().objects)).toBe(JSON.stringify(scenario.objects));
    expect(JSON.stringify(buildBookinfo({ seed: 'other' }).objects)).not.toBe(JSON.stringify(scenario.objects));
  });
});
