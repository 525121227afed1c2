import { describe, expect, it } from 'vitest';
import { edgeBytes, effectiveMtlsShare, graphLookup, nodeNamespace, outboundShare } from './lookup';
import type { GraphEdge, GraphNode, MeshGraph, WorkloadNode } from './model';

const flags = { waypoint: false, ingressGateway: false, outside: false, inaccessible: false, idle: false };
const traffic = { tcpInBps: 0, tcpOutBps: 0, httpInRps: 0, httpOutRps: 0 };
const workload = (cluster: string, namespace: string, name: string): WorkloadNode => ({
  kind: 'workload', id: `wl:${cluster}:${namespace}:${name}`, cluster, namespace, workload: name, enrollment: 'ambient', notInInventory: false, flags, traffic,
});
const security = { mtlsShare: 1, mtlsShareByConnections: 1, sourcePrincipals: [], destinationPrincipals: [] };
const tcp = (source: GraphNode, target: GraphNode, c2s: number, s2c: number): GraphEdge => ({
  id: `tcp:${source.id}->${target.id}`, source: source.id, target: target.id, protocol: 'tcp', security, sourceCluster: source.cluster, destinationCluster: target.cluster,
  tcp: { clientToServerBps: c2s, serverToClientBps: s2c, connectionsOpenedPerSec: 1, connectionsClosedPerSec: 1, deniedPerSec: 0, connectFailedPerSec: 0 },
});

const web = workload('east', 'shop', 'web');
const api = workload('east', 'shop', 'api');
const apiWest = workload('west', 'shop', 'api');
const db = workload('east', 'data', 'db');
const external: GraphNode = { kind: 'external', id: 'ext:east:203.0.113.9', cluster: 'east', namespace: '', address: '203.0.113.9', flags, traffic };
const graph: MeshGraph = {
  graphType: 'workload', namespaces: ['shop'], window: { duration: 600, queryTime: 1 }, warnings: [],
  nodes: [web, api, apiWest, db, external],
  edges: [tcp(web, api, 100, 400), tcp(web, apiWest, 1, 2), tcp(api, db, 10, 20), tcp(db, external, 5, 0)],
};

describe('edgeBytes', () => {
  it('adds both directions of a TCP edge', () => {
    expect(edgeBytes(graph.edges[0] ?? tcp(web, api, 0, 0))).toBe(500);
  });

  it('is 0 for an edge without TCP figures', () => {
    expect(edgeBytes({ tcp: undefined })).toBe(0);
  });
});

describe('effectiveMtlsShare', () => {
  it('takes the byte (or request) share first', () => {
    expect(effectiveMtlsShare({ mtlsShare: 0.25, mtlsShareByConnections: 1 })).toBe(0.25);
  });

  it('falls back to the connection share when no bytes moved', () => {
    expect(effectiveMtlsShare({ mtlsShare: null, mtlsShareByConnections: 0.5 })).toBe(0.5);
  });

  it('keeps a share of 0 (plaintext) rather than falling through', () => {
    expect(effectiveMtlsShare({ mtlsShare: 0, mtlsShareByConnections: 1 })).toBe(0);
  });

  it('is null when there was nothing to count', () => {
    expect(effectiveMtlsShare({ mtlsShare: null, mtlsShareByConnections: null })).toBeNull();
  });
});

describe('nodeNamespace', () => {
  it('names the namespace of a workload and none for external peers or missing nodes', () => {
    expect(nodeNamespace(db)).toBe('data');
    expect(nodeNamespace(external)).toBeUndefined();
    expect(nodeNamespace(undefined)).toBeUndefined();
  });
});

describe('graphLookup', () => {
  const lookup = graphLookup(graph);

  it('finds nodes and edges by id', () => {
    expect(lookup.node(db.id)).toBe(db);
    expect(lookup.edge(`tcp:${api.id}->${db.id}`)?.target).toBe(db.id);
    expect(lookup.node('nope')).toBeUndefined();
    expect(lookup.edge('nope')).toBeUndefined();
  });

  it('finds a workload by namespace and name, the first cluster that has it', () => {
    expect(lookup.workload('shop', 'api')).toBe(api);
    expect(lookup.workload('data', 'web')).toBeUndefined();
  });

  it('lists inbound and outbound edges in graph order', () => {
    expect(lookup.outbound(web.id).map((e) => e.target)).toEqual([api.id, apiWest.id]);
    expect(lookup.inbound(db.id).map((e) => e.source)).toEqual([api.id]);
    expect(lookup.inbound(web.id)).toEqual([]);
    expect(lookup.outbound(external.id)).toEqual([]);
  });

  it('indexes a graph once, and again when it is given new arrays', () => {
    expect(graphLookup(graph)).toBe(lookup);
    const copy = { ...graph, nodes: graph.nodes.filter((n) => n.id !== db.id) };
    expect(graphLookup(copy).node(db.id)).toBeUndefined();
    const reassigned = { ...graph };
    const first = graphLookup(reassigned);
    reassigned.edges = [];
    expect(graphLookup(reassigned)).not.toBe(first);
    expect(graphLookup(reassigned).outbound(web.id)).toEqual([]);
  });
});

describe('outboundShare', () => {
  it("is the edge's share of its source's bytes out", () => {
    const [first, second, third] = graph.edges;
    if (!first || !second || !third) throw new Error('fixture');
    expect(outboundShare(graph, first)).toBeCloseTo(500 / 503);
    expect(outboundShare(graph, second)).toBeCloseTo(3 / 503);
    expect(outboundShare(graph, third)).toBe(1);
  });

  it('counts L7 edges by requests, apart from L4 bytes, and is null when nothing was sent', () => {
    const http = (source: GraphNode, target: GraphNode, rps: number): GraphEdge => ({
      ...tcp(source, target, 0, 0), id: `http:${source.id}->${target.id}`, protocol: 'http', tcp: undefined,
      http: { requestsPerSec: rps, byClass: { '2xx': rps, '3xx': 0, '4xx': 0, '5xx': 0, noResponse: 0 }, errorShare: 0 },
    });
    const g: MeshGraph = { ...graph, edges: [tcp(web, api, 100, 0), http(web, api, 3), http(web, db, 1), tcp(api, db, 0, 0)] };
    const [bytes, a, b, idle] = g.edges;
    if (!bytes || !a || !b || !idle) throw new Error('fixture');
    expect(outboundShare(g, bytes)).toBe(1);
    expect(outboundShare(g, a)).toBeCloseTo(0.75);
    expect(outboundShare(g, b)).toBeCloseTo(0.25);
    expect(outboundShare(g, idle)).toBeNull();
  });
});
