// The whole simulator over HTTP, through @kubernetes/client-node like the app: enrollment flips
// via a real PATCH, ztunnel faults via /sim/control, config_dump via port-forward, logs, users.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppsV1Api, CoreV1Api, CustomObjectsApi, KubeConfig, PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { startSimulator, type Simulator } from './index';
import { fetchThroughPortForward } from './kube-api/port-forward-client';

let sim: Simulator;
const kc = (token?: string) => {
  const k = new KubeConfig();
  k.loadFromFile(sim.kubeconfigPath);
  if (token) k.users[0] = { ...k.users[0]!, token };
  return k;
};
const core = (token?: string) => kc(token).makeApiClient(CoreV1Api);
const merge = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
const settle = () => new Promise((r) => setTimeout(r, 50));

async function ztunnelOn(node: string): Promise<string> {
  const pods = await core().listNamespacedPod({ namespace: 'ztunnel', labelSelector: 'app=ztunnel' });
  return pods.items.find((p) => p.spec?.nodeName === node)!.metadata!.name!;
}

async function configDump(pod: string): Promise<{ workloads: { name: string; protocol: string }[]; certificates: { identity: string }[] }> {
  const res = await fetchThroughPortForward(kc(), 'ztunnel', pod, 15000, '/config_dump');
  expect(res.status).toBe(200);
  return JSON.parse(res.body) as { workloads: { name: string; protocol: string }[]; certificates: { identity: string }[] };
}

beforeAll(async () => {
  sim = await startSimulator({ scenario: 'bookinfo', profile: 'constant', adminToken: 'test-admin' });
});
afterAll(async () => {
  await sim?.stop();
});

