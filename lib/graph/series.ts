import { z } from 'zod';
import { edgeBytes, edgeVolume, effectiveMtlsShare, graphLookup } from './lookup';
import type { GraphEdge, MeshGraph } from './model';
import { durationSeconds, namespaceName } from './query';
import { graphTypes, MAX_FOCUS, waypointModes } from './request';

// Time series of one edge or node over the graph's window (GET /api/graph/series): the parameters,
// the wire type, the step rule and the pure extraction from one graph per step. The series are read
// from graphs built by the same core as the graph itself, so a chart and the edge panel never disagree.

/** Prometheus' scrape interval the step is rounded to (the demo's and Istio's sample config). */
export const SCRAPE_SECONDS = 15;
/** About this many points per chart. */
export const SERIES_POINTS = 60;

/** Step for a window: window / 60, rounded up to a whole number of scrape intervals. */
export function seriesStep(duration: number, scrape = SCRAPE_SECONDS): number {
  return Math.max(scrape, Math.ceil(duration / SERIES_POINTS / scrape) * scrape);
}

/** Each point is a rate over this many seconds: at least four scrapes, so a rate always has samples. */
export function seriesRateWindow(step: number, scrape = SCRAPE_SECONDS): number {
  return Math.max(step, 4 * scrape);
}

/** The instants of a window ending at queryTime, oldest first. */
export function seriesTimes(duration: number, queryTime: number, step: number): number[] {
  const times: number[] = [];
  for (let t = queryTime - Math.floor(duration / step) * step + step; t <= queryTime; t += step) times.push(t);
  return times;
}

const nodeId = z.string().min(1).max(MAX_FOCUS);

export const SeriesParams = z
  .object({
    /** The namespaces of the subject's ends (the viewer must be allowed to see each). */
    namespaces: z
      .string()
      .transform((raw) => [...new Set(raw.split(',').map((n) => n.trim()).filter(Boolean))].sort())
      .pipe(z.array(namespaceName).min(1, 'at least one namespace is required').max(2, 'an edge spans at most 2 namespaces')),
    graphType: z.enum(graphTypes).default('workload'),
    waypoints: z.enum(waypointModes).default('show'),
    duration: durationSeconds.default(600),
    queryTime: z.string().regex(/^\d{1,12}$/, 'expected unix seconds').transform(Number).optional(),
    edge: nodeId.optional(),
    node: nodeId.optional(),
  })
  .refine((p) => (p.edge === undefined) !== (p.node === undefined), { message: 'exactly one of edge and node is required', path: ['edge'] });
export type SeriesParams = z.output<typeof SeriesParams>;

export type SeriesName =
  | 'clientToServerBps'
  | 'serverToClientBps'
  | 'inboundBps'
  | 'outboundBps'
  | 'requestsPerSec'
  | 'errorShare'
  | 'p50Ms'
  | 'p95Ms'
  | 'p99Ms'
  | 'mtlsShare'
  | 'deniedPerSec';

/** The wire type: one column per series, aligned with `times`; null where there was nothing to measure. */
export interface TrafficSeries {
  subject: { kind: 'edge' | 'node'; id: string };
  /** Seconds between points. */
  step: number;
  times: number[];
  series: Partial<Record<SeriesName, (number | null)[]>>;
}

type Point = Partial<Record<SeriesName, number | null>>;

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/** Mean of values weighted by weights; null when nothing weighs. */
function weighted(pairs: [value: number | null | undefined, weight: number][]): number | null {
  const usable = pairs.filter((p): p is [number, number] => p[0] !== null && p[0] !== undefined && p[1] > 0);
  const total = sum(usable.map((p) => p[1]));
  return total > 0 ? sum(usable.map(([v, w]) => v * w)) / total : null;
}

function edgePoint(edge: GraphEdge | undefined): Point {
  return {
    clientToServerBps: edge?.tcp?.clientToServerBps ?? 0,
    serverToClientBps: edge?.tcp?.serverToClientBps ?? 0,
    requestsPerSec: edge?.http?.requestsPerSec ?? 0,
    errorShare: edge?.http && edge.http.requestsPerSec > 0 ? edge.http.errorShare : null,
    p50Ms: edge?.http?.latencyMs?.p50 ?? null,
    p95Ms: edge?.http?.latencyMs?.p95 ?? null,
    p99Ms: edge?.http?.latencyMs?.p99 ?? null,
    mtlsShare: edge ? effectiveMtlsShare(edge.security) : null,
    deniedPerSec: edge?.tcp?.deniedPerSec ?? 0,
  };
}

/**
 * A node's point: bytes it accepted and opened, requests it served with their error share and
 * response times (request-weighted over its inbound edges: a mean of quantiles, not a quantile of the
 * merged histogram), the mTLS share of all its bytes, and connections denied to it.
 */
function nodePoint(graph: MeshGraph, id: string): Point {
  const lookup = graphLookup(graph);
  const node = lookup.node(id);
  const inbound = lookup.inbound(id);
  const served = inbound.filter((e) => (e.http?.requestsPerSec ?? 0) > 0);
  const requests = sum(served.map((e) => e.http?.requestsPerSec ?? 0));
  const quantile = (q: 'p50' | 'p95' | 'p99') => weighted(served.map((e) => [e.http?.latencyMs?.[q], e.http?.requestsPerSec ?? 0]));
  const all = [...inbound, ...lookup.outbound(id)];
  return {
    inboundBps: node?.traffic.tcpInBps ?? 0,
    outboundBps: node?.traffic.tcpOutBps ?? 0,
    requestsPerSec: requests,
    errorShare: weighted(served.map((e) => [e.http?.errorShare, e.http?.requestsPerSec ?? 0])),
    p50Ms: quantile('p50'),
    p95Ms: quantile('p95'),
    p99Ms: quantile('p99'),
    mtlsShare: weighted(all.filter((e) => e.protocol === 'tcp').map((e) => [effectiveMtlsShare(e.security), edgeBytes(e)])),
    deniedPerSec: sum(inbound.map((e) => e.tcp?.deniedPerSec ?? 0)),
  };
}

/** The sparklines beside the edge list: every edge's traffic (bytes/s on L4, requests/s on L7) per step. */
export interface EdgeSparklines {
  step: number;
  times: number[];
  edges: Record<string, number[]>;
}

/** One graph per step -> each edge's volume column (0 where the edge carried nothing). Pure. */
export function sparklinesOf(snapshots: { time: number; graph: MeshGraph }[], step: number): EdgeSparklines {
  const edges: Record<string, number[]> = {};
  snapshots.forEach(({ graph }, i) => {
    for (const edge of graph.edges) (edges[edge.id] ??= new Array<number>(snapshots.length).fill(0))[i] = edgeVolume(edge);
  });
  return { step, times: snapshots.map((s) => s.time), edges };
}

/** One graph per step -> the subject's series. Pure. */
export function seriesOf(snapshots: { time: number; graph: MeshGraph }[], subject: TrafficSeries['subject'], step: number): TrafficSeries {
  const series: TrafficSeries['series'] = {};
  snapshots.forEach(({ graph }, i) => {
    const point = subject.kind === 'edge' ? edgePoint(graphLookup(graph).edge(subject.id)) : nodePoint(graph, subject.id);
    for (const [name, value] of Object.entries(point) as [SeriesName, number | null][]) {
      const column = (series[name] ??= new Array<number | null>(snapshots.length).fill(null));
      column[i] = value;
    }
  });
  return { subject, step, times: snapshots.map((s) => s.time), series };
}
