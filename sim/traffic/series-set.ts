// A set of metric series, each a sum of flow terms (per-second coefficients at multiplier 1),
// and the helpers every proxy's series builder shares (ztunnel and waypoint in series.ts,
// Envoy sidecars in sidecar-series.ts).

export interface SeriesTerm {
  flowId: string;
  /** Per second at multiplier 1. */
  coef: number;
}

export interface Series {
  name: string;
  /** Pod that exposes it: "namespace/name" of a ztunnel, waypoint or sidecar-injected pod. */
  target: string;
  labels: Record<string, string>;
  terms: SeriesTerm[];
}

export type SeriesSet = Map<string, Series>;

export const TCP_METRICS = {
  connectionsOpened: 'istio_tcp_connections_opened_total',
  connectionsClosed: 'istio_tcp_connections_closed_total',
  receivedBytes: 'istio_tcp_received_bytes_total',
  sentBytes: 'istio_tcp_sent_bytes_total',
} as const;

/** Istio's default request duration buckets (ms), as waypoints and sidecars use them. */
export const DURATION_BUCKETS = [0.5, 1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000, 300000, 600000, 1800000, 3600000];
/** Each flow's latency distribution: share of requests at a multiple of its nominal latency. */
export const LATENCY_SHAPE = [
  { share: 0.5, factor: 0.75 },
  { share: 0.4, factor: 1.5 },
  { share: 0.1, factor: 4 },
];

/** Adds a flow's coefficient to a series, creating it; zero adds nothing (the series does not exist). */
export function add(set: SeriesSet, name: string, target: string, labels: Record<string, string>, flowId: string, coef: number): void {
  if (coef === 0) return;
  const key = `${name}\u0000${target}\u0000${Object.values(labels).join('\u0000')}`;
  const series = set.get(key);
  if (!series) {
    set.set(key, { name, target, labels, terms: [{ flowId, coef }] });
    return;
  }
  const term = series.terms.find((t) => t.flowId === flowId);
  if (term) term.coef += coef;
  else series.terms.push({ flowId, coef });
}

export interface HttpFigures {
  requestsPerSecond: number;
  latencyMs: number;
}

/**
 * istio_requests_total and the duration histogram of one hop: one label set per response code
 * (`outcomes`: code and its share of the requests), `labelsFor` placing the code where the proxy does.
 */
export function addRequestSeries(set: SeriesSet, target: string, flowId: string, http: HttpFigures, outcomes: (readonly [string, number])[], labelsFor: (code: string) => Record<string, string>): void {
  const rps = http.requestsPerSecond;
  for (const [code, part] of outcomes) {
    const labels = labelsFor(code);
    add(set, 'istio_requests_total', target, labels, flowId, rps * part);
    const reqRate = rps * part;
    for (const le of [...DURATION_BUCKETS.map(String), '+Inf']) {
      const within = LATENCY_SHAPE.filter((s) => le === '+Inf' || s.factor * http.latencyMs <= Number(le)).reduce((a, s) => a + s.share, 0);
      add(set, 'istio_request_duration_milliseconds_bucket', target, { ...labels, le }, flowId, reqRate * within);
    }
    const meanMs = LATENCY_SHAPE.reduce((a, s) => a + s.share * s.factor * http.latencyMs, 0);
    add(set, 'istio_request_duration_milliseconds_sum', target, labels, flowId, reqRate * meanMs);
    add(set, 'istio_request_duration_milliseconds_count', target, labels, flowId, reqRate);
  }
}

