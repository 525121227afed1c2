// The real kubectl against the simulated cluster: TLS verified with the kubeconfig's CA, the
// server-side Table printing, describe, label/annotate, logs, port-forward, auth can-i, pods/proxy.
// kubectl must be on PATH (scripts/test-all.sh installs Debian's kubernetes-client when it is not).
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from './index';
import { keys } from './mesh/resource-types';

let sim: Simulator;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function kubectl(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile('kubectl', ['--kubeconfig', sim.kubeconfigPath, ...args], { timeout: 30_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

async function ok(...args: string[]): Promise<string> {
  const run = await kubectl(...args);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return run.stdout;
}

const podNamed = async (namespace: string, prefix: string): Promise<string> => {
  const names = (await ok('get', 'pods', '-n', namespace, '-o', 'name')).split('\n').map((n) => n.replace(/^pod\//, ''));
  const name = names.find((n) => n.startsWith(prefix));
  if (!name) throw new Error(`no pod ${prefix}* in ${namespace}`);
  return name;
};

beforeAll(async () => {
  sim = await startSimulator({ scenario: 'bookinfo', profile: 'constant', adminToken: 'kubectl-admin' });
}, 60_000);
afterAll(async () => {
  await sim?.stop();
});

describe('kubectl against the simulated cluster', () => {
  it('verifies the API server with the kubeconfig CA, with no way around it', async () => {
    const config = readFileSync(sim.kubeconfigPath, 'utf8');
    expect(config).toContain('certificate-authority-data:');
    expect(config).not.toMatch(/insecure-skip-tls-verify/);
    expect(sim.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const version = await ok('version', '-o', 'json');
    expect(JSON.parse(version)).toMatchObject({ serverVersion: { major: '1' } });
    // Another CA does not verify it.
    const other = await startSimulator({ scenario: 'bookinfo', profile: 'constant' });
    try {
      const wrongCa = await kubectl('--server', other.url, 'get', 'ns');
      expect(wrongCa.code).not.toBe(0);
      expect(wrongCa.stderr).toMatch(/certificate signed by unknown authority/);
    } finally {
      await other.stop();
    }
  });

  it('get pods -o wide lists productpage with its node and IP (server-side Table)', async () => {
    const out = await ok('get', 'pods', '-n', 'bookinfo', '-o', 'wide');
    const lines = out.trim().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE\s+NOMINATED NODE\s+READINESS GATES$/);
    const productpage = lines.find((l) => l.startsWith('productpage-v1-'));
    expect(productpage).toMatch(/^productpage-v1-\S+\s+1\/1\s+Running\s+0\s+\S+\s+10\.244\.\d+\.\d+\s+ambient-\S+\s+<none>\s+<none>$/);
  });

  it('get prints the real columns for namespaces, nodes, deployments, services, daemonsets and the Sail CRDs', async () => {
    expect(await ok('get', 'ns')).toMatch(/^NAME\s+STATUS\s+AGE\n(.*\n)*bookinfo\s+Active\s+\S+\n/);
    expect(await ok('get', 'nodes', '-o', 'wide')).toMatch(/^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION\s+INTERNAL-IP\s+EXTERNAL-IP\s+OS-IMAGE/);
    expect(await ok('get', 'deploy', '-n', 'bookinfo')).toMatch(/^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\n(.*\n)*productpage-v1\s+1\/1\s+1\s+1\s+/);
    expect(await ok('get', 'svc', '-n', 'bookinfo')).toMatch(/^NAME\s+TYPE\s+CLUSTER-IP\s+EXTERNAL-IP\s+PORT\(S\)\s+AGE\n(.*\n)*productpage\s+ClusterIP\s+10\.96\.\d+\.\d+\s+<none>\s+9080\/TCP\s+/);
    expect(await ok('get', 'ds', '-n', 'ztunnel')).toMatch(/^NAME\s+DESIRED\s+CURRENT\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+NODE SELECTOR\s+AGE\nztunnel\s+3\s+3\s+3\s+3\s+3\s+<none>\s+/);
    expect(await ok('get', 'ztunnels.sailoperator.io')).toMatch(/^NAME\s+READY\s+STATUS\s+VERSION\s+AGE\ndefault\s+True\s+Healthy\s+v\S+\s+\S+\n$/);
    expect(await ok('get', 'gateways', '-n', 'bookinfo')).toMatch(/^NAME\s+AGE\n/);
  });

  it('describe exits 0 and shows labels for a pod, a namespace and a deployment', async () => {
    const pod = await podNamed('bookinfo', 'productpage-v1-');
    expect(await ok('describe', 'pod', '-n', 'bookinfo', pod)).toMatch(/Name:\s+productpage-v1-[\s\S]*Labels:\s+app=productpage[\s\S]*Events:\s+<none>/);
    expect(await ok('describe', 'namespace', 'bookinfo')).toMatch(/Labels:[\s\S]*istio\.io\/dataplane-mode=ambient[\s\S]*No resource quota\.[\s\S]*No LimitRange resource\./);
    expect(await ok('describe', 'deployment', '-n', 'bookinfo', 'productpage-v1')).toMatch(/Selector:\s+app=productpage,version=v1[\s\S]*NewReplicaSet:\s+productpage-v1-\S+ \(1\/1 replicas created\)/);
  });

  it('the demo hint works as printed: label legacy into ambient, visible through the API; annotate too', async () => {
    expect(await ok('label', 'namespace', 'legacy', 'istio.io/dataplane-mode=ambient')).toBe('namespace/legacy labeled\n');
    const legacy = sim.store.list(keys.namespaces).find((n) => n.metadata.name === 'legacy');
    expect(legacy?.metadata.labels?.['istio.io/dataplane-mode']).toBe('ambient');
    expect(await ok('get', 'ns', 'legacy', '-o', "jsonpath={.metadata.labels['istio\\.io/dataplane-mode']}")).toBe('ambient');
    expect(await ok('annotate', 'namespace', 'legacy', 'team=payments')).toBe('namespace/legacy annotated\n');
    expect(await ok('get', 'ns', 'legacy', '-o', 'jsonpath={.metadata.annotations.team}')).toBe('payments');
  });

  it('logs of a ztunnel pod print access log lines', async () => {
    const ztunnel = await podNamed('ztunnel', 'ztunnel-');
    const out = await ok('logs', '-n', 'ztunnel', ztunnel, '--tail=20');
    const lines = out.trim().split('\n');
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.length).toBeLessThanOrEqual(20);
    expect(lines.some((l) => /\tinfo\taccess\tconnection complete\tsrc\.addr=\S+ .*dst\.addr=/.test(l))).toBe(true);
  });

  it('port-forward to a ztunnel admin port serves /config_dump with workloads', async () => {
    const ztunnel = await podNamed('ztunnel', 'ztunnel-');
    const child: ChildProcess = spawn('kubectl', ['--kubeconfig', sim.kubeconfigPath, 'port-forward', '-n', 'ztunnel', ztunnel, ':15000'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const port = await new Promise<number>((resolve, reject) => {
        let out = '';
        const timer = setTimeout(() => reject(new Error(`no "Forwarding from" line: ${out}`)), 20_000);
        child.stdout?.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /Forwarding from 127\.0\.0\.1:(\d+) -> 15000/.exec(out);
          if (m) {
            clearTimeout(timer);
            resolve(Number(m[1]));
          }
        });
        child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
        child.on('exit', (code) => reject(new Error(`kubectl port-forward exited ${code}: ${out}`)));
      });
      for (let i = 0; i < 2; i++) {
        // Twice: each local connection is a new pair of streams on the same SPDY session.
        const res = await fetch(`http://127.0.0.1:${port}/config_dump`);
        expect(res.status).toBe(200);
        const dump = (await res.json()) as { workloads: { name: string; namespace: string }[] };
        expect(dump.workloads.some((w) => w.namespace === 'bookinfo' && w.name.startsWith('productpage-v1-'))).toBe(true);
      }
    } finally {
      child.kill('SIGTERM');
    }
  });

  it('auth can-i answers per user as the simulated RBAC says (--as and per token)', async () => {
    const canI = async (...args: string[]) => (await kubectl('auth', 'can-i', ...args)).stdout.trim();
    expect(await canI('list', 'pods', '-n', 'bookinfo')).toBe('yes');
    expect(await canI('list', 'pods', '-n', 'bookinfo', '--as', 'alice')).toBe('yes');
    expect(await canI('list', 'pods', '-n', 'legacy', '--as', 'alice')).toBe('no');
    expect(await canI('list', 'pods', '-n', 'legacy', '--as', 'bob')).toBe('yes');
    expect(await canI('delete', 'pods', '-n', 'legacy', '--as', 'bob')).toBe('no');
    expect(await canI('list', 'pods', '-n', 'bookinfo', '--token', 'alice-token')).toBe('yes');
    expect(await canI('list', 'pods', '-n', 'legacy', '--token', 'alice-token')).toBe('no');
    const denied = await kubectl('get', 'pods', '-n', 'legacy', '--as', 'alice');
    expect(denied.code).toBe(1);
    expect(denied.stderr).toContain('pods is forbidden: User "alice" cannot list resource "pods" in API group "" in the namespace "legacy"');
  });

  it('get --raw through pods/proxy reads a ztunnel metrics port', async () => {
    const ztunnel = await podNamed('ztunnel', 'ztunnel-');
    const metrics = await ok('get', '--raw', `/api/v1/namespaces/ztunnel/pods/${ztunnel}:15020/proxy/metrics`);
    expect(metrics).toMatch(/^# HELP istio_tcp_connections_opened_total /m);
    const refused = await kubectl('get', '--raw', `/api/v1/namespaces/ztunnel/pods/${ztunnel}:9999/proxy/metrics`);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/ServiceUnavailable.*connect: connection refused/);
  });
});
