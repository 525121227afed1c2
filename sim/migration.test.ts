// The sidecar-to-ambient migration of one namespace, live, through the simulated API as a user
// does it: relabel the namespace (istio-injection -> istio.io/dataplane-mode=ambient), then
// `kubectl rollout restart` (its strategic merge patch of the template's restartedAt annotation).
// Its telemetry moves from the pods' Envoy sidecars to ztunnel; counters never go back.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppsV1Api, CoreV1Api, KubeConfig, PatchStrategy, setHeaderOptions, type V1Pod } from '@kubernetes/client-node';
import { startSimulator, type Simulator } from './index';
import { fetchThroughPortForward } from './kube-api/port-forward-client';
import { writeOpenMetricsHistory } from './metrics/history';

const T0 = 1_760_000_000;
let clock = T0;
let sim: Simulator;
const kc = () => {
  const k = new KubeConfig();
  k.loadFromFile(sim.kubeconfigPath);
  return k;
};
const settle = () => new Promise((r) => setTimeout(r, 50));
const frontendPods = async (): Promise<V1Pod[]> => (await kc().makeApiClient(CoreV1Api).listNamespacedPod({ namespace: 'frontend' })).items;
const hasSidecar = (p: V1Pod) => p.metadata?.annotations?.['sidecar.istio.io/status'] !== undefined;
const scrape = async (path: string) => (await fetch(`${sim.httpUrl}${path}`)).text();
const ztunnelText = async () => (await Promise.all([...sim.mesh.view().ztunnels.values()].map((z) => scrape(`/sim/pods/ztunnel/${z.name}/metrics`)))).join('\n');

/** Sum of a family's samples whose labels include all of `match` (a text exposition). */
function total(text: string, name: string, match: Record<string, string>): number {
  return text.split('\n')
    .filter((l) => l.startsWith(`${name}{`) && Object.entries(match).every(([k, v]) => l.includes(`${k}="${v}"`)))
    .reduce((a, l) => a + Number(l.slice(l.lastIndexOf(' ') + 1)), 0);
}

beforeAll(async () => {
  sim = await startSimulator({ scenario: 'sidecar', profile: 'constant', adminToken: 'test-admin', origin: T0 - 3600, now: () => clock });
});
afterAll(async () => {
  await sim?.stop();
});

