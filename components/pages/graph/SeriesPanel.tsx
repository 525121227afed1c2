'use client';

import { useQuery } from '@tanstack/react-query';
import { graphLookup, nodeNamespace } from '@/lib/graph/lookup';
import type { GraphNode, MeshGraph } from '@/lib/graph/model';
import type { SeriesName, TrafficSeries } from '@/lib/graph/series';
import { seriesQueryOptions, type SeriesRequest } from '@/lib/api-client/series';
import { LineChart, type ChartSeries } from '@/components/charts/LineChart';
import { formatBytesPerSec, formatMs, formatRate, formatShare } from '@/components/graph/format';
import { formatDuration, type GraphViewState } from '@/components/graph/view-state';
import { Notice, Spinner } from '@/components/ui/States';

// Charts over the window for the selected edge or node, from GET /api/graph/series (Prometheus range
// queries, or the simulator's history in the demo).

/** The namespaces a subject's series are asked in: those of its visible, named ends. */
function subjectNamespaces(graph: MeshGraph, ends: (GraphNode | undefined)[]): string[] | null {
  if (ends.some((n) => n?.kind === 'aggregate' && !n.flags.inaccessible)) return null; // drawn by the browser: no series
  const names = ends.filter((n) => n && !n.flags.inaccessible).map(nodeNamespace).filter((n): n is string => n !== undefined);
  return names.length > 0 ? [...new Set(names)].sort() : null;
}

export function seriesRequestFor(graph: MeshGraph, view: GraphViewState, subject: SeriesRequest['subject']): SeriesRequest | null {
  const lookup = graphLookup(graph);
  let ends: (GraphNode | undefined)[];
  if (subject.kind === 'edge') {
    const edge = lookup.edge(subject.id);
    ends = edge ? [lookup.node(edge.source), lookup.node(edge.target)] : [];
  } else ends = [lookup.node(subject.id)];
  const namespaces = subjectNamespaces(graph, ends);
  if (!namespaces) return null;
  return { namespaces, graphType: view.graphType, waypoints: view.waypoints, duration: view.duration, ...(view.queryTime !== null ? { queryTime: view.queryTime } : {}), subject };
}

const col = (s: TrafficSeries, name: SeriesName) => s.series[name] ?? [];
const percent = (v: number) => formatShare(v);

function charts(s: TrafficSeries, protocol: 'tcp' | 'http' | 'grpc' | 'node') {
  const l4 = protocol === 'tcp' || protocol === 'node';
  const l7 = protocol !== 'tcp';
  const bytes: ChartSeries[] =
    s.subject.kind === 'edge'
      ? [
          { name: 'client → server', values: col(s, 'clientToServerBps'), stroke: 'stroke-indigo-500' },
          { name: 'server → client', values: col(s, 'serverToClientBps'), stroke: 'stroke-teal-500', dash: '4 2' },
        ]
      : [
          { name: 'inbound', values: col(s, 'inboundBps'), stroke: 'stroke-indigo-500' },
          { name: 'outbound', values: col(s, 'outboundBps'), stroke: 'stroke-teal-500', dash: '4 2' },
        ];
  const requests = col(s, 'requestsPerSec');
  const errors = col(s, 'errorShare').map((share, i) => (share === null ? null : share * (requests[i] ?? 0)));
  return [
    l4 && { title: 'Bytes per second each way', series: bytes, format: formatBytesPerSec },
    l7 && {
      title: 'Requests per second and errors',
      series: [
        { name: 'requests', values: requests, stroke: 'stroke-indigo-500' },
        { name: 'errors (5xx, no response)', values: errors, stroke: 'stroke-red-500', dash: '2 2' },
      ],
      format: (v: number) => formatRate(v, 'rps'),
    },
    l7 && {
      title: 'Response time p50, p95, p99',
      series: [
        { name: 'p50', values: col(s, 'p50Ms'), stroke: 'stroke-teal-500' },
        { name: 'p95', values: col(s, 'p95Ms'), stroke: 'stroke-amber-500', dash: '4 2' },
        { name: 'p99', values: col(s, 'p99Ms'), stroke: 'stroke-red-500', dash: '2 2' },
      ],
      format: formatMs,
    },
    { title: 'mTLS share', series: [{ name: 'mTLS', values: col(s, 'mtlsShare'), stroke: 'stroke-green-600' }], format: percent, max: 1 },
    l4 && { title: 'Denied connections per second', series: [{ name: 'denied by policy', values: col(s, 'deniedPerSec'), stroke: 'stroke-red-500' }], format: (v: number) => formatRate(v, 'conn/s') },
  ].filter((c) => c !== false);
}

export function SeriesPanel({ graph, view, subject }: { graph: MeshGraph; view: GraphViewState; subject: SeriesRequest['subject'] }) {
  const request = seriesRequestFor(graph, view, subject);
  const series = useQuery({ ...seriesQueryOptions(request ?? { namespaces: [], graphType: view.graphType, waypoints: view.waypoints, duration: view.duration, subject }), placeholderData: (previous) => previous });
  if (!request) return null;
  const protocol = subject.kind === 'edge' ? (graphLookup(graph).edge(subject.id)?.protocol ?? 'tcp') : 'node';
  const window = `last ${formatDuration(view.duration)}`;
  return (
    <section aria-label="Over time" className="grid gap-3">
      <h3 className="text-xs font-semibold text-slate-500 uppercase">Over the {window}</h3>
      {series.isPending && <Spinner label="Asking for the history…" />}
      {series.isError && <Notice>No history: {series.error.message}</Notice>}
      {series.data && series.data.subject.id === subject.id && charts(series.data, protocol).map((c) => <LineChart key={c.title} {...c} window={window} />)}
    </section>
  );
}