describe('simulator over HTTP', () => {
  it('enrolls a namespace through a real PATCH: istio-cni annotates, traffic becomes HBONE mTLS, and back', async () => {
    const legacyPod = async () => (await core().listNamespacedPod({ namespace: 'legacy' })).items[0]!;
    expect((await legacyPod()).metadata?.annotations?.['ambient.istio.io/redirection']).toBeUndefined();

    await core().patchNamespace({ name: 'legacy', body: { metadata: { labels: { 'istio.io/dataplane-mode': 'ambient' } } } }, merge);
    await settle();
    const pod = await legacyPod();
    expect(pod.metadata?.annotations?.['ambient.istio.io/redirection']).toBe('enabled');
    const zt = await ztunnelOn(pod.spec!.nodeName!);
    const dump = await configDump(zt);
    expect(dump.workloads.find((w) => w.name === pod.metadata!.name)?.protocol).toBe('HBONE');
    expect(dump.certificates.map((c) => c.identity)).toContain('spiffe://cluster.local/ns/legacy/sa/legacy-client');
    const metrics = await (await fetch(`${sim.httpUrl}/sim/pods/ztunnel/${zt}/metrics`)).text();
    expect(metrics).toMatch(/istio_tcp_received_bytes_total\{reporter="source",source_workload="legacy-client-v1".*connection_security_policy="mutual_tls"\}/);
    const log = await core().readNamespacedPodLog({ namespace: 'ztunnel', name: zt, sinceSeconds: 3600 });
    expect(typeof log).toBe('string');

    await core().patchNamespace({ name: 'legacy', body: { metadata: { labels: { 'istio.io/dataplane-mode': null } } } }, merge);
    await settle();
    expect((await legacyPod()).metadata?.annotations?.['ambient.istio.io/redirection']).toBeUndefined();
    const after = await (await fetch(`${sim.httpUrl}/sim/pods/ztunnel/${zt}/metrics`)).text();
    expect(after).not.toMatch(/reporter="source",source_workload="legacy-client-v1"/);
  });

  it('takes a node\'s ztunnel down and up: pod, DaemonSet and ZTunnel CR follow; its ports stop answering', async () => {
    const node = 'ambient-worker';
    const zt = await ztunnelOn(node);
    const down = await fetch(`${sim.httpUrl}/sim/control`, { method: 'POST', body: JSON.stringify({ action: 'ztunnel-down', node }) });
    expect(down.status).toBe(200);
    const cr = (await kc().makeApiClient(CustomObjectsApi).getClusterCustomObject({ group: 'sailoperator.io', version: 'v1alpha1', plural: 'ztunnels', name: 'default' })) as { status: { state: string } };
    expect(cr.status.state).toBe('DaemonSetNotReady');
    const ds = await kc().makeApiClient(AppsV1Api).readNamespacedDaemonSet({ namespace: 'ztunnel', name: 'ztunnel' });
    expect(ds.status?.numberReady).toBe(2);
    expect((await fetch(`${sim.httpUrl}/sim/pods/ztunnel/${zt}/metrics`)).status).toBe(503);
    await expect(fetchThroughPortForward(kc(), 'ztunnel', zt, 15000, '/config_dump')).rejects.toThrow();
    // Clients elsewhere calling pods on that node now fail to connect (CONNECT on the source side).
    const other = await ztunnelOn('ambient-worker2');
    expect(await (await fetch(`${sim.httpUrl}/sim/pods/ztunnel/${other}/metrics`)).text()).toMatch(/istio_tcp_connections_closed_total\{reporter="source"[^}]*response_flags="CONNECT"/);

    expect((await fetch(`${sim.httpUrl}/sim/control`, { method: 'POST', body: JSON.stringify({ action: 'ztunnel-up', node }) })).status).toBe(200);
    expect((await fetch(`${sim.httpUrl}/sim/pods/ztunnel/${zt}/metrics`)).status).toBe(200);
    expect((await fetch(`${sim.httpUrl}/sim/control`, { method: 'POST', body: '{"action":"ztunnel-down","node":"nope"}' })).status).toBe(404);
    expect((await fetch(`${sim.httpUrl}/sim/control`, { method: 'POST', body: '{"action":"explode"}' })).status).toBe(400);
  });

  it('serves ztunnel access logs through the pods/log API with tailLines', async () => {
    const zt = await ztunnelOn('ambient-worker');
    const text = await core().readNamespacedPodLog({ namespace: 'ztunnel', name: zt, container: 'istio-proxy', tailLines: 5 });
    const lines = text.trim().split('\n');
    expect(lines.length).toBeLessThanOrEqual(5);
    expect(lines.length).toBeGreaterThan(0);
    for (const l of lines) expect(l).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z\t(info|error)\taccess\tconnection complete\tsrc\.addr=/);
  });

  it('generates waypoint resources for a new Gateway and removes them with it', async () => {
    const custom = kc().makeApiClient(CustomObjectsApi);
    const ref = { group: 'gateway.networking.k8s.io', version: 'v1', namespace: 'frontend', plural: 'gateways' };
    await custom.createNamespacedCustomObject({ ...ref, body: { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: { name: 'waypoint', namespace: 'frontend' }, spec: { gatewayClassName: 'istio-waypoint', listeners: [{ name: 'mesh', port: 15008, protocol: 'HBONE' }] } } });
    await settle();
    const apps = kc().makeApiClient(AppsV1Api);
    const dep = await apps.readNamespacedDeployment({ namespace: 'frontend', name: 'waypoint' });
    expect(dep.metadata?.labels?.['gateway.istio.io/managed']).toBe('istio.io-mesh-controller');
    const pods = await core().listNamespacedPod({ namespace: 'frontend', labelSelector: 'gateway.networking.k8s.io/gateway-name=waypoint' });
    expect(pods.items).toHaveLength(1);
    expect((await core().readNamespacedService({ namespace: 'frontend', name: 'waypoint' })).spec?.ports?.map((p) => p.port)).toEqual([15021, 15008]);
    const gw = (await custom.getNamespacedCustomObject({ ...ref, name: 'waypoint' })) as { status?: { conditions?: { type: string; status: string }[] } };
    expect(gw.status?.conditions?.find((c) => c.type === 'Programmed')?.status).toBe('True');
    await custom.deleteNamespacedCustomObject({ ...ref, name: 'waypoint' });
    await settle();
    await expect(apps.readNamespacedDeployment({ namespace: 'frontend', name: 'waypoint' })).rejects.toThrow();
  });

  it('authenticates the default users and scopes them', async () => {
    expect((await core('alice-token').listNamespacedPod({ namespace: 'bookinfo' })).items.length).toBeGreaterThan(5);
    await expect(core('alice-token').listNamespacedPod({ namespace: 'legacy' })).rejects.toThrow();
    await expect(core('bob-token').listNamespacedPod({ namespace: 'bookinfo' })).rejects.toThrow();
    await expect(core('wrong').listNamespace()).rejects.toThrow();
  });

  it('answers /sim/sd and /sim/traffic with validated parameters', async () => {
    const sd = (await (await fetch(`${sim.httpUrl}/sim/sd`)).json()) as { targets: string[]; labels: Record<string, string> }[];
    expect(sd.filter((t) => t.labels.app === 'ztunnel')).toHaveLength(3);
    expect(sd.find((t) => t.labels.gateway_networking_k8s_io_gateway_name === 'waypoint')?.labels.__metrics_path__).toMatch(/^\/sim\/pods\/bookinfo\/waypoint-.*\/stats\/prometheus$/);
    expect((await fetch(`${sim.httpUrl}/sim/traffic?duration=abc`)).status).toBe(400);
    expect((await fetch(`${sim.httpUrl}/sim/traffic?namespaces=a%7Bb`)).status).toBe(400);
  });

  it('answers /sim/traffic/range with the samples at each step, as /sim/traffic answers each instant', async () => {
    const end = Math.floor(Date.now() / 1000);
    const start = end - 120;
    const range = (await (await fetch(`${sim.httpUrl}/sim/traffic/range?namespaces=bookinfo&duration=60&start=${start}&end=${end}&step=60`)).json()) as { time: number; samples: { tcp: unknown[] } }[];
    expect(range.map((r) => r.time)).toEqual([start, start + 60, end]);
    const instant = (await (await fetch(`${sim.httpUrl}/sim/traffic?namespaces=bookinfo&duration=60&time=${start + 60}`)).json()) as unknown;
    expect(range[1]?.samples).toEqual(instant);
    expect(range[1]?.samples.tcp.length).toBeGreaterThan(0);
    expect((await fetch(`${sim.httpUrl}/sim/traffic/range?namespaces=bookinfo&start=${end}&end=${start}&step=60`)).status).toBe(400);
    expect((await fetch(`${sim.httpUrl}/sim/traffic/range?namespaces=bookinfo&start=1&end=${end}&step=1`)).status).toBe(400);
  });

  it('answers /sim/traffic posted as a form, for 200 valid namespace names of 63 characters', async () => {
    const names = Array.from({ length: 200 }, (_, i) => `${String(i).padStart(3, '0')}-${'n'.repeat(59)}`);
    const body = new URLSearchParams({ namespaces: ['bookinfo', ...names].join(','), duration: '300' });
    const response = await fetch(`${sim.httpUrl}/sim/traffic`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { tcp: unknown[] }).tcp.length).toBeGreaterThan(0);
  });
});
