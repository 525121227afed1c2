import { afterEach, describe, expect, it } from 'vitest';
import { KubeLayer } from './layer';
import { fillBookinfo, istioctlDump, kialiDump } from '@/testing/fixtures/clusters';
import { startKubeApi, type KubeApiHarness } from '@/testing/harness/kube-api';

let cluster: KubeApiHarness | undefined;
let layer: KubeLayer | undefined;
afterEach(async () => {
  layer?.stop();
  await cluster?.close();
});

const accessLine = (time: string, src: string, dst: string, direction: string, extra = '') =>
  `${time}\tinfo\taccess\tconnection complete\tsrc.addr=10.0.0.1:40978 src.workload="${src}" src.namespace="bookinfo" src.identity="spiffe://cluster.local/ns/bookinfo/sa/bookinfo-productpage" dst.addr=10.0.0.2:15008 dst.service="details.bookinfo.svc.cluster.local" dst.workload="${dst}" dst.namespace="bookinfo" direction="${direction}" bytes_sent=283 bytes_recv=358 duration="2ms"${extra}`;

async function start(): Promise<{ cluster: KubeApiHarness; layer: KubeLayer }> {
  cluster = await startKubeApi({ seed: fillBookinfo });
  // ztunnel-aaaaa and -bbbbb answer on 15000; -ccccc does not (nothing listens: the port-forward fails).
  cluster.ztunnelDumps.set('ztunnel/ztunnel-aaaaa', kialiDump);
  cluster.ztunnelDumps.set('ztunnel/ztunnel-bbbbb', istioctlDump);
  layer = new KubeLayer(cluster.kubeConfig(), { ztunnelNamespace: 'ztunnel', ztunnel: { timeoutMs: 3000, ttlMs: 10_000 } });
  return { cluster, layer };
}

describe('ztunnel config through port-forward', () => {
  it('merges the dumps of every ztunnel and lists the one that does not answer', async () => {
    const { cluster, layer } = await start();
    const view = await layer.ztunnelView();
    expect(view.ztunnels.map((z) => [z.pod, z.node, z.ok, z.shape])).toEqual([
      ['ztunnel-aaaaa', 'node-a', true, 'array'],
      ['ztunnel-bbbbb', 'node-b', true, 'map'],
      ['ztunnel-ccccc', 'node-c', false, undefined],
    ]);
    expect(view.ztunnels[2]?.message).toMatch(/Port-forward to ztunnel\/ztunnel-ccccc:15000 failed/);
    // The two samples describe different clusters: their workloads add up (48 + 27), services
    // merge on namespace/hostname where both have the same one.
    expect(view.workloads).toHaveLength(48 + 27);
    expect(view.policies).toHaveLength(2);
    expect(view.certificates.map((c) => c.node)).toEqual(['node-b', 'node-b', 'node-b', 'node-b', 'node-b']);
    const forwards = cluster.requests().filter((r) => r.includes('/portforward')).length;
    expect(forwards).toBe(3);
    // Within the cache window a second view costs no port-forward.
    await layer.ztunnelView();
    expect(cluster.requests().filter((r) => r.includes('/portforward')).length).toBe(3);
  });

  it('reports an unsupported config_dump for that ztunnel only', async () => {
    const { cluster, layer } = await start();
    cluster.ztunnelDumps.set('ztunnel/ztunnel-bbbbb', JSON.stringify({ something: 'else' }));
    const view = await layer.ztunnelView();
    expect(view.ztunnels.find((z) => z.pod === 'ztunnel-bbbbb')?.message).toMatch(/no workloads\/services/);
    expect(view.workloads).toHaveLength(48);
  });

  it('filters the merged view to the namespaces a user may see', async () => {
    const { layer } = await start();
    const view = await layer.ztunnelView(new Set(['default']));
    expect(view.workloads.every((w) => w.namespace === 'default')).toBe(true);
    expect(view.certificates).toHaveLength(0);
    expect(view.ztunnels).toHaveLength(3);
  });

  it('lists ztunnel pods per node', async () => {
    const { layer } = await start();
    expect((await layer.ztunnelPods()).map((p) => [p.node, p.ready, p.version, p.restarts])).toEqual([
      ['node-a', true, '1.24.0-distroless', 0],
      ['node-b', true, '1.24.0-distroless', 0],
      ['node-c', true, '1.24.0-distroless', 0],
    ]);
  });
});

describe('ztunnel access logs through pods/log', () => {
  it('reads every ztunnel, parses and filters, keeps raw lines and per-pod status', async () => {
    const { cluster, layer } = await start();
    cluster.podLogs.set('ztunnel/ztunnel-aaaaa', [
      '2025-01-23T05:07:20.000000Z\tinfo\txds::client\tconnected to istiod',
      accessLine('2025-01-23T05:07:25.806642Z', 'productpage-v1-57ffb6658c-vmb6z', 'details-v1-6cd6d9df6b-mddv2', 'outbound'),
    ].join('\n'));
    cluster.podLogs.set('ztunnel/ztunnel-bbbbb', accessLine('2025-01-23T05:07:26.000000Z', 'productpage-v1-57ffb6658c-vmb6z', 'reviews-v2-5b667bcbf8-q5pn2', 'inbound', ' error="connection closed due to policy rejection"'));
    const all = await layer.ztunnelLogs({ tailLines: 100, limit: 500 });
    expect(all.ztunnels.map((z) => [z.pod, z.ok, z.lines])).toEqual([
      ['ztunnel-aaaaa', true, 2], ['ztunnel-bbbbb', true, 1], ['ztunnel-ccccc', false, 0],
    ]);
    expect(all.lines.map((l) => l.kind)).toEqual(['access', 'access', 'raw']);
    const errors = await layer.ztunnelLogs({ tailLines: 100, limit: 500, errorsOnly: true });
    expect(errors.lines).toHaveLength(1);
    expect(errors.lines[0]).toMatchObject({ kind: 'access', ztunnel: 'ztunnel-bbbbb', node: 'node-b', dst: { workload: 'reviews-v2-5b667bcbf8-q5pn2' } });
    const details = await layer.ztunnelLogs({ tailLines: 100, limit: 500, workload: 'details-v1', namespace: 'bookinfo', direction: 'outbound' });
    expect(details.lines).toHaveLength(1);
    const tail = await layer.ztunnelLogs({ tailLines: 1, limit: 500 });
    expect(tail.ztunnels[0]?.lines).toBe(1);
    expect((await layer.ztunnelLogs({ tailLines: 100, limit: 500 }, new Set(['default']))).lines).toHaveLength(0);
  });

  it('a request the browser abandoned cancels its pods/log calls instead of reading every ztunnel', async () => {
    const { cluster, layer } = await start();
    cluster.podLogs.set('ztunnel/ztunnel-aaaaa', accessLine('2025-01-23T05:07:25.806642Z', 'productpage-v1-57ffb6658c-vmb6z', 'details-v1-6cd6d9df6b-mddv2', 'outbound'));
    await layer.ztunnelLogs({ tailLines: 10, limit: 10 });
    const before = cluster.logCalls.length;
    expect(before).toBeGreaterThan(0);
    const gone = new AbortController();
    gone.abort();
    await expect(layer.ztunnelLogs({ tailLines: 10, limit: 10 }, undefined, gone.signal)).rejects.toThrow(/abort/i);
    expect(cluster.logCalls.length).toBe(before);
  });
});
