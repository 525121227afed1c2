import { describe, expect, it } from 'vitest';
import { largeMesh } from '@/testing/fixtures/large-mesh';
import { bookinfo } from '@/testing/fixtures/graph-model';
import { collapseGraph } from './collapse';
import { collapsePatch, effectiveCollapse, mapNamespaces, namespaceMapActive, NAMESPACE_MAP_LEAVE_NODES, NAMESPACE_MAP_NODES } from './namespace-map';
import { toElements } from './to-elements';
import { defaultViewState } from './view-state';

const big = largeMesh(20, 50);

describe('the namespace map', () => {
  it('opens for graphs above the threshold, not for small ones, node graphs or when switched off', () => {
    expect(big.nodes.length).toBeGreaterThan(NAMESPACE_MAP_NODES);
    expect(namespaceMapActive(big, defaultViewState)).toBe(true);
    expect(namespaceMapActive(bookinfo(), defaultViewState)).toBe(false);
    expect(namespaceMapActive(big, { ...defaultViewState, focus: 'x' })).toBe(false);
    expect(namespaceMapActive(big, { ...defaultViewState, map: 'off' })).toBe(false);
  });

  it('stays open while a refresh wavers around the threshold, and closes well below it', () => {
    const withNodes = (n: number) => ({ ...big, nodes: big.nodes.slice(0, n) });
    expect(namespaceMapActive(withNodes(NAMESPACE_MAP_NODES - 10), defaultViewState)).toBe(false);
    expect(namespaceMapActive(withNodes(NAMESPACE_MAP_NODES - 10), defaultViewState, true)).toBe(true);
    expect(namespaceMapActive(withNodes(NAMESPACE_MAP_LEAVE_NODES), defaultViewState, true)).toBe(false);
    expect(namespaceMapActive(withNodes(NAMESPACE_MAP_NODES + 1), defaultViewState, false)).toBe(true);
  });

  it('folds every namespace but the expanded ones', () => {
    const spec = effectiveCollapse(big, { ...defaultViewState, expand: ['ns-003'] }, true);
    expect(spec.namespaces).toHaveLength(19);
    expect(spec.namespaces).not.toContain('ns-003');
    const drawn = collapseGraph(big, spec);
    expect(drawn.nodes.filter((n) => n.kind === 'aggregate')).toHaveLength(19);
    expect(drawn.nodes.filter((n) => n.kind === 'workload').every((n) => n.namespace === 'ns-003')).toBe(true);
    expect(drawn.nodes.filter((n) => n.kind === 'workload')).toHaveLength(50);
  });

  it('merges edges between namespaces with their mTLS share weighted by bytes', () => {
    const map = collapseGraph(big, effectiveCollapse(big, defaultViewState, true));
    expect(map.nodes).toHaveLength(20);
    const plaintext = map.edges.find((e) => e.source.includes('ns-000') && e.target.includes('ns-001'));
    expect(plaintext?.security.mtlsShare).toBe(0);
    expect(map.edges.find((e) => e.source.includes('ns-001') && e.target.includes('ns-002'))?.security.mtlsShare).toBe(1);
    // Drawn with their throughput and their mTLS share.
    const edge = toElements(map, { edgeLabel: 'throughput', badges: defaultViewState.badges, boxes: false }).find((e) => e.data.id === plaintext?.id);
    expect(edge?.data.label).toMatch(/B\/s · mTLS 0%/);
  });

  it('leaves the collapse as asked when the map is not on', () => {
    const view = { ...defaultViewState, collapse: { namespaces: ['a'], apps: [] } };
    expect(effectiveCollapse(big, view, false)).toBe(view.collapse);
  });

  it('turns the side panel Expand / Collapse into changes of the expanded namespaces', () => {
    const spec = effectiveCollapse(big, defaultViewState, true);
    const expandOne = collapsePatch(big, { ...spec, namespaces: spec.namespaces.filter((n) => n !== 'ns-005') }, true);
    expect(expandOne).toEqual({ collapse: { namespaces: [], apps: [] }, expand: ['ns-005'] });
    const foldBack = collapsePatch(big, { namespaces: mapNamespaces(big), apps: [] }, true);
    expect(foldBack.expand).toEqual([]);
    expect(collapsePatch(big, { namespaces: [], apps: [] }, true)).toMatchObject({ map: 'off' });
    expect(collapsePatch(big, { namespaces: ['x'], apps: [] }, false)).toEqual({ collapse: { namespaces: ['x'], apps: [] } });
  });
});
