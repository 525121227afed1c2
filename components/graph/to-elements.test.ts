import { describe, expect, it } from 'vitest';
import type { ElementDefinition } from 'cytoscape';
import { edgeLabelText, toElements, type ElementOptions } from './to-elements';
import { bookinfo, tcpEdge, workload } from '@/testing/fixtures/graph-model';

const options: ElementOptions = { edgeLabel: 'throughput', badges: { security: true, waypoint: true, enrollment: true }, boxes: false };
const byId = (els: ElementDefinition[], id: string) => els.find((e) => e.data.id === id)?.data;

describe('to-elements', () => {
  const graph = bookinfo();
  const els = toElements(graph, options);

  it('makes one element per node and edge, and nothing else without boxes', () => {
    expect(els).toHaveLength(graph.nodes.length + graph.edges.length);
  });

  it('classifies every edge by its mTLS share for the Security badge', () => {
    const states = Object.fromEntries(graph.edges.map((e) => [e.id, byId(els, e.id)?.mtls]));
    expect(states['Kubernetes/bookinfo/productpage-v1->Kubernetes/bookinfo/details-v1']).toBe('full');
    expect(states['Kubernetes/bookinfo/productpage-v1->Kubernetes/bookinfo/reviews-v3']).toBe('partial');
    expect(states['unknown->Kubernetes/bookinfo/productpage-v1']).toBe('none');
    expect(Object.values(states).filter((s) => s === 'full')).toHaveLength(5);
  });

  it('says unknown, not plaintext, for an edge that moved no bytes and opened no connections', () => {
    const a = workload('x', 'a');
    const b = workload('x', 'b');
    const idle = tcpEdge(a, b, 0, null);
    const [, , edge] = toElements({ ...bookinfo(), nodes: [a, b], edges: [idle] }, options);
    expect(edge?.data.mtls).toBe('unknown');
    expect(edge?.data.mtlsPercent).toBe(-1);
  });

  it('marks a denied edge as data and says "denied" in its label, with a tooltip that leads with it', () => {
    const a = workload('frontend', 'web-v1');
    const b = workload('bookinfo', 'ratings-v1');
    const base = tcpEdge(a, b, 0, 1);
    const denied = { ...base, tcp: { ...base.tcp!, deniedPerSec: 0.3 } };
    const [, , edge] = toElements({ ...bookinfo(), nodes: [a, b], edges: [denied] }, options);
    expect(edge?.data.denied).toBe(true);
    expect(edge?.data.label).toBe('denied 0.3 conn/s');
    expect(edge?.data.tooltip).toEqual(expect.arrayContaining(['web-v1 → ratings-v1', 'Denied by policy: 0.3 connections/s']));
  });

  it('explains a plaintext edge in its tooltip', () => {
    const plaintext = bookinfo().edges.find((e) => e.security.mtlsShare === 0);
    if (!plaintext) throw new Error('fixture changed');
    const tip = byId(els, plaintext.id)?.tooltip as string[];
    expect(tip).toContain('mTLS: 0% (plaintext)');
    expect(tip.length).toBeGreaterThanOrEqual(4);
  });

  it('labels an ingress gateway as such, with no enrollment mark (ztunnel never captures it)', () => {
    const gateway = { ...workload('bookinfo', 'bookinfo-gateway-istio'), enrollment: 'none' as const };
    gateway.flags = { ...gateway.flags, ingressGateway: true };
    const [node] = toElements({ ...bookinfo(), nodes: [gateway], edges: [] }, options);
    expect(node?.data.label).toBe('bookinfo-gateway-istio\ningress gateway');
    expect(node?.data.enrollment).toBeUndefined();
    expect(node?.data.shape).toBe('gateway');
  });

  it('carries no colours: only mesh facts the stylesheet selects on', () => {
    const text = JSON.stringify(els);
    expect(text).not.toMatch(/#[0-9a-f]{3,6}\b|rgb\(/i);
    const reviews3 = byId(els, 'Kubernetes/bookinfo/reviews-v3');
    expect(reviews3).toMatchObject({ kind: 'workload', shape: 'workload', enrollment: 'sidecar', namespace: 'bookinfo' });
    expect(byId(els, 'Kubernetes/bookinfo/waypoint')?.shape).toBe('waypoint');
  });

  it('puts the enrollment and waypoint badges into node labels only when asked', () => {
    expect(byId(els, 'Kubernetes/legacy/loadgen')?.label).toBe('loadgen\nnot enrolled');
    expect(byId(els, 'Kubernetes/bookinfo/reviews-v1')?.label).toBe('reviews-v1 ⬡\nambient');
    const plain = toElements(graph, { ...options, badges: { security: false, waypoint: false, enrollment: false } });
    expect(byId(plain, 'Kubernetes/bookinfo/reviews-v1')?.label).toBe('reviews-v1');
    expect(byId(plain, 'Kubernetes/bookinfo/waypoint')?.label).toBe('waypoint');
  });

  it('boxes nodes by namespace, and by cluster only when there are several', () => {
    const boxed = toElements(graph, { ...options, boxes: true });
    expect(byId(boxed, 'box:ns:Kubernetes/bookinfo')).toMatchObject({ kind: 'box', label: 'bookinfo' });
    expect(byId(boxed, 'Kubernetes/bookinfo/details-v1')?.parent).toBe('box:ns:Kubernetes/bookinfo');
    expect(byId(boxed, 'unknown')?.parent).toBeUndefined();
    expect(boxed.some((e) => String(e.data.id).startsWith('box:cluster:'))).toBe(false);

    const east = workload('bookinfo', 'details-v2', { id: 'east/bookinfo/details-v2', cluster: 'east' });
    const multi = toElements({ ...graph, nodes: [...graph.nodes, east] }, { ...options, boxes: true });
    expect(byId(multi, 'box:ns:east/bookinfo')).toMatchObject({ parent: 'box:cluster:east', label: 'bookinfo · east' });
    expect(byId(multi, 'box:cluster:Kubernetes')).toBeDefined();
  });
});

describe('edgeLabelText', () => {
  const [, , , http] = bookinfo().edges;
  it('shows the figure the user picked', () => {
    if (!http) throw new Error('fixture changed');
    expect(edgeLabelText(http, 'throughput')).toBe('30 kB/s');
    expect(edgeLabelText(http, 'requests')).toBe('12 rps');
    expect(edgeLabelText(http, 'connections')).toBe('0.5 conn/s');
    expect(edgeLabelText(http, 'latency')).toBe('p95 35 ms');
    expect(edgeLabelText(http, 'mtls')).toBe('mTLS 100%');
    expect(edgeLabelText(http, 'none')).toBe('');
  });
  it('leaves L7 labels empty on a TCP-only edge rather than printing zero', () => {
    const tcp = bookinfo().edges[2];
    if (!tcp) throw new Error('fixture changed');
    expect(edgeLabelText(tcp, 'requests')).toBe('');
    expect(edgeLabelText(tcp, 'latency')).toBe('');
  });
});
