import cytoscape from 'cytoscape';
import { describe, expect, it } from 'vitest';
import { leafPositions, placeAddedNodes, syncElements } from './graph-sync';
import { bookinfo, tcpEdge, workload } from '@/testing/fixtures/graph-model';
import { toElements, type ElementOptions } from './to-elements';

const options: ElementOptions = { edgeLabel: 'throughput', badges: { security: true, waypoint: true, enrollment: true }, boxes: true };

describe('syncElements on a headless cytoscape', () => {
  it('keeps every drawn node in place across a refresh, updates data, places only the new node', () => {
    const cy = cytoscape({ headless: true, styleEnabled: false });
    const first = bookinfo();
    const initial = syncElements(cy, toElements(first, options));
    expect(initial.fullLayout).toBe(true);
    cy.layout({ name: 'grid' }).run();
    const before = leafPositions(cy);

    // Next refresh: more traffic on one edge, a new workload, the unknown source gone.
    const second = bookinfo();
    const ratings = second.nodes.find((n) => n.id === 'Kubernetes/bookinfo/ratings-v1');
    if (!ratings) throw new Error('fixture changed');
    const cache = workload('bookinfo', 'cache-v1');
    second.nodes = [...second.nodes.filter((n) => n.kind !== 'unknown'), cache];
    second.edges = [...second.edges.filter((e) => e.source !== 'unknown'), tcpEdge(ratings, cache, 100, 1)];
    const firstEdge = second.edges[0];
    if (firstEdge?.tcp) firstEdge.tcp.clientToServerBps = 1_000_000;

    const result = syncElements(cy, toElements(second, options));
    expect(result).toEqual({ addedNodes: ['Kubernetes/bookinfo/cache-v1'], keptNodes: first.nodes.length - 1, fullLayout: false });
    placeAddedNodes(cy, result.addedNodes);

    const after = leafPositions(cy);
    for (const [id, p] of after) {
      if (id === 'Kubernetes/bookinfo/cache-v1') continue;
      expect(p, id).toEqual(before.get(id));
    }
    expect(cy.getElementById('unknown').empty()).toBe(true);
    expect(cy.getElementById(firstEdge?.id ?? '').data('label')).toBe('1 MB/s');
    const placed = after.get('Kubernetes/bookinfo/cache-v1');
    expect(placed?.x).toBeGreaterThan(before.get('Kubernetes/bookinfo/ratings-v1')?.x ?? Infinity);
    expect(cy.getElementById('Kubernetes/bookinfo/cache-v1').parent().map((p) => p.id())).toEqual(['box:ns:Kubernetes/bookinfo']);
    cy.destroy();
  });

  it('asks for a full layout when the picture is mostly new', () => {
    const cy = cytoscape({ headless: true, styleEnabled: false });
    const a = workload('one', 'a');
    syncElements(cy, toElements({ ...bookinfo(), nodes: [a], edges: [] }, options));
    const result = syncElements(cy, toElements(bookinfo(), options));
    expect(result.fullLayout).toBe(true);
    cy.destroy();
  });
});
