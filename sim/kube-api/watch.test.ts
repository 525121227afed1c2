import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CoreV1Api, Watch, makeInformer, type KubernetesObject, type V1Namespace } from '@kubernetes/client-node';
import { namespaceObject, protocolCluster, typeKeys } from '@/testing/fixtures/clusters';
import { eventually, startKubeApi, type KubeApiHarness } from '@/testing/harness/kube-api';

let cluster: KubeApiHarness;
beforeEach(async () => {
  cluster = await startKubeApi({ ...protocolCluster, bookmarkIntervalMs: 50 });
});
afterEach(() => cluster.close());

interface Seen {
  type: string;
  name: string;
  rv: string;
  code?: number;
}

/** Starts a client-node watch and records its events. */
async function watchEvents(path: string, query: Record<string, string | boolean>) {
  const events: Seen[] = [];
  let done: unknown = 'open';
  const controller = await new Watch(cluster.kubeConfig()).watch(
    path,
    query,
    (type, obj: { metadata?: { name?: string; resourceVersion?: string }; code?: number }) =>
      events.push({ type, name: obj.metadata?.name ?? '', rv: obj.metadata?.resourceVersion ?? '', ...(obj.code ? { code: obj.code } : {}) }),
    (err) => {
      done = err;
    },
  );
  return { events, controller, isDone: () => done !== 'open', doneError: () => done };
}

describe('watch', () => {
  it('starts with synthetic ADDED events, then streams changes live', async () => {
    const w = await watchEvents('/api/v1/namespaces', {});
    await eventually(() => w.events.length === 3);
    expect(w.events.map((e) => e.type)).toEqual(['ADDED', 'ADDED', 'ADDED']);
    cluster.store.upsert(typeKeys.namespaces, namespaceObject('payments'));
    const ns = cluster.store.get(typeKeys.namespaces, undefined, 'payments')!;
    cluster.store.upsert(typeKeys.namespaces, { ...ns, metadata: { ...ns.metadata, labels: { 'istio.io/dataplane-mode': 'ambient' } } });
    cluster.store.delete(typeKeys.namespaces, undefined, 'payments');
    await eventually(() => w.events.length === 6);
    expect(w.events.slice(3).map((e) => `${e.type} ${e.name}`)).toEqual(['ADDED payments', 'MODIFIED payments', 'DELETED payments']);
    expect(w.events[5]?.rv).toBe(cluster.store.currentResourceVersion());
    expect(cluster.api.openWatchCount()).toBe(1);
    w.controller.abort();
    await eventually(() => cluster.api.openWatchCount() === 0);
  });

  it('resumes from a resourceVersion with only the later events, namespace-scoped', async () => {
    const from = cluster.store.currentResourceVersion();
    cluster.store.upsert(typeKeys.pods, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'later', namespace: 'bookinfo' } });
    cluster.store.upsert(typeKeys.pods, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'elsewhere', namespace: 'default' } });
    const w = await watchEvents('/api/v1/namespaces/bookinfo/pods', { resourceVersion: from });
    await eventually(() => w.events.length === 1);
    await new Promise((r) => setTimeout(r, 50));
    expect(w.events.map((e) => `${e.type} ${e.name}`)).toEqual(['ADDED later']);
    w.controller.abort();
  });

  it('turns selector transitions into ADDED/DELETED like the watch cache', async () => {
    const w = await watchEvents('/api/v1/namespaces', { labelSelector: 'istio.io/dataplane-mode=ambient', resourceVersion: cluster.store.currentResourceVersion() });
    const def = cluster.store.get(typeKeys.namespaces, undefined, 'default')!;
    cluster.store.upsert(typeKeys.namespaces, { ...def, metadata: { ...def.metadata, labels: { 'istio.io/dataplane-mode': 'ambient' } } });
    cluster.store.upsert(typeKeys.namespaces, { ...def, metadata: { ...def.metadata, labels: {} } });
    await eventually(() => w.events.length === 2);
    expect(w.events.map((e) => `${e.type} ${e.name}`)).toEqual(['ADDED default', 'DELETED default']);
    w.controller.abort();
  });

  it('sends an ERROR event with 410 Expired for a compacted resourceVersion, then ends', async () => {
    const old = cluster.store.currentResourceVersion();
    cluster.store.upsert(typeKeys.namespaces, namespaceObject('a'));
    cluster.store.compact();
    cluster.store.upsert(typeKeys.namespaces, namespaceObject('b'));
    const w = await watchEvents('/api/v1/namespaces', { resourceVersion: old });
    await eventually(() => w.isDone());
    expect(w.events).toEqual([{ type: 'ERROR', name: '', rv: '', code: 410 }]);
    const res = await cluster.fetch(`/api/v1/namespaces?watch=1&resourceVersion=${old}`, { headers: { Authorization: 'Bearer admin-token' } });
    const line = JSON.parse((await res.text()).trim()) as { type: string; object: Record<string, unknown> };
    expect(line).toEqual({
      type: 'ERROR',
      object: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: expect.stringMatching(/^too old resource version: \d+ \(\d+\)$/), reason: 'Expired', code: 410 },
    });
  });

  it('answers a list with a compacted Exact resourceVersion with 410', async () => {
    const old = cluster.store.currentResourceVersion();
    cluster.store.upsert(typeKeys.namespaces, namespaceObject('a'));
    cluster.store.compact();
    cluster.store.upsert(typeKeys.namespaces, namespaceObject('b'));
    const res = await cluster.fetch(`/api/v1/namespaces?resourceVersion=${Number(old) - 1}&resourceVersionMatch=Exact`, { headers: { Authorization: 'Bearer admin-token' } });
    expect(res.status).toBe(410);
    expect(await res.json()).toMatchObject({ kind: 'Status', reason: 'Expired', code: 410 });
  });

  it('sends bookmarks when asked and ends at timeoutSeconds', async () => {
    const w = await watchEvents('/api/v1/namespaces', { allowWatchBookmarks: true, timeoutSeconds: '1', resourceVersion: cluster.store.currentResourceVersion() });
    await eventually(() => w.events.some((e) => e.type === 'BOOKMARK'));
    expect(w.events.find((e) => e.type === 'BOOKMARK')?.rv).toBe(cluster.store.currentResourceVersion());
    await eventually(() => w.isDone(), 3000);
    expect(w.doneError()).toBeNull();
  });
});

