import { describe, expect, it } from 'vitest';
import type { ControlPlane } from '@/lib/kube/wire/control-plane';
import type { Reported, ZtunnelStatus, ZtunnelWorkload } from '@/lib/kube/wire/ztunnel';
import { controlPlaneHealth } from './control-plane';
import { compareDataplane } from './dataplane';
import { pod, workload } from '@/testing/fixtures/posture-mesh';

const zw = (namespace: string, name: string, protocol: string, extra: Partial<ZtunnelWorkload> = {}): Reported<ZtunnelWorkload> => ({
  uid: `${namespace}/${name}`,
  namespace,
  pod: name,
  protocol,
  addresses: [],
  serviceAccount: name.split('-')[0],
  reportedBy: ['w1', 'w2'],
  ...extra,
});
const ok: ZtunnelStatus = { namespace: 'ztunnel', pod: 'ztunnel-a', node: 'w1', ok: true, fetchedAt: '' };
const down: ZtunnelStatus = { namespace: 'ztunnel', pod: 'ztunnel-b', node: 'w2', ok: false, message: 'connection refused', fetchedAt: '' };

const workloads = [
  workload('bookinfo', 'details-v1', [pod('bookinfo', 'details-v1-a', 'w1', 'ambient', { ip: '10.0.0.1' })]),
  workload('bookinfo', 'reviews-v1', [pod('bookinfo', 'reviews-v1-a', 'w1', 'ambient')]),
  workload('bookinfo', 'mysqldb-v1', [pod('bookinfo', 'mysqldb-v1-a', 'w1', 'ambient-pending')]),
  workload('bookinfo', 'ratings-v1', [pod('bookinfo', 'ratings-v1-a', 'w2', 'ambient')]),
  workload('legacy', 'legacy-client-v1', [pod('legacy', 'legacy-client-v1-a', 'w1', 'not-enrolled')]),
  workload('tools', 'scanner-v1', [pod('tools', 'scanner-v1-a', 'w2', 'ambient')]),
  workload('legacy', 'oddball-v1', [pod('legacy', 'oddball-v1-a', 'w1', 'not-enrolled')]),
];

const input = {
  workloads,
  discovered: new Map([['bookinfo', true], ['legacy', true], ['tools', false]]),
  ztunnelWorkloads: [
    zw('bookinfo', 'details-v1-a', 'HBONE', { addresses: ['10.0.0.1'], node: 'w1' }),
    zw('bookinfo', 'reviews-v1-a', 'TCP'),
    zw('bookinfo', 'mysqldb-v1-a', 'TCP'),
    zw('legacy', 'legacy-client-v1-a', 'TCP'),
    zw('legacy', 'oddball-v1-a', 'HBONE', { node: 'w9', serviceAccount: 'someone-else' }),
    zw('bookinfo', 'ghost-v1-a', 'HBONE'),
  ],
  ztunnels: [ok, down],
  trustDomain: 'cluster.local',
};

