// A generated cluster for benchmarks: N namespaces x M workloads (one pod, one Service, one
// ServiceAccount each) over 3..100 nodes, every workload calling a few others. Deterministic per seed.

import type { BuildOptions, FlowSpec, Scenario } from './types';
import { BuildContext } from './objects';
import { buildControlPlane, DISCOVERY } from './control-plane';
import { applyInitialRedirection } from './redirection';
import { hash32 } from './ids';

export interface ScaleOptions extends BuildOptions {
  namespaces: number;
  workloadsPerNamespace: number;
  nodes?: number;
  /** Outgoing calls per workload (default 2). */
  fanOut?: number;
  /** Share of namespaces enrolled in ambient (default 0.9; the rest are discovered but not enrolled). */
  ambientShare?: number;
}

export const scaleOptionsLimits = { maxWorkloads: 10_000, minNodes: 3, maxNodes: 100 };

const pad = (n: number, width: number) => String(n).padStart(width, '0');

export function buildScale(options: ScaleOptions): Scenario {
  const { namespaces, workloadsPerNamespace } = options;
  if (!Number.isInteger(namespaces) || !Number.isInteger(workloadsPerNamespace) || namespaces < 1 || workloadsPerNamespace < 1) {
    throw new Error('scale: namespaces and workloadsPerNamespace must be positive integers');
  }
  if (namespaces * workloadsPerNamespace > scaleOptionsLimits.maxWorkloads) throw new Error(`scale: at most ${scaleOptionsLimits.maxWorkloads} workloads`);
  const nodeCount = Math.min(scaleOptionsLimits.maxNodes, Math.max(scaleOptionsLimits.minNodes, options.nodes ?? 3));
  const seed = options.seed ?? 'scale';
  const createdAt = options.createdAt ?? Date.UTC(2025, 0, 10, 9, 0, 0) / 1000;
  const ctx = new BuildContext(seed, new Date(createdAt * 1000).toISOString().replace('.000Z', 'Z'));
  const nodes = Array.from({ length: nodeCount }, (_, i) => (i === 0 ? 'scale-control-plane' : `scale-worker${i === 1 ? '' : i}`));
  for (const n of nodes) ctx.node(n);
  buildControlPlane(ctx, nodes);

  const ambientShare = options.ambientShare ?? 0.9;
  const fanOut = options.fanOut ?? 2;
  const nsWidth = Math.max(3, String(namespaces).length);
  const wWidth = Math.max(3, String(workloadsPerNamespace).length);
  const nsName = (i: number) => `ns-${pad(i, nsWidth)}`;
  const app = (j: number) => `svc-${pad(j, wWidth)}`;
  const flows: FlowSpec[] = [];
  for (let i = 0; i < namespaces; i++) {
    const ns = nsName(i);
    const ambient = (hash32(`${seed}/ns/${i}`) % 1000) / 1000 < ambientShare;
    ctx.namespace(ns, { ...DISCOVERY, ...(ambient ? { 'istio.io/dataplane-mode': 'ambient' } : {}) });
    for (let j = 0; j < workloadsPerNamespace; j++) {
      const name = app(j);
      ctx.serviceAccount(ns, name, { account: name });
      ctx.service(ns, name, { labels: { app: name, service: name }, selector: { app: name }, ports: [{ port: 8080, name: 'http' }] });
      ctx.deployment({
        namespace: ns,
        name: `${name}-v1`,
        labels: { app: name, version: 'v1' },
        selector: { app: name, version: 'v1' },
        podLabels: { app: name, version: 'v1' },
        podSpec: { serviceAccountName: name, containers: [{ name: 'app', image: 'docker.io/example/app:1.0', ports: [{ containerPort: 8080 }] }] },
        nodes: [nodes[hash32(`${seed}/${ns}/${name}`) % nodes.length]!],
      });
      for (let k = 0; k < fanOut; k++) {
        const h = hash32(`${seed}/flow/${i}/${j}/${k}`);
        // Mostly calls inside the namespace, one in ten across namespaces.
        const targetNs = h % 10 === 0 ? nsName((i + 1 + (h % namespaces)) % namespaces) : ns;
        let target = (j + 1 + ((h >>> 8) % Math.max(1, workloadsPerNamespace - 1))) % workloadsPerNamespace;
        if (targetNs === ns && target === j) target = (j + 1) % workloadsPerNamespace;
        if (targetNs === ns && target === j) continue;
        const conns = 0.05 + ((h >>> 4) % 20) / 100;
        flows.push({
          id: `${ns}/${name}/${k}`,
          client: { namespace: ns, workload: `${name}-v1` },
          target: { kind: 'service', namespace: targetNs, name: app(target), port: 8080 },
          requestBytesPerSecond: 100 + ((h >>> 12) % 50) * 20,
          responseBytesPerSecond: 500 + ((h >>> 16) % 100) * 40,
          connectionsPerSecond: Math.round(conns * 100) / 100,
        });
      }
    }
  }
  applyInitialRedirection(ctx.objects);
  return { name: 'scale', seed, clusterId: 'Kubernetes', trustDomain: 'cluster.local', objects: ctx.objects, flows };
}
