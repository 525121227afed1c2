// buildGraph on generated meshes (1k, 5k and 10k workloads): milliseconds per build, the median of
// several builds after a warm-up, with the CPU the process spent beside it (on a shared machine the
// wall time includes waiting for a core; the CPU figure does not). Samples are shaped like the agg3
// queries' answers: one view per edge, four TCP counters per series, label objects shared per
// distinct tuple, as the Prometheus parser hands them over. Cheap: about 30 builds in all.
import { buildGraph, type GraphOptions } from '../lib/graph/build';
import type { Inventory, InventoryWorkload } from '../lib/graph/inventory';
import type { DestinationLabels, PeerLabels, TcpSample, TrafficSamples } from '../lib/graph/samples';
import { writeBenchSection } from './bench-doc';
import { prng } from '../testing/harness/prng';

export interface BenchFigure {
  name: string;
  value: number;
  unit: string;
}

export function generateMesh(workloads: number, perNamespace = 50): { samples: TrafficSamples; inventory: Inventory; namespaces: string[] } {
  const rand = prng(workloads);
  const namespaces = Array.from({ length: Math.ceil(workloads / perNamespace) }, (_, i) => `ns-${String(i).padStart(3, '0')}`);
  const peers: PeerLabels[] = Array.from({ length: workloads }, (_, i) => {
    const ns = namespaces[Math.floor(i / perNamespace)] as string;
    const app = `svc-${String(i % perNamespace).padStart(2, '0')}`;
    return { cluster: 'Kubernetes', namespace: ns, workload: `${app}-v1`, canonicalService: app, canonicalRevision: 'v1', app, version: 'v1', principal: `spiffe://cluster.local/ns/${ns}/sa/${app}` };
  });
  // One object per distinct label tuple, as the parser's interner hands them over (lib/prometheus/label-interner.ts),
  // and, like its objects, literals of one shape: a spread copy gets a hidden class of its own (lib/graph/copy.ts),
  // which made every read of a destination in the core megamorphic and this bench slower than real answers.
  const destinationLabels = (p: PeerLabels, workload: string, namespace: string, principal: string): DestinationLabels => ({
    cluster: p.cluster, namespace, workload, canonicalService: p.canonicalService, canonicalRevision: p.canonicalRevision, app: p.app, version: p.version, principal,
    service: `${p.canonicalService}.${p.namespace}.svc.cluster.local`, serviceName: p.canonicalService, serviceNamespace: p.namespace,
  });
  const destinations = peers.map((p) => destinationLabels(p, p.workload, p.namespace, p.principal));
  const unnamed = peers.map((p) => destinationLabels(p, 'unknown', 'unknown', 'unknown'));
  const nowhere: DestinationLabels = {
    cluster: 'unknown', namespace: 'unknown', workload: 'unknown', canonicalService: 'unknown', canonicalRevision: 'unknown', app: 'unknown', version: 'unknown', principal: 'unknown',
    service: 'unknown', serviceName: 'unknown', serviceNamespace: 'unknown',
  };
  const tcp: TcpSample[] = [];
  const push = (source: PeerLabels, destination: DestinationLabels, policy: string, scale: number) => {
    // Object literals of one shape, as the parser makes them: spread copies ({ ...base, metric }) got a
    // hidden class each in V8, which made every read in the core megamorphic (~10x slower than real answers).
    const sample = (metric: TcpSample['metric'], securityPolicy: string, value: number): TcpSample => ({ metric, source, destination, securityPolicy, responseFlags: '-', value });
    tcp.push(sample('receivedBytes', policy, 1000 * scale), sample('sentBytes', policy, 4000 * scale), sample('connectionsOpened', policy, scale));
    tcp.push(sample('connectionsClosed', 'unknown', scale));
  };
  peers.forEach((src, i) => {
    const edges = 2 + Math.floor(rand() * 3);
    for (let e = 0; e < edges; e++) {
      const sameNs = rand() < 0.7;
      const j = Math.min(sameNs ? Math.floor(i / perNamespace) * perNamespace + Math.floor(rand() * perNamespace) : Math.floor(rand() * workloads), workloads - 1);
      const dst = destinations[j] as DestinationLabels;
      const kind = rand();
      if (kind < 0.9) push(src, dst, 'mutual_tls', 1);
      if (kind < 0.09) push(src, dst, 'unknown', 0.2);
      if (kind >= 0.9 && kind < 0.95) push(src, unnamed[j] as DestinationLabels, 'unknown', 1);
      if (kind >= 0.95) push(src, nowhere, 'unknown', 1);
    }
  });
  const inventoryWorkloads: InventoryWorkload[] = peers.map((p) => ({
    cluster: p.cluster, namespace: p.namespace, name: p.workload, kind: 'Deployment', app: p.app, version: p.version, serviceAccount: p.app,
    principal: p.principal, enrollment: 'ambient', enrollmentReason: 'namespace labelled', protocol: 'HBONE', isWaypoint: false, isIngressGateway: false, pods: 1, labels: {},
  }));
  return {
    samples: { tcp, http: [], latency: [] },
    namespaces,
    inventory: {
      trustDomain: 'cluster.local',
      namespaces: namespaces.map((name) => ({ name, labels: {}, ambientLabelled: true, discovered: true })),
      workloads: inventoryWorkloads,
      services: peers.map((p) => ({ namespace: p.namespace, name: p.canonicalService, hostname: `${p.canonicalService}.${p.namespace}.svc.cluster.local`, workloads: [p.workload] })),
    },
  };
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

/** Milliseconds of CPU (user + system) this process has used. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

export async function run(): Promise<BenchFigure[]> {
  const figures: BenchFigure[] = [];
  for (const size of [1000, 5000, 10000]) {
    const mesh = generateMesh(size);
    for (const graphType of ['workload', 'app'] as const) {
      const options: GraphOptions = { graphType, namespaces: mesh.namespaces, duration: 600, queryTime: 1, waypoints: 'show', idle: true };
      buildGraph(mesh.samples, mesh.inventory, options); // warm-up
      const wall: number[] = [];
      const cpu: number[] = [];
      let edges = 0;
      for (let i = 0; i < 5; i++) {
        const c0 = cpuMs();
        const t0 = performance.now();
        edges = buildGraph(mesh.samples, mesh.inventory, options).edges.length;
        wall.push(performance.now() - t0);
        cpu.push(cpuMs() - c0);
      }
      const what = `buildGraph ${size} workloads, ${mesh.samples.tcp.length} samples, ${edges} edges, ${graphType} (median of 5)`;
      figures.push({ name: what, value: round1(median(wall)), unit: 'ms' }, { name: `${what}, CPU`, value: round1(median(cpu)), unit: 'ms' });
    }
  }
  writeBenchSection('## Graph core (scripts/bench-graph.ts)', [
    'buildGraph on generated meshes (namespaces of 50 workloads, 2-4 callees each, four TCP counters per series, label objects',
    'shared per tuple as the parser hands them over), median of 5 builds after a warm-up; CPU is what the process spent beside',
    `the wall time (the machine is shared). Run: \`npm run bench -- --only graph\`; written by the run on ${new Date().toISOString().slice(0, 10)}.`,
  ], figures);
  return figures;
}
