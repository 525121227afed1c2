import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '@/sim/index';
import { KubeLayer } from './layer';

// The whole simulated Bookinfo cluster (sim/index.ts): its istio-cni controller, ztunnels and logs.
let sim: Simulator;
let kc: KubeConfig;
let layer: KubeLayer;
beforeAll(async () => {
  sim = await startSimulator({ scenario: 'bookinfo' });
  kc = new KubeConfig();
  kc.loadFromFile(sim.kubeconfigPath);
  layer = new KubeLayer(kc, { reflector: { minBackoffMs: 50, maxBackoffMs: 500, recheckMs: 500, watchTimeoutSeconds: 600 } });
});
afterAll(async () => {
  layer.stop();
  await sim.stop();
});

async function until<T>(read: () => Promise<T>, ok: (t: T) => boolean, timeoutMs = 8000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not met: ${JSON.stringify(value).slice(0, 300)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('Kubernetes layer on the simulated Bookinfo cluster', () => {
  it('names every workload exactly as the ztunnels do', async () => {
    const view = await layer.ztunnelView();
    expect(view.ztunnels).toHaveLength(3);
    expect(view.ztunnels.every((z) => z.ok)).toBe(true);
    const inventory = await layer.inventorySource().inventory();
    const names = new Set(inventory.workloads.map((w) => `${w.namespace}/${w.name}`));
    const fromZtunnel = view.workloads.filter((w) => w.workloadName).map((w) => `${w.namespace}/${w.workloadName}`);
    expect(fromZtunnel.length).toBeGreaterThan(5);
    expect(fromZtunnel.filter((n) => !names.has(n))).toEqual([]);
    // What ztunnel says about capture agrees with the redirection annotations.
    const rows = await layer.workloads('bookinfo');
    for (const w of rows.filter((r) => r.ztunnelProtocol && !r.isWaypoint)) {
      expect([w.name, w.ztunnelProtocol === 'HBONE']).toEqual([w.name, w.enrollment === 'ambient']);
    }
    expect(rows.find((w) => w.name === 'waypoint')).toMatchObject({ isWaypoint: true, enrollment: 'ambient' });
  });

  it('follows a namespace being enrolled and unenrolled through a real PATCH (istio-cni annotates the pods)', async () => {
    const api = kc.makeApiClient(CoreV1Api);
    const legacy = () => layer.workloads('legacy');
    expect((await legacy()).every((w) => w.enrollment === 'none')).toBe(true);
    await api.patchNamespace({ name: 'legacy', body: [{ op: 'add', path: '/metadata/labels/istio.io~1dataplane-mode', value: 'ambient' }] });
    const enrolled = await until(legacy, (ws) => ws.length > 0 && ws.every((w) => w.enrollment === 'ambient'));
    expect(enrolled[0]?.enrollmentReason).toContain('namespace label');
    expect((await layer.namespaces()).find((n) => n.name === 'legacy')).toMatchObject({ ambient: true, enrollment: { state: 'ambient' } });
    await api.patchNamespace({ name: 'legacy', body: [{ op: 'remove', path: '/metadata/labels/istio.io~1dataplane-mode' }] });
    await until(legacy, (ws) => ws.every((w) => w.enrollment === 'none'));
  });

  it('reads access logs from every ztunnel', async () => {
    const logs = await layer.ztunnelLogs({ tailLines: 50, limit: 100, namespace: 'bookinfo' });
    expect(logs.ztunnels.every((z) => z.ok)).toBe(true);
    expect(logs.lines.length).toBeGreaterThan(0);
    expect(logs.lines.every((l) => l.kind === 'access' && (l.src.namespace === 'bookinfo' || l.dst.namespace === 'bookinfo'))).toBe(true);
  });

  it('builds the authorization input from the cache: policies, waypoints, services, ambient workloads', async () => {
    const input = await layer.authzInput();
    expect(input.rootNamespace).toBe('istio-system');
    expect(input.authorizationPolicies.map((p) => `${p.namespace}/${p.name}`)).toContain('bookinfo/ratings-deny-frontend');
    expect(input.waypoints.find((w) => w.name === 'waypoint')).toMatchObject({ namespace: 'bookinfo', programmed: true, trafficType: 'service' });
    expect(input.services.find((s) => s.name === 'ratings')).toMatchObject({ selector: { app: 'ratings' }, ports: [{ port: 9080 }] });
    const byName = (name: string) => input.workloads.find((w) => w.namespace === 'bookinfo' && w.name === name);
    expect(byName('ratings-v1')).toMatchObject({ ambient: true, sidecar: false, serviceAccount: 'bookinfo-ratings' });
    expect(byName('mysqldb-v1')?.ambient).toBe(false); // labelled, never redirected
    expect(byName('waypoint')?.gateway).toBe('waypoint');
    expect(layer.resourceStates().peerauthentications.status).toBe('ready');
  });

  it('shows the Sail Operator control plane', async () => {
    const cp = await layer.controlPlane();
    expect(cp.sail.state).toBe('installed');
    expect(cp.istios.length).toBeGreaterThan(0);
    expect(cp.ztunnelDaemonSets[0]?.pods).toHaveLength(3);
  });
});
