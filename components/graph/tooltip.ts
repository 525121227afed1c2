// What the hover tooltip says about a node or an edge: name, enrollment, rate, mTLS share, and the
// reason when traffic was not mTLS. Pure; to-elements.ts stores the lines on each element.
import { edgeBytes, effectiveMtlsShare } from '@/lib/graph/lookup';
import type { GraphEdge, GraphNode, MeshGraph } from '@/lib/graph/model';
import { formatBytesPerSec, formatRate, formatShare } from './format';
import { enrollmentOf, enrollmentWords, kindWords, mtlsState, mtlsStateWords, nodeName, edgeAdvice } from './names';

function rates(bps: number, rps: number): string {
  return rps > 0 ? `${formatBytesPerSec(bps)} · ${formatRate(rps, 'rps')}` : formatBytesPerSec(bps);
}

export function nodeTooltip(node: GraphNode): string[] {
  const enrollment = enrollmentOf(node);
  const kind = node.flags.waypoint ? 'Waypoint' : node.flags.ingressGateway ? 'Ingress gateway' : kindWords[node.kind];
  const where = node.kind === 'unknown' || node.kind === 'external' ? kind : `${kind} in ${node.namespace}`;
  return [
    nodeName(node),
    where,
    ...(enrollment ? [`Enrollment: ${enrollmentWords[enrollment]}`] : []),
    `In: ${rates(node.traffic.tcpInBps, node.traffic.httpInRps)}`,
    `Out: ${rates(node.traffic.tcpOutBps, node.traffic.httpOutRps)}`,
  ];
}

export function edgeTooltip(edge: GraphEdge, names: { source: string; target: string }, graph: MeshGraph): string[] {
  const share = effectiveMtlsShare(edge.security);
  const state = mtlsState(edge.security);
  const lines = [`${names.source} → ${names.target}`];
  if (edge.tcp && edge.tcp.deniedPerSec > 0) lines.push(`Denied by policy: ${formatRate(edge.tcp.deniedPerSec, 'connections/s')}`);
  const figures = [edge.tcp ? formatBytesPerSec(edgeBytes(edge)) : '', edge.http ? formatRate(edge.http.requestsPerSec, 'rps') : ''].filter((f) => f !== '');
  if (figures.length > 0) lines.push(`${edge.protocol.toUpperCase()}: ${figures.join(' · ')}`);
  lines.push(share === null ? 'mTLS: n/a (no bytes in the window)' : `mTLS: ${formatShare(share)} (${mtlsStateWords[state]})`);
  if (state === 'partial' || state === 'none') lines.push(edgeAdvice(edge, graph).reason);
  if (edge.waypoint) lines.push(`Through waypoint ${edge.waypoint}`);
  return lines;
}
