// config_dump shape against a genuine ztunnel 1.24 dump, real X.509 certificates, access log lines.

import { readFileSync } from 'node:fs';
import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { dataUrl } from '@/testing/fixtures/data';
import { ObjectStore } from '../store';
import { buildBookinfo } from '../scenarios/bookinfo';
import { SimMesh } from '../mesh/mesh';
import { createMeshHooks } from '../mesh/hooks';
import { defaultUsers } from '../mesh/users';
import { accessLog } from './access-log';

const T = 1_760_000_000;
const reference = JSON.parse(readFileSync(dataUrl('ztunnel/ztunnel-config_dump.kiali-testdata.ztunnel-1.24.json'), 'utf8')) as Record<string, Record<string, unknown>[]>;
const mesh = new SimMesh({ store: new ObjectStore(), scenario: buildBookinfo(), profile: 'constant', origin: T - 3600, now: () => T });
const hooks = createMeshHooks(mesh, defaultUsers('t'));
const ztunnels = [...mesh.view().ztunnels.values()];
type Dump = { workloads: Record<string, unknown>[]; services: Record<string, unknown>[]; policies: Record<string, unknown>[]; certificates: { identity: string; state: string; certChain: Record<string, string>[]; rootCerts: Record<string, string>[] }[] } & Record<string, unknown>;
const dumpOf = (pod: string): Dump => {
  const handler = hooks.portForward('ztunnel', pod, 15000);
  if (!handler) throw new Error('no handler');
  const res = handler({ method: 'GET', path: '/config_dump', headers: {} });
  expect(res.status).toBe(200);
  return JSON.parse(res.body) as Dump;
};

describe('ztunnel config_dump', () => {
  const dump = dumpOf(ztunnels.find((z) => z.node === 'ambient-worker')!.name);

  it('has the top-level keys and workload/service fields of a real 1.24 dump', () => {
    expect(Object.keys(dump).sort()).toEqual(Object.keys(reference).sort());
    const refWorkload = reference.workloads!.find((w) => w.name === 'details-v1-7c5d957895-pwqdh')!;
    const details = dump.workloads.find((w) => w.workloadName === 'details-v1')!;
    expect(Object.keys(details).sort()).toEqual(Object.keys(refWorkload).sort());
    expect(details).toMatchObject({ protocol: 'HBONE', canonicalName: 'details', canonicalRevision: 'v1', workloadType: 'deployment', serviceAccount: 'bookinfo-details', trustDomain: 'cluster.local', status: 'Healthy' });
    expect(details.services).toEqual(['bookinfo/details.bookinfo.svc.cluster.local', 'bookinfo/details-v1.bookinfo.svc.cluster.local']);
    const refService = reference.services!.find((s) => s.name === 'bookinfo-gateway-istio')!;
    const reviews = dump.services.find((s) => s.name === 'reviews')!;
    expect(Object.keys(reviews).sort()).toEqual(Object.keys(refService).sort());
    expect(reviews.waypoint).toEqual({ destination: 'bookinfo/waypoint.bookinfo.svc.cluster.local', hboneMtlsPort: 15008 });
    expect(reviews.vips).toEqual([expect.stringMatching(/^\/10\.96\./)]);
    expect(Object.keys(reviews.endpoints as object)).toHaveLength(3);
  });

  it('lists non-captured workloads as TCP and leaves undiscovered namespaces out', () => {
    const byName = (prefix: string) => dump.workloads.find((w) => String(w.name).startsWith(prefix));
    expect(byName('mysqldb-v1')?.protocol).toBe('TCP');
    expect(byName('waypoint-')?.protocol).toBe('TCP');
    expect(byName('legacy-client-v1')?.protocol).toBe('TCP');
    expect(byName('scanner-v1')).toBeUndefined();
    // What istiod sends ztunnel: targeted ALLOW/DENY policies after conversion (not the targetRefs
    // details-viewer and reviews-viewer, not the AUDIT and CUSTOM ones); web-get-only keeps no rule, ratings-deny-delete an empty one.
    expect(dump.policies.map((p) => `${String(p.namespace)}/${String(p.name)} ${String(p.action)} ${String(p.scope)} ${(p.rules as unknown[]).length}`).sort()).toEqual([
      'bookinfo/details-deny-typos Deny WorkloadSelector 1',
      'bookinfo/productpage-migrating-callers Allow WorkloadSelector 1',
      'bookinfo/productpage-viewer Allow WorkloadSelector 1',
      'bookinfo/ratings-deny-delete Deny WorkloadSelector 1',
      'bookinfo/ratings-deny-frontend Deny WorkloadSelector 1',
      'bookinfo/reviews-deny-web Deny WorkloadSelector 1',
      'frontend/web-allow-nothing Allow WorkloadSelector 0',
      'frontend/web-get-only Allow WorkloadSelector 0',
    ]);
  });

  it('holds real certificates only for the identities on its node, one near expiry', () => {
    const ids = dump.certificates.map((c) => c.identity);
    expect(ids).toEqual(['spiffe://cluster.local/ns/bookinfo/sa/bookinfo-productpage', 'spiffe://cluster.local/ns/bookinfo/sa/bookinfo-ratings', 'spiffe://cluster.local/ns/bookinfo/sa/bookinfo-reviews']);
    for (const c of dump.certificates) {
      expect(c.state).toBe('Available');
      const leaf = new X509Certificate(Buffer.from(c.certChain[0]!.pem!, 'base64').toString());
      const root = new X509Certificate(Buffer.from(c.rootCerts[0]!.pem!, 'base64').toString());
      expect(leaf.subjectAltName).toBe(`URI:${c.identity}`);
      expect(leaf.verify(root.publicKey)).toBe(true);
      expect(leaf.checkIssued(root)).toBe(true);
      expect(BigInt(`0x${leaf.serialNumber}`).toString(10)).toBe(c.certChain[0]!.serialNumber);
      expect(new Date(leaf.validTo).toISOString().replace('.000', '')).toBe(c.certChain[0]!.expirationTime);
    }
    const ratings = dump.certificates.find((c) => c.identity.endsWith('bookinfo-ratings'))!;
    const left = Date.parse(ratings.certChain[0]!.expirationTime!) / 1000 - T;
    expect(left).toBe(7200);
    const other = dumpOf(ztunnels.find((z) => z.node === 'ambient-control-plane')!.name);
    expect(other.certificates.map((c) => c.identity)).toEqual(['spiffe://cluster.local/ns/bookinfo/sa/bookinfo-details']);
    expect(JSON.stringify(dumpOf(ztunnels.find((z) => z.node === 'ambient-worker')!.name))).toBe(JSON.stringify(dump));
  });

  it('answers only the admin port of ztunnel pods', () => {
    expect(hooks.portForward('ztunnel', ztunnels[0]!.name, 15001)).toBeUndefined();
    expect(hooks.portForward('bookinfo', 'nope', 15000)).toBeUndefined();
    expect(hooks.portForward('ztunnel', ztunnels[0]!.name, 15000)!({ method: 'GET', path: '/nope', headers: {} }).status).toBe(404);
  });
});

