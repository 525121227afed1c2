import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreV1Api, Log } from '@kubernetes/client-node';
import { configDump, protocolCluster } from '@/testing/fixtures/clusters';
import { eventually, startKubeApi, statusBody, TOKENS, type KubeApiHarness } from '@/testing/harness/kube-api';
import { fetchThroughPortForward, PortForwardError } from './port-forward-client';

let cluster: KubeApiHarness;
beforeAll(async () => {
  cluster = await startKubeApi(protocolCluster);
});
afterAll(() => cluster.close());

/** Reads a log through client-node's Log class, as the app streams it. */
async function readLog(pod: string, container: string, options: { tailLines?: number; sinceSeconds?: number; timestamps?: boolean }): Promise<string> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise((resolve) => out.on('end', resolve));
  await new Log(cluster.kubeConfig()).log('bookinfo', pod, container, out, { follow: false, ...options });
  await ended;
  return Buffer.concat(chunks).toString('utf8');
}

describe('pod logs', () => {
  it('passes tailLines, sinceSeconds and timestamps to the mesh and returns its text', async () => {
    expect(await readLog('reviews-v1-def', 'reviews', { tailLines: 2 })).toBe('reviews line 4\nreviews line 5\n');
    expect(cluster.logCalls.at(-1)).toEqual({ namespace: 'bookinfo', pod: 'reviews-v1-def', options: { container: 'reviews', tailLines: 2, timestamps: false } });
    expect(await readLog('reviews-v1-def', 'reviews', { sinceSeconds: 90 })).toBe('reviews line 3\nreviews line 4\nreviews line 5\n');
    expect(cluster.logCalls.at(-1)?.options.sinceSeconds).toBe(90);
    const stamped = await readLog('reviews-v2-ghi', 'istio-proxy', { tailLines: 1, timestamps: true });
    expect(stamped).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z istio-proxy line 5\n$/);
  });

  it('serves the generated readNamespacedPodLog as text/plain', async () => {
    const core = cluster.kubeConfig().makeApiClient(CoreV1Api);
    const text = await core.readNamespacedPodLog({ namespace: 'bookinfo', name: 'productpage-v1-abc', tailLines: 1 });
    expect(text).toBe('productpage line 5\n');
  });

  it('answers 404 for a missing pod and 400 for a container not in the pod', async () => {
    const core = cluster.kubeConfig().makeApiClient(CoreV1Api);
    const missing = await core.readNamespacedPodLog({ namespace: 'bookinfo', name: 'ghost' }).catch((e: unknown) => e);
    expect(statusBody(missing)).toMatchObject({ code: 404, reason: 'NotFound', message: 'pods "ghost" not found' });
    const wrong = await core.readNamespacedPodLog({ namespace: 'bookinfo', name: 'reviews-v1-def', container: 'istio-proxy' }).catch((e: unknown) => e);
    expect(statusBody(wrong)).toMatchObject({ code: 400, reason: 'BadRequest', message: 'container istio-proxy is not valid for pod reviews-v1-def' });
    const ambiguous = await core.readNamespacedPodLog({ namespace: 'bookinfo', name: 'reviews-v2-ghi' }).catch((e: unknown) => e);
    expect(statusBody(ambiguous)).toMatchObject({ code: 400, message: 'a container name must be specified for pod reviews-v2-ghi, choose one of: [reviews istio-proxy]' });
    const logClient = new Log(cluster.kubeConfig());
    await expect(logClient.log('bookinfo', 'ghost', 'x', new PassThrough(), { follow: false })).rejects.toMatchObject({ code: 404 });
  });
});

describe('port-forward', () => {
  it('carries GET /config_dump to the admin port and back through client-node PortForward', async () => {
    const response = await fetchThroughPortForward(cluster.kubeConfig(), 'ztunnel', 'ztunnel-aaaaa', 15000, '/config_dump', 5000);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/json');
    expect(JSON.parse(response.body)).toEqual(configDump);
    expect(cluster.forwarded.at(-1)).toMatchObject({ method: 'GET', path: '/config_dump', headers: { host: 'localhost:15000' } });
    await eventually(() => cluster.api.openPortForwardCount() === 0);
  });

  it('returns what the listener answers for other paths', async () => {
    const response = await fetchThroughPortForward(cluster.kubeConfig(), 'ztunnel', 'ztunnel-aaaaa', 15000, '/nope', 5000);
    expect(response).toMatchObject({ status: 404, body: 'not found' });
  });

  it('reports the kubelet error on the error channel when nothing listens', async () => {
    const err = await fetchThroughPortForward(cluster.kubeConfig(), 'ztunnel', 'ztunnel-bbbbb', 15000, '/config_dump', 5000).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PortForwardError);
    expect((err as Error).message).toMatch(/^error forwarding port 15000 to pod [0-9a-f]{64}, uid : failed to execute portforward in network namespace ".*": failed to connect to localhost:15000 inside namespace/);
    expect((err as Error).message).toContain('dial tcp4 127.0.0.1:15000: connect: connection refused');
  });

  it('refuses the upgrade for a missing pod (404) and a bad token (401)', async () => {
    const missing = await fetchThroughPortForward(cluster.kubeConfig(), 'ztunnel', 'ghost', 15000, '/', 2000).catch((e: unknown) => e);
    expect(String(missing)).toContain('404');
    const unauth = await fetchThroughPortForward(cluster.kubeConfig('bogus'), 'ztunnel', 'ztunnel-aaaaa', 15000, '/', 2000).catch((e: unknown) => e);
    expect(String(unauth)).toContain('401');
  });

  it('forbids a restricted user outside their namespaces but lets them forward inside', async () => {
    const denied = await fetchThroughPortForward(cluster.kubeConfig(TOKENS.dev), 'ztunnel', 'ztunnel-aaaaa', 15000, '/', 2000).catch((e: unknown) => e);
    expect(String(denied)).toContain('403');
    const inside = await fetchThroughPortForward(cluster.kubeConfig(TOKENS.dev), 'bookinfo', 'productpage-v1-abc', 9080, '/', 2000).catch((e: unknown) => e);
    expect(inside).toBeInstanceOf(PortForwardError);
  });

  it('answers a plain GET on portforward with 400 Upgrade request required', async () => {
    const res = await cluster.fetch(`/api/v1/namespaces/ztunnel/pods/ztunnel-aaaaa/portforward?ports=15000`, { headers: { Authorization: `Bearer ${TOKENS.admin}` } });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ message: 'Upgrade request required' });
  });
});
