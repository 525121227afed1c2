import { describe, expect, it } from 'vitest';
import type { GraphEdge, GraphNode, MeshGraph } from './model';
import { allTraffic, filterTraffic, isAllTraffic, telemetrySourceOf } from './traffic-filter';

const flags = { waypoint: false, ingressGateway: false, outside: false, inaccessible: false, idle: false };
const traffic = { tcpInBps: 0, tcpOutBps: 0, httpInRps: 0, httpOutRps: 0 };
const node = (name: string): GraphNode => ({ kind: 'workload', id: `wl:c:ns:${name}`, cluster: 'c', namespace: 'ns', workload: name, enrollment: 'ambient', notInInventory: false, flags, traffic });
const security = { mtlsShare: 1, mtlsShareByConnections: 1, sourcePrincipals: [], destinationPrincipals: [] };
const edge = (protocol: GraphEdge['protocol'], a: GraphNode, b: GraphNode): GraphEdge => ({ id: `${protocol}:${a.id}->${b.id}`, source: a.id, target: b.id, protocol, security, sourceCluster: 'c', destinationCluster: 'c' });

const web = node('web');
const api = node('api');
const db = node('db');
const grpc = node('grpc');
const idle = node('idle');
const graph: MeshGraph = {
  graphType: 'workload', namespaces: ['ns'], window: { duration: 600, queryTime: 1 }, warnings: [],
  nodes: [web, api, db, grpc, idle],
  edges: [edge('http', web, api), edge('tcp', web, api), edge('tcp', api, db), edge('grpc', web, grpc)],
};

describe('filterTraffic', () => {
  it('returns the same graph when everything is admitted', () => {
    expect(isAllTraffic(allTraffic)).toBe(true);
    expect(filterTraffic(graph, allTraffic)).toBe(graph);
  });

  it('TCP only hides HTTP and gRPC edges and the nodes only they reached, keeping idle nodes', () => {
    const tcp = filterTraffic(graph, { protocols: ['tcp'], telemetry: ['ztunnel', 'waypoint'] });
    expect(tcp.edges.map((e) => e.protocol)).toEqual(['tcp', 'tcp']);
    expect(tcp.nodes.map((n) => n.id)).toEqual([web.id, api.id, db.id, idle.id]);
  });

  it('waypoint (L7) telemetry keeps HTTP and gRPC edges only', () => {
    const l7 = filterTraffic(graph, { protocols: ['http', 'grpc', 'tcp'], telemetry: ['waypoint'] });
    expect(l7.edges.map((e) => e.protocol)).toEqual(['http', 'grpc']);
    expect(l7.nodes.map((n) => n.id)).not.toContain(db.id);
  });

  it('protocols and telemetry combine: gRPC from ztunnel is nothing', () => {
    expect(filterTraffic(graph, { protocols: ['grpc'], telemetry: ['ztunnel'] }).edges).toEqual([]);
  });

  it('names the reporter of each layer', () => {
    expect(telemetrySourceOf({ protocol: 'tcp' })).toBe('ztunnel');
    expect(telemetrySourceOf({ protocol: 'http' })).toBe('waypoint');
    expect(telemetrySourceOf({ protocol: 'grpc' })).toBe('waypoint');
  });
});