describe('migrating frontend from sidecars to ambient', () => {
  let before: { sidecarTargets: string[]; webToProductpage: number; productpageToCatalog: number };

  it('starts on sidecars: Envoy reports frontend\'s traffic, ztunnel only its ambient ends', async () => {
    const pods = await frontendPods();
    expect(pods.every(hasSidecar)).toBe(true);
    const sd = JSON.parse(await scrape('/sim/sd')) as { labels: Record<string, string> }[];
    const sidecarTargets = sd.filter((t) => t.labels.namespace === 'frontend').map((t) => t.labels.__metrics_path__!);
    expect(sidecarTargets).toHaveLength(3);
    const web = pods.find((p) => p.metadata?.labels?.app === 'web')!;
    const envoy = await scrape(`/sim/pods/frontend/${web.metadata!.name}/stats/prometheus`);
    expect(total(envoy, 'istio_requests_total', { reporter: 'source', destination_workload: 'catalog-v1' })).toBeCloseTo(8 * 3600, 6);
    // Envoy's own port answers too, through a port-forward as `kubectl port-forward pod 15090` would.
    const direct = await fetchThroughPortForward(kc(), 'frontend', web.metadata!.name!, 15090, '/stats/prometheus');
    expect(direct.body).toBe(envoy);
    const zt = await ztunnelText();
    expect(total(zt, 'istio_tcp_received_bytes_total', { source_workload: 'web-v1', destination_workload: 'catalog-v1' })).toBe(0);
    before = {
      sidecarTargets,
      webToProductpage: total(zt, 'istio_tcp_received_bytes_total', { reporter: 'destination', source_workload: 'web-v1', destination_workload: 'productpage-v1' }),
      productpageToCatalog: total(zt, 'istio_tcp_received_bytes_total', { reporter: 'source', source_workload: 'productpage-v1', destination_workload: 'catalog-v1' }),
    };
    expect(before.webToProductpage).toBe(2000 * 3600);
  });

  it('relabelling alone changes nothing: running pods keep their sidecars and are not redirected', async () => {
    clock = T0 + 60;
    const merge = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
    await kc().makeApiClient(CoreV1Api).patchNamespace({ name: 'frontend', body: { metadata: { labels: { 'istio-injection': null, 'istio.io/dataplane-mode': 'ambient' } } } }, merge);
    await settle();
    const pods = await frontendPods();
    expect(pods.every(hasSidecar)).toBe(true);
    expect(pods.some((p) => p.metadata?.annotations?.['ambient.istio.io/redirection'])).toBe(false);
  });

  it('a rollout restart replaces the pods: no sidecar, redirected, HBONE in config_dump with certificates', async () => {
    clock = T0 + 120;
    const apps = kc().makeApiClient(AppsV1Api);
    const strategic = setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch);
    const restartedAt = new Date(clock * 1000).toISOString();
    for (const d of (await apps.listNamespacedDeployment({ namespace: 'frontend' })).items) {
      await apps.patchNamespacedDeployment({ namespace: 'frontend', name: d.metadata!.name!, body: { spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': restartedAt } } } } } }, strategic);
    }
    await settle();
    const pods = await frontendPods();
    expect(pods).toHaveLength(3);
    for (const p of pods) {
      expect(hasSidecar(p)).toBe(false);
      expect(p.spec?.containers.map((c) => c.name)).not.toContain('istio-proxy');
      expect(p.metadata?.annotations?.['ambient.istio.io/redirection']).toBe('enabled');
    }
    const web = pods.find((p) => p.metadata?.labels?.app === 'web')!;
    const ztunnel = [...sim.mesh.view().ztunnels.values()].find((z) => z.node === web.spec?.nodeName)!;
    const dump = JSON.parse((await fetchThroughPortForward(kc(), 'ztunnel', ztunnel.name, 15000, '/config_dump')).body) as { workloads: Record<string, unknown>[]; certificates: { identity: string }[] };
    expect(dump.workloads.find((w) => w.name === web.metadata?.name)).toMatchObject({ protocol: 'HBONE' });
    expect(dump.workloads.find((w) => w.name === web.metadata?.name)?.nativeTunnel).toBeUndefined();
    expect(dump.certificates.map((c) => c.identity)).toContain('spiffe://cluster.local/ns/frontend/sa/web');
  });

  it('from then on ztunnel reports frontend\'s traffic; the Envoy targets are gone; counters only grow', async () => {
    clock = T0 + 720;
    const sd = JSON.parse(await scrape('/sim/sd')) as { labels: Record<string, string> }[];
    expect(sd.filter((t) => t.labels.namespace === 'frontend')).toHaveLength(0);
    expect((await fetch(`${sim.httpUrl}${before.sidecarTargets[0]!}`)).status).toBe(503);
    const zt = await ztunnelText();
    // sidecar -> sidecar became ambient -> ambient: both ztunnels, mTLS, 600 s of traffic.
    for (const reporter of ['source', 'destination']) {
      expect(total(zt, 'istio_tcp_received_bytes_total', { reporter, source_workload: 'web-v1', destination_workload: 'catalog-v1', connection_security_policy: 'mutual_tls' })).toBe(1200 * 600);
    }
    // The non-mesh client is now seen by catalog's ztunnel (plaintext, no principal).
    expect(total(zt, 'istio_tcp_received_bytes_total', { reporter: 'destination', source_workload: 'legacy-client-v1', destination_workload: 'catalog-v1', connection_security_policy: 'unknown', source_principal: 'unknown' })).toBe(400 * 600);
    // Series that existed before keep counting from where they were.
    expect(total(zt, 'istio_tcp_received_bytes_total', { reporter: 'destination', source_workload: 'web-v1', destination_workload: 'productpage-v1' })).toBe(before.webToProductpage + 2000 * 720);
    expect(total(zt, 'istio_tcp_received_bytes_total', { reporter: 'source', source_workload: 'productpage-v1', destination_workload: 'catalog-v1' })).toBe(before.productpageToCatalog + 800 * 720);
    // No Envoy request series for frontend any more (bookinfo's waypoint is the only L7 reporter).
    const samples = JSON.parse(await scrape(`/sim/traffic?namespaces=frontend&duration=300&time=${clock}`)) as { http: { reporter: string }[] };
    expect(samples.http.every((s) => s.reporter === 'waypoint')).toBe(true);
  });

  it('history keeps the replaced sidecars\' series under their own pods, stopping at the restart', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'migration-'));
    try {
      const file = join(dir, 'h.om');
      await writeOpenMetricsHistory(sim.mesh, { start: T0, end: T0 + 720, step: 60, file });
      const text = await readFile(file, 'utf8');
      const oldWeb = before.sidecarTargets.map((p) => p.split('/')[4]!).find((p) => p.startsWith('web-v1-'))!;
      const lines = text.split('\n').filter((l) => l.startsWith('istio_requests_total{reporter="source",source_workload="web-v1"') && l.includes(`pod="${oldWeb}"`) && l.includes('destination_workload="catalog-v1"') && l.includes('response_code="200"'));
      const times = lines.map((l) => Number(l.split(' ').pop()));
      // The last scrape before the restart at T0 + 120 (from then on the pod is gone).
      expect(Math.max(...times)).toBe(T0 + 60);
      expect(times).toEqual([...times].sort((a, b) => a - b));
      const values = lines.map((l) => Number(l.split(' ').at(-2)));
      expect(values).toEqual([...values].sort((a, b) => a - b));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