describe('informer (ListWatch)', () => {
  async function startInformer() {
    const kc = cluster.kubeConfig();
    const core = kc.makeApiClient(CoreV1Api);
    let lists = 0;
    const informer = makeInformer<V1Namespace>(kc, '/api/v1/namespaces', () => {
      lists++;
      return core.listNamespace();
    });
    const errors: unknown[] = [];
    informer.on('error', (err) => errors.push(err));
    await informer.start();
    await eventually(() => cluster.api.openWatchCount() === 1);
    const names = () => informer.list().map((n: KubernetesObject) => n.metadata?.name).sort();
    return { informer, names, lists: () => lists, errors };
  }

  it('re-watches from its resourceVersion after dropWatches, without a re-list', async () => {
    const inf = await startInformer();
    expect(inf.names()).toEqual(['bookinfo', 'default', 'ztunnel']);
    cluster.api.dropWatches();
    expect(cluster.api.openWatchCount()).toBe(0);
    cluster.store.upsert(typeKeys.namespaces, namespaceObject('during-restart'));
    await eventually(() => cluster.api.openWatchCount() === 1);
    await eventually(() => inf.names().includes('during-restart'));
    cluster.store.upsert(typeKeys.namespaces, namespaceObject('after-restart'));
    await eventually(() => inf.names().includes('after-restart'));
    expect(inf.lists()).toBe(1);
    expect(inf.errors).toEqual([]);
    await inf.informer.stop();
  });

  it('re-lists after a 410 when its resourceVersion was compacted away', async () => {
    const inf = await startInformer();
    cluster.api.dropWatches();
    cluster.store.upsert(typeKeys.namespaces, namespaceObject('missed'));
    cluster.store.delete(typeKeys.namespaces, undefined, 'default');
    cluster.store.compact();
    cluster.store.upsert(typeKeys.namespaces, namespaceObject('after-compaction'));
    await eventually(() => inf.lists() === 2);
    await eventually(() => inf.names().join() === 'after-compaction,bookinfo,missed,ztunnel');
    await eventually(() => cluster.api.openWatchCount() === 1);
    cluster.store.upsert(typeKeys.namespaces, namespaceObject('live-again'));
    await eventually(() => inf.names().includes('live-again'));
    expect(inf.errors).toEqual([]);
    await inf.informer.stop();
  });
});
