import { describe, expect, it } from 'vitest';
import { parseFindExpression } from './find-expression';
import { findMatches, hideMatches } from './find-subjects';
import { bookinfo } from '@/testing/fixtures/graph-model';

const graph = bookinfo();

function find(text: string) {
  const parsed = parseFindExpression(text);
  if (!parsed.ok) throw new Error(parsed.error);
  const m = findMatches(graph, parsed.expr, parsed.targets);
  return { nodes: [...m.nodes].map((id) => id.split('/').pop()).sort(), edges: [...m.edges].sort() };
}

const errorOf = (text: string) => {
  const parsed = parseFindExpression(text);
  return parsed.ok ? null : parsed.error;
};

describe('parseFindExpression', () => {
  it('parses comparisons, flags, and/or/not with or binding weaker than and', () => {
    const parsed = parseFindExpression('namespace=bookinfo and not idle or enrollment=none');
    expect(parsed.ok && parsed.expr.type).toBe('or');
    expect(parsed.ok && parsed.targets).toEqual(['node']);
  });

  it('reads operators glued to their operands', () => {
    const parsed = parseFindExpression('mtls<100');
    expect(parsed).toMatchObject({ ok: true, expr: { type: 'compare', attribute: 'mtls', op: '<', value: 100 } });
  });

  it('understands k/M suffixes, percent signs and quoted values', () => {
    expect(parseFindExpression('throughput>=1.5k')).toMatchObject({ expr: { value: 1500 } });
    expect(parseFindExpression('mtls<50%')).toMatchObject({ expr: { value: 50 } });
    expect(parseFindExpression('name="reviews v2"')).toMatchObject({ expr: { value: 'reviews v2' } });
  });

  it('explains what is wrong', () => {
    expect(errorOf('')).toBe('empty expression');
    expect(errorOf('colour=red')).toMatch(/unknown attribute "colour"/);
    expect(errorOf('mtls<lots')).toMatch(/mtls is a number/);
    expect(errorOf('namespace<b')).toMatch(/use = or !=/);
    expect(errorOf('(idle or outside')).toMatch(/missing "\)"/);
    expect(errorOf('idle outside')).toMatch(/unexpected "outside"/);
    expect(errorOf('bookinfo')).toMatch(/namespace=bookinfo/);
    expect(errorOf('mtls<')).toMatch(/needs a value/);
    expect(errorOf('name="open')).toMatch(/unclosed quote/);
  });

  it('refuses an and between a node-only and an edge-only condition', () => {
    expect(errorOf('namespace=bookinfo and mtls<100')).toMatch(/nothing is both; use or/);
    expect(errorOf('namespace=bookinfo or mtls<100')).toBeNull();
    expect(errorOf('protocol=tcp and mtls<100')).toBeNull();
  });
});

describe('findMatches on Bookinfo', () => {
  it('namespace=bookinfo finds the Bookinfo nodes only', () => {
    expect(find('namespace=bookinfo').nodes).toEqual(['details-v1', 'productpage-v1', 'ratings-v1', 'reviews-v1', 'reviews-v2', 'reviews-v3', 'waypoint']);
    expect(find('namespace=bookinfo').edges).toEqual([]);
  });

  it('mtls<100 finds plaintext and partial edges, not fully mTLS ones nor nodes', () => {
    const { nodes, edges } = find('mtls<100');
    expect(nodes).toEqual([]);
    expect(edges).toHaveLength(5);
    expect(edges).toContain('Kubernetes/bookinfo/productpage-v1->Kubernetes/bookinfo/reviews-v3');
    expect(find('plaintext or partial').edges).toEqual(edges);
  });

  it('protocol=tcp matches edges by L4 protocol, case-insensitively', () => {
    expect(find('protocol=TCP').edges).toHaveLength(9);
    expect(find('protocol=http').edges).toEqual(['Kubernetes/bookinfo/productpage-v1->Kubernetes/bookinfo/waypoint']);
    // On nodes, protocol is the dataplane protocol.
    expect(find('protocol=tcp').nodes).toEqual(['loadgen', 'reviews-v3']);
  });

  it('enrollment=none, with and / or / not and wildcards', () => {
    expect(find('enrollment=none').nodes).toEqual(['loadgen']);
    expect(find('enrollment=none or enrollment=sidecar').nodes).toEqual(['loadgen', 'reviews-v3']);
    expect(find('name=reviews-* and not enrollment=sidecar').nodes).toEqual(['reviews-v1', 'reviews-v2']);
    expect(find('kind=unknown or external').nodes).toEqual(['external:api.example.com', 'unknown']);
  });

  it('matches principals in lists', () => {
    expect(find('destprincipal=*sa/bookinfo-ratings').edges).toHaveLength(2);
    expect(find('sourceprincipal=*loadgen*').edges).toEqual([]);
  });

  it('a condition on a missing attribute matches nothing', () => {
    expect(find('latency>0').edges).toEqual(['Kubernetes/bookinfo/productpage-v1->Kubernetes/bookinfo/waypoint']);
    expect(find('version=v1').nodes).toEqual(['details-v1', 'productpage-v1', 'ratings-v1', 'reviews-v1']);
  });
});

describe('hideMatches', () => {
  it('removes matching nodes with their edges', () => {
    const parsed = parseFindExpression('enrollment=none or unknown');
    if (!parsed.ok) throw new Error(parsed.error);
    const hidden = hideMatches(graph, findMatches(graph, parsed.expr, parsed.targets));
    expect(hidden.nodes).toHaveLength(graph.nodes.length - 2);
    expect(hidden.edges).toHaveLength(graph.edges.length - 2);
    expect(hidden.edges.every((e) => hidden.nodes.some((n) => n.id === e.source))).toBe(true);
  });
});