describe('compareDataplane', () => {
  const result = compareDataplane(input);
  const byPod = new Map(result.rows.map((r) => [r.pod, r]));

  it('puts each pod once, with both sides', () => {
    expect(result.rows.map((r) => r.pod)).toEqual([
      'details-v1-a', 'ghost-v1-a', 'mysqldb-v1-a', 'ratings-v1-a', 'reviews-v1-a', 'legacy-client-v1-a', 'oddball-v1-a', 'scanner-v1-a',
    ]);
    expect(byPod.get('details-v1-a')).toMatchObject({ kube: { workload: 'details-v1', identity: 'spiffe://cluster.local/ns/bookinfo/sa/details' }, ztunnel: { protocol: 'HBONE' }, mismatches: [] });
    expect(byPod.get('legacy-client-v1-a')?.mismatches).toEqual([]);
  });

  it('flags every disagreement in words', () => {
    expect(byPod.get('reviews-v1-a')?.mismatches).toEqual(['Redirected by istio-cni, but ztunnel carries it as TCP: its traffic is not mTLS']);
    expect(byPod.get('mysqldb-v1-a')?.mismatches[0]).toMatch(/^Labelled for ambient, but ztunnel says TCP/);
    expect(byPod.get('ratings-v1-a')?.mismatches).toEqual(['Redirected to ztunnel, but no ztunnel lists this pod']);
    expect(byPod.get('scanner-v1-a')?.mismatches[0]).toMatch(/outside the discovery selectors/);
    expect(byPod.get('ghost-v1-a')?.mismatches[0]).toMatch(/Kubernetes API does not have/);
    expect(byPod.get('oddball-v1-a')?.mismatches).toEqual([
      'ztunnel says HBONE, but Kubernetes says not-enrolled',
      'Kubernetes schedules it on w1, ztunnel says w9',
      'Service account differs: Kubernetes oddball, ztunnel someone-else',
    ]);
    expect(result.mismatches).toBe(6);
    expect(result.unansweredZtunnels).toEqual([{ pod: 'ztunnel-b', node: 'w2', message: 'connection refused' }]);
  });

  it('claims nothing is missing from ztunnel when no ztunnel answered', () => {
    const none = compareDataplane({ ...input, ztunnelWorkloads: [], ztunnels: [down] });
    expect(none.ztunnelAnswered).toBe(false);
    expect(none.rows.flatMap((r) => r.mismatches)).toEqual([]);
  });
});

const baseView: ControlPlane = {
  sail: { state: 'installed', message: '' },
  istios: [{ name: 'default', status: 'Healthy', revisions: { total: 1, ready: 1, inUse: 1 }, conditions: [] }],
  istioCNIs: [{ name: 'default', ready: 'True', status: 'Healthy', conditions: [] }],
  ztunnels: [{ name: 'default', ready: 'True', status: 'Healthy', conditions: [] }],
  revisions: [],
  ztunnelDaemonSets: [{ namespace: 'ztunnel', name: 'ztunnel', desired: 3, ready: 3, available: 3, updated: 3, pods: [] }],
  cniDaemonSets: [],
  istiod: [{ namespace: 'istio-system', pod: 'istiod-a', ready: true, restarts: 0 }],
};

describe('controlPlaneHealth', () => {
  it('is healthy when everything is ready', () => {
    expect(controlPlaneHealth(baseView)).toMatchObject({ state: 'healthy', sail: true, issues: [] });
  });

  it('names each problem: a ztunnel not ready on a node, a Sail resource not ready', () => {
    const h = controlPlaneHealth({
      ...baseView,
      ztunnels: [{ name: 'default', ready: 'False', status: 'Unhealthy', conditions: [{ type: 'Ready', status: 'False', reason: 'DaemonSetNotReady', message: '2/3 ready' }] }],
      ztunnelDaemonSets: [{ namespace: 'ztunnel', name: 'ztunnel', desired: 3, ready: 2, available: 2, updated: 3, pods: [{ pod: 'ztunnel-x', node: 'w2', ready: false, restarts: 1 }] }],
    });
    expect(h.state).toBe('degraded');
    expect(h.issues).toEqual(['ZTunnel default is not ready: Ready=False (DaemonSetNotReady) 2/3 ready', 'ztunnel DaemonSet ztunnel/ztunnel: 2/3 pods ready (not ready on w2)']);
  });

  it('works without the Sail Operator (Helm or istioctl installs)', () => {
    const h = controlPlaneHealth({ ...baseView, sail: { state: 'not-installed', message: 'no Sail' }, istios: [], istioCNIs: [], ztunnels: [] });
    expect(h).toMatchObject({ state: 'healthy', sail: false });
  });

  it('is down when no istiod is ready', () => {
    expect(controlPlaneHealth({ ...baseView, istiod: [{ namespace: 'istio-system', pod: 'istiod-a', ready: false, restarts: 3 }] }).state).toBe('down');
  });
});
