import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dataUrl } from '@/testing/fixtures/data';
import { KubeLayerError } from '../errors';
import { parseConfigDump } from './config-dump';
import { mergeZtunnelDumps } from './merge';

const ref = dataUrl('ztunnel').pathname;
const load = (file: string): unknown => JSON.parse(readFileSync(`${ref}/${file}`, 'utf8'));
const kiali = load('ztunnel-config_dump.kiali-testdata.ztunnel-1.24.json');
const master = load('ztunnel-config_dump.istioctl-testdata.master.json');
const release124 = load('ztunnel-config_dump.istioctl-testdata.release-1.24.json');
const now = new Date('2025-01-23T05:00:00Z');

describe('parseConfigDump: array shape (kiali sample, ztunnel 1.24)', () => {
  const c = parseConfigDump(kiali, now);
  it('has the exact counts', () => {
    expect(c.shape).toBe('array');
    expect(c.workloads).toHaveLength(48);
    expect(c.services).toHaveLength(39);
    expect(c.policies).toHaveLength(0);
    expect(c.certificates).toHaveLength(0);
    expect(c.skipped).toBe(0);
    expect(c.version).toBe('1.24.0-2-g4c7cdf1');
  });
  it('maps a workload row (NAMESPACE POD NAME ADDRESS NODE WAYPOINT PROTOCOL)', () => {
    const gw = c.workloads.find((w) => w.pod === 'bookinfo-gateway-istio-7c875f844-dllvg');
    expect(gw).toMatchObject({ namespace: 'bookinfo', addresses: ['10.244.1.22'], node: 'ci-worker', protocol: 'TCP', workloadName: 'bookinfo-gateway-istio', canonicalRevision: 'latest' });
    expect(gw?.identity).toBe('spiffe://cluster.local/ns/bookinfo/sa/bookinfo-gateway-istio');
    expect(c.workloads.filter((w) => w.protocol === 'HBONE')).toHaveLength(18);
  });
  it('maps services with VIPs, endpoints healthy/total and the waypoint resolved to its service', () => {
    const svc = c.services.find((s) => s.name === 'bookinfo-gateway-istio');
    expect(svc).toMatchObject({ vips: ['10.96.57.63'], endpointsHealthy: 1, endpointsTotal: 1, waypoint: 'bookinfo/waypoint' });
    expect(c.services.filter((s) => s.waypoint)).toHaveLength(11);
  });
});

