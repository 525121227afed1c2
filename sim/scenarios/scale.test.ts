// The scale generator: deterministic, bounded, and fast enough for 10,000 workloads.

import { describe, expect, it } from 'vitest';
import { ObjectStore } from '../store';
import { SimMesh } from '../mesh/mesh';
import { buildScale } from './scale';

describe('scale scenario', () => {
  it('is deterministic and validates its bounds', () => {
    const a = buildScale({ namespaces: 3, workloadsPerNamespace: 4, nodes: 5 });
    expect(JSON.stringify(buildScale({ namespaces: 3, workloadsPerNamespace: 4, nodes: 5 }))).toBe(JSON.stringify(a));
    expect(a.objects.filter((o) => o.type === 'nodes')).toHaveLength(5);
    expect(a.objects.filter((o) => o.type === 'pods' && o.object.metadata.namespace?.startsWith('ns-'))).toHaveLength(12);
    expect(() => buildScale({ namespaces: 101, workloadsPerNamespace: 100 })).toThrow(/at most 10000/);
    expect(buildScale({ namespaces: 1, workloadsPerNamespace: 2, nodes: 1000 }).objects.filter((o) => o.type === 'nodes')).toHaveLength(100);
  });

  it('builds 10,000 workloads on 100 nodes and serves a ztunnel scrape', () => {
    const started = performance.now();
    const scenario = buildScale({ namespaces: 100, workloadsPerNamespace: 100, nodes: 100 });
    const mesh = new SimMesh({ store: new ObjectStore(), scenario, profile: 'live', origin: 1_760_000_000 - 3600, now: () => 1_760_000_000 });
    const built = performance.now() - started;
    const z = mesh.targets().find((t) => t.kind === 'ztunnel')!;
    const text = mesh.metricsText(z.namespace, z.pod)!;
    expect(text).toContain('istio_tcp_received_bytes_total{reporter=');
    expect(mesh.view().pods.filter((p) => p.namespace.startsWith('ns-'))).toHaveLength(10_000);
    console.log(`scale 10k: build+mesh ${Math.round(built)} ms, series ${mesh.timeline.segmentAt(1_760_000_000).series.size}, one ztunnel scrape ${text.length} bytes`);
  }, 120_000);
});
