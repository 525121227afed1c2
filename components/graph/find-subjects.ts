// Evaluates Find / Hide expressions on a MeshGraph. Pure.
import { edgeBytes, effectiveMtlsShare } from '@/lib/graph/lookup';
import type { GraphEdge, GraphNode, MeshGraph } from '@/lib/graph/model';
import type { FindExpr, Target } from './find-expression';
import { mtlsState, nodeName, usesWaypointOf } from './names';

type Value = string | number | readonly string[] | undefined;

export interface FindSubject {
  target: Target;
  values: Record<string, Value>;
  flags: ReadonlySet<string>;
}

export function nodeSubject(node: GraphNode): FindSubject {
  const values: Record<string, Value> = {
    namespace: node.namespace,
    name: nodeName(node),
    kind: node.kind,
    cluster: node.cluster,
    waypoint: usesWaypointOf(node),
    tcpin: node.traffic.tcpInBps,
    tcpout: node.traffic.tcpOutBps,
    httpin: node.traffic.httpInRps,
    httpout: node.traffic.httpOutRps,
  };
  if (node.kind === 'workload') {
    Object.assign(values, { workload: node.workload, app: node.app, version: node.version, enrollment: node.enrollment, principal: node.principal, protocol: node.protocol });
  } else if (node.kind === 'app') {
    Object.assign(values, { app: node.app, version: node.version, enrollment: node.enrollment, principal: node.principals, workload: node.workloads });
  } else if (node.kind === 'service') {
    values.service = node.service;
  }
  const flags = new Set<string>();
  if (node.flags.idle) flags.add('idle');
  if (node.flags.outside) flags.add('outside');
  if (node.flags.inaccessible) flags.add('inaccessible');
  if (node.flags.waypoint) flags.add('waypoint');
  if (node.flags.ingressGateway) flags.add('gateway');
  if (node.kind === 'unknown' || node.kind === 'external' || node.kind === 'aggregate') flags.add(node.kind);
  if (node.kind === 'workload' && node.notInInventory) flags.add('notininventory');
  return { target: 'node', values, flags };
}

export function edgeSubject(edge: GraphEdge): FindSubject {
  const share = effectiveMtlsShare(edge.security);
  const values: Record<string, Value> = {
    protocol: edge.protocol,
    waypoint: edge.waypoint,
    mtls: share === null ? undefined : share * 100,
    throughput: edgeBytes(edge),
    connections: edge.tcp?.connectionsOpenedPerSec,
    denied: edge.tcp?.deniedPerSec,
    failed: edge.tcp?.connectFailedPerSec,
    rps: edge.http?.requestsPerSec,
    errors: edge.http ? edge.http.errorShare * 100 : undefined,
    latency: edge.http?.latencyMs?.p95 ?? undefined,
    sourceprincipal: edge.security.sourcePrincipals,
    destprincipal: edge.security.destinationPrincipals,
    reason: edge.security.reason,
  };
  const flags = new Set<string>();
  const state = mtlsState(edge.security);
  if (state === 'full') flags.add('mtls');
  if (state === 'none') flags.add('plaintext');
  if (state === 'partial') flags.add('partial');
  if (edge.waypoint) flags.add('waypoint');
  if ((edge.tcp?.deniedPerSec ?? 0) > 0) flags.add('denied');
  if ((edge.tcp?.connectFailedPerSec ?? 0) > 0) flags.add('failed');
  return { target: 'edge', values, flags };
}

function globToRegExp(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`, 'i');
}

function compareOne(actual: string | number, op: string, expected: string | number): boolean {
  if (typeof expected === 'number') {
    const n = typeof actual === 'number' ? actual : Number(actual);
    if (!Number.isFinite(n)) return false;
    // Figures are rates: compare at a precision the user can see, so mtls<100 does not match 99.9999999.
    const a = Math.round(n * 1000) / 1000;
    switch (op) {
      case '=': return a === expected;
      case '!=': return a !== expected;
      case '<': return a < expected;
      case '<=': return a <= expected;
      case '>': return a > expected;
      case '>=': return a >= expected;
      default: return false;
    }
  }
  const matches = globToRegExp(expected).test(String(actual));
  return op === '!=' ? !matches : matches;
}

/** True when the subject matches. A condition on an attribute the subject does not have is false. */
export function evaluate(expr: FindExpr, subject: FindSubject): boolean {
  switch (expr.type) {
    case 'and':
      return evaluate(expr.left, subject) && evaluate(expr.right, subject);
    case 'or':
      return evaluate(expr.left, subject) || evaluate(expr.right, subject);
    case 'not':
      return !evaluate(expr.operand, subject);
    case 'flag':
      return subject.flags.has(expr.flag);
    case 'compare': {
      const actual = subject.values[expr.attribute];
      if (actual === undefined) return false;
      if (typeof actual === 'string' || typeof actual === 'number') return compareOne(actual, expr.op, expr.value);
      // Lists (principals): = matches when any item does; != when none does.
      if (expr.op === '!=') return actual.every((item) => compareOne(item, '!=', expr.value));
      return actual.some((item) => compareOne(item, expr.op, expr.value));
    }
  }
}

export interface Matches {
  nodes: Set<string>;
  edges: Set<string>;
}

/** Elements that match; `targets` says which kinds the expression can match at all. */
export function findMatches(graph: MeshGraph, expr: FindExpr, targets: readonly Target[]): Matches {
  const nodes = new Set<string>();
  const edges = new Set<string>();
  if (targets.includes('node')) for (const n of graph.nodes) if (evaluate(expr, nodeSubject(n))) nodes.add(n.id);
  if (targets.includes('edge')) for (const e of graph.edges) if (evaluate(expr, edgeSubject(e))) edges.add(e.id);
  return { nodes, edges };
}

/** The graph without matching elements; edges of hidden nodes go with them. */
export function hideMatches(graph: MeshGraph, matches: Matches): MeshGraph {
  if (matches.nodes.size === 0 && matches.edges.size === 0) return graph;
  const nodes = graph.nodes.filter((n) => !matches.nodes.has(n.id));
  const edges = graph.edges.filter((e) => !matches.edges.has(e.id) && !matches.nodes.has(e.source) && !matches.nodes.has(e.target));
  return { ...graph, nodes, edges };
}