describe('parseConfigDump: older map shape (istioctl samples)', () => {
  const c = parseConfigDump(master, now);
  it('has the exact counts', () => {
    expect(c.shape).toBe('map');
    expect(c.workloads).toHaveLength(27);
    expect(c.services).toHaveLength(19);
    expect(c.policies).toHaveLength(2);
    // 4 identities; the Available one has a chain of 2, the other three no certificate yet: 5 rows
    expect(c.certificates).toHaveLength(5);
    const r = parseConfigDump(release124, now);
    expect([r.workloads.length, r.services.length, r.policies.length, r.certificates.length]).toEqual([27, 19, 0, 5]);
  });
  it('resolves a waypoint given as a VIP ("/10.96.65.117") to its service', () => {
    const ratings = c.workloads.find((w) => w.pod === 'ratings-v1-6484c4d9bb-mdxm5');
    expect(ratings).toMatchObject({ waypoint: 'bookinfo/namespace-istio-waypoint', protocol: 'HBONE', node: 'ambient-worker2' });
    expect(c.workloads.filter((w) => w.waypoint)).toHaveLength(6);
  });
  it('maps policies (NAMESPACE NAME ACTION SCOPE rules)', () => {
    expect(c.policies.map((p) => [p.namespace, p.name, p.action, p.scope, p.ruleCount])).toEqual([
      ['default', 'allow-nothing', 'Allow', 'Namespace', 0],
      ['default', 'allow-waypoint', 'Allow', 'WorkloadSelector', 1],
    ]);
  });
  it('decodes certificates from the PEM: hex serial, type, dates and days to expiry', () => {
    const [leaf, ca] = c.certificates;
    expect(leaf).toMatchObject({ identity: 'spiffe://cluster.local/ns/istio-system/sa/istiod', state: 'Available', type: 'Leaf', serial: 'E5DFB59150B2BA7F108D93DCEC5AA613' });
    // The PEM says 2023-03-22; the JSON beside it says 2033: the PEM wins.
    expect(leaf?.notAfter).toBe('2023-03-22T13:04:57.000Z');
    expect(leaf?.valid).toBe(false);
    expect(leaf?.daysToExpiry).toBeLessThan(0);
    expect(ca).toMatchObject({ type: 'CA', serial: '8A516645C40CE76C2C0D27AB4E2461C1', notAfter: '2033-03-18T13:04:49.000Z', valid: true });
    expect(ca?.daysToExpiry).toBe(Math.floor((Date.parse('2033-03-18T13:04:49Z') - now.getTime()) / 86_400_000));
    expect(c.certificates.slice(2).map((x) => x.state.split(':')[0])).toEqual(['Initializing', 'Unavailable', 'Unavailable']);
    expect(c.certificates[2]?.type).toBeUndefined();
  });
  it('accepts base64-encoded PEM and falls back to the JSON fields when the PEM is broken', () => {
    const dump = master as { certificates: { certChain: { pem: string }[] }[] };
    const first = dump.certificates[0]?.certChain[0];
    if (!first) throw new Error('sample changed');
    const b64 = { workloads: [], services: [], certificates: [{ identity: 'i', state: 'Available', certChain: [{ ...first, pem: Buffer.from(first.pem).toString('base64') }] }] };
    expect(parseConfigDump(b64, now).certificates[0]?.serial).toBe('E5DFB59150B2BA7F108D93DCEC5AA613');
    const broken = { workloads: [], services: [], certificates: [{ identity: 'i', state: 'Available', certChain: [{ ...first, pem: 'garbage' }] }] };
    const row = parseConfigDump(broken, now).certificates[0];
    expect(row?.problem).toMatch(/PEM not decodable/);
    expect(row?.serial).toBe(BigInt('305554775863395697262503895661564044819').toString(16).toUpperCase());
    expect(row?.notAfter).toBe('2033-03-22T13:04:57.000Z');
  });
});

describe('parseConfigDump: garbage', () => {
  it.each([null, 42, 'text', [], {}, { workloads: 'x', services: [] }, { config: {} }])('rejects %j as unsupported', (input) => {
    expect(() => parseConfigDump(input)).toThrow(KubeLayerError);
    try {
      parseConfigDump(input);
    } catch (err) {
      expect((err as KubeLayerError).code).toBe('unsupported_ztunnel_config');
    }
  });
  it('skips malformed entries and counts them', () => {
    const c = parseConfigDump({ workloads: [{ name: 'a', namespace: 'n' }, { nope: 1 }, 7], services: [{ name: 's' }] });
    expect(c.workloads).toHaveLength(1);
    expect(c.skipped).toBe(3);
  });
});

describe('mergeZtunnelDumps', () => {
  it('merges what every ztunnel knows, keeps certificates per node and lists the ztunnel that failed', () => {
    const a = parseConfigDump(master, now);
    const b = parseConfigDump(release124, now);
    const view = mergeZtunnelDumps([
      { ok: true, namespace: 'ztunnel', pod: 'ztunnel-a', node: 'node-a', config: a, fetchedAt: now.toISOString() },
      { ok: true, namespace: 'ztunnel', pod: 'ztunnel-b', node: 'node-b', config: b, fetchedAt: now.toISOString() },
      { ok: false, namespace: 'ztunnel', pod: 'ztunnel-c', node: 'node-c', code: 'ztunnel_unreachable', message: 'timed out', fetchedAt: now.toISOString() },
    ]);
    expect(view.workloads).toHaveLength(27);
    expect(view.workloads[0]?.reportedBy).toEqual(['node-a', 'node-b']);
    expect(view.policies).toHaveLength(2);
    expect(view.certificates).toHaveLength(10);
    expect(view.ztunnels.map((z) => [z.node, z.ok])).toEqual([['node-a', true], ['node-b', true], ['node-c', false]]);
  });
});
