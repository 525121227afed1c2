import { CoreV1Api } from '@kubernetes/client-node';
import { afterEach, describe, expect, it } from 'vitest';
import { KubeLayer } from './layer';
import { fillBookinfo, podObject, typeKeys } from '@/testing/fixtures/clusters';
import { startKubeApi, TOKENS, type KubeApiHarness } from '@/testing/harness/kube-api';

const fast = { minBackoffMs: 50, maxBackoffMs: 500, recheckMs: 300, watchTimeoutSeconds: 600 };
let cluster: KubeApiHarness | undefined;
let layer: KubeLayer | undefined;
afterEach(async () => {
  layer?.stop();
  await cluster?.close();
  layer = undefined;
  cluster = undefined;
});

async function until<T>(read: () => Promise<T>, ok: (t: T) => boolean, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not met in ${timeoutMs} ms: ${JSON.stringify(value).slice(0, 400)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Lists come first; the 15 watches open right after. */
async function watching(c: KubeApiHarness): Promise<void> {
  await until(async () => c.api.openWatchCount(), (n) => n === 15);
}

async function start(options: { withoutSail?: boolean; token?: string } = {}): Promise<{ cluster: KubeApiHarness; layer: KubeLayer }> {
  cluster = await startKubeApi({ withoutSail: options.withoutSail, seed: (store) => fillBookinfo(store, options) });
  layer = new KubeLayer(cluster.kubeConfig(options.token), { ztunnelNamespace: 'ztunnel', reflector: fast, readyTimeoutMs: 5000 });
  return { cluster, layer };
}

describe('informer cache against the simulated API server', () => {
  it('warms up, then serves every page with zero Kubernetes API calls', async () => {
    const { cluster, layer } = await start();
    const namespaces = await layer.namespaces();
    expect(namespaces.map((n) => [n.name, n.ambient, n.discovered])).toEqual([
      ['bookinfo', true, true], ['default', false, false], ['istio-system', false, true], ['ztunnel', false, true],
    ]);
    await watching(cluster);
    const bookinfo = namespaces.find((n) => n.name === 'bookinfo');
    expect(bookinfo?.enrollment).toMatchObject({ state: 'partial', unprotected: 1 });
    expect(bookinfo?.waypoint).toBe('bookinfo/waypoint');
    const before = cluster.requests().length;
    for (let i = 0; i < 50; i++) {
      await layer.namespaces();
      await layer.workloads('bookinfo');
      await layer.inventorySource().inventory();
      await layer.controlPlane();
      await layer.ztunnelPods();
      await layer.authzInput();
    }
    expect(cluster.requests().length).toBe(before);
    // 15 resources: one list and one watch each; the 5 optional ones this cluster does not serve (no
    // CRDs): one list per version tried (the 3 security.istio.io ones and VirtualService 2, HTTPRoute 1).
    expect(before).toBe(30 + 9);
  });

  it('builds the inventory with workload names, principals, enrollment and waypoints', async () => {
    const { layer } = await start();
    const inv = await layer.inventorySource().inventory();
    const details = inv.workloads.find((w) => w.name === 'details-v1');
    expect(details).toMatchObject({ namespace: 'bookinfo', kind: 'Deployment', app: 'details', version: 'v1', enrollment: 'ambient', protocol: 'HBONE', usesWaypoint: 'bookinfo/waypoint', pods: 1 });
    expect(details?.principal).toBe('spiffe://cluster.local/ns/bookinfo/sa/bookinfo-details');
    expect(inv.workloads.find((w) => w.name === 'ratings-v1')).toMatchObject({ enrollment: 'ambient-pending', protocol: 'TCP' });
    expect(inv.services.map((s) => [s.name, s.usesWaypoint, s.workloads])).toEqual([['details', 'bookinfo/waypoint', ['details-v1']], ['reviews', undefined, ['reviews-v2']]]);
    const limited = await layer.inventorySource(new Set(['default'])).inventory();
    expect(limited.workloads.map((w) => w.name)).toEqual(['sleep']);
  });

  it('sees enrollment change live when a namespace is labelled and unlabelled through a real PATCH', async () => {
    const { cluster, layer } = await start();
    const api = cluster.kubeConfig().makeApiClient(CoreV1Api);
    const sleep = async () => (await layer.workloads('default')).find((w) => w.name === 'sleep');
    expect((await sleep())?.enrollment).toBe('none');
    await api.patchNamespace({ name: 'default', body: [{ op: 'add', path: '/metadata/labels', value: { 'istio.io/dataplane-mode': 'ambient' } }] });
    const labelled = await until(sleep, (w) => w?.enrollment === 'ambient-pending');
    expect(labelled?.enrollmentReason).toContain('namespace label istio.io/dataplane-mode=ambient');
    await api.patchNamespace({ name: 'default', body: [{ op: 'remove', path: '/metadata/labels/istio.io~1dataplane-mode' }] });
    await until(sleep, (w) => w?.enrollment === 'none');
  });

  it('resumes after the API server drops every watch', async () => {
    const { cluster, layer } = await start();
    await layer.namespaces();
    await watching(cluster);
    cluster.api.dropWatches();
    cluster.store.upsert(typeKeys.pods, podObject({ namespace: 'default', name: 'late', node: 'node-a' }));
    await until(() => layer.workloads('default'), (ws) => ws.some((w) => w.name === 'late'));
    const states = layer.resourceStates();
    expect(states.pods.reconnects).toBeGreaterThanOrEqual(1);
    expect(states.pods.relists).toBe(1);
  });

  it('relists after 410 Gone (history compacted while the watch was down)', async () => {
    const { cluster, layer } = await start();
    await layer.namespaces();
    await watching(cluster);
    cluster.store.delete(typeKeys.pods, 'default', 'sleep-7b9f8d5c4-abcde');
    cluster.store.compact();
    cluster.api.dropWatches();
    cluster.store.upsert(typeKeys.pods, podObject({ namespace: 'default', name: 'after-compaction', node: 'node-a' }));
    const ws = await until(() => layer.workloads('default'), (list) => list.some((w) => w.name === 'after-compaction'));
    expect(ws.some((w) => w.name === 'sleep')).toBe(false);
    await until(async () => layer.resourceStates().pods.relists, (n) => n >= 2);
  });

  it('records missing Sail CRDs as "not installed" instead of failing', async () => {
    const { layer } = await start({ withoutSail: true });
    const cp = await layer.controlPlane();
    expect(cp.sail.state).toBe('not-installed');
    expect(cp.sail.message).toMatch(/Sail Operator not installed/);
    expect(layer.resourceStates().ztunnels).toMatchObject({ status: 'missing' });
    expect(cp.ztunnelDaemonSets[0]).toMatchObject({ name: 'ztunnel', desired: 3, ready: 3 });
    expect(cp.ztunnelDaemonSets[0]?.pods.map((p) => [p.node, p.version])).toEqual([
      ['node-a', '1.24.0-distroless'], ['node-b', '1.24.0-distroless'], ['node-c', '1.24.0-distroless'],
    ]);
  });

  it('serves the ZTunnel resource at v1 and the Istio status columns', async () => {
    const { layer } = await start();
    const cp = await layer.controlPlane();
    expect(cp.sail.state).toBe('installed');
    expect(cp.istios[0]).toMatchObject({ name: 'default', revisions: { total: 1, ready: 1, inUse: 1 }, activeRevision: 'default', status: 'Healthy', version: 'v1.24.0' });
    expect(cp.ztunnels[0]).toMatchObject({ name: 'default', ready: 'True', apiVersion: 'sailoperator.io/v1' });
  });

  it('records forbidden resources as a state for a user limited to one namespace', async () => {
    const { layer } = await start({ token: TOKENS.alice });
    layer.cache.start();
    const states = await until(async () => layer.resourceStates(), (s) => s.pods.status !== 'pending');
    expect(states.pods.status).toBe('forbidden');
    expect(states.pods.message).toMatch(/Not allowed to list pods/);
    expect((await layer.controlPlane()).sail.state).toBe('forbidden');
  });
});