describe('ztunnel access log', () => {
  const legs = mesh.legsAt(T);
  const worker = ztunnels.find((z) => z.node === 'ambient-worker')!.name;
  const lines = accessLog(legs, worker, T - 3600, T - 60, T);

  it('prints the reference line format', () => {
    const outbound = lines.find((l) => l.text.includes('src.workload="productpage-v1') && l.text.includes('dst.service="details.bookinfo.svc.cluster.local"'))!;
    expect(outbound.text).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z\tinfo\taccess\tconnection complete\tsrc\.addr=10\.[\d.]+:\d+ src\.workload="productpage-v1-[a-z0-9-]+" src\.namespace="bookinfo" src\.identity="spiffe:\/\/cluster\.local\/ns\/bookinfo\/sa\/bookinfo-productpage" dst\.addr=10\.[\d.]+:15008 dst\.hbone_addr=10\.[\d.]+:9080 dst\.service="details\.bookinfo\.svc\.cluster\.local" dst\.workload="details-v1-[a-z0-9-]+" dst\.namespace="bookinfo" dst\.identity="spiffe:\/\/cluster\.local\/ns\/bookinfo\/sa\/bookinfo-details" direction="outbound" bytes_sent=\d+ bytes_recv=\d+ duration="\d+ms"$/);
    const denied = lines.find((l) => l.text.includes('src.workload="web-v1') && l.text.includes('dst.workload="ratings-v1'))!;
    expect(denied.text).toMatch(/\terror\taccess\tconnection complete\t.*direction="inbound".* error="connection closed due to policy rejection: explicitly denied by: bookinfo\/ratings-deny-frontend"$/);
    const plain = lines.find((l) => l.text.includes('src.workload="legacy-client-v1'))!;
    expect(plain.text).not.toContain('src.identity');
    expect(plain.text).not.toContain('hbone_addr');
  });

  it('is deterministic, ordered, and honours limits', () => {
    expect(accessLog(legs, worker, T - 3600, T - 60, T)).toEqual(lines);
    const ats = lines.map((l) => l.at);
    expect([...ats].sort((a, b) => a - b)).toEqual(ats);
    expect(ats.every((a) => a > T - 60 && a <= T)).toBe(true);
    const tail = accessLog(legs, worker, T - 3600, T - 60, T, 3);
    expect(tail).toEqual(lines.slice(-3));
    const text = hooks.podLogs('ztunnel', worker, { tailLines: 2 })!;
    expect(text.trim().split('\n')).toHaveLength(2);
    expect(hooks.podLogs('ztunnel', 'ghost', {})).toBeUndefined();
  });
});
