import type { GraphType } from './model';

// What the browser asks of /api/graph: the parameters' names, their limits and the canonical URL of a
// request. No schema library here: the graph page's scripts import this module (and parse their URL
// with lib/graph/kube-names.ts), and zod, which the server's schema in ./query.ts is written in,
// was 107 KB of the page's script before it could draw.

export const graphTypes = ['workload', 'app', 'versionedApp', 'service'] as const satisfies readonly GraphType[];
export const waypointModes = ['show', 'merge'] as const;
export type WaypointMode = (typeof waypointModes)[number];

export const MAX_NAMESPACES = 200;
export const MIN_DURATION = 60;
export const MAX_DURATION = 86_400;
/** A browser clock may run a little ahead of the server's: allow this much, then clamp to now. */
export const CLOCK_SKEW_SECONDS = 60;
export const MAX_FOCUS = 600;
/** Above this many edges the list shows no sparklines (nor asks for them): one graph per step would cost too much. */
export const MAX_SPARKLINE_EDGES = 150;

/** The parameter names, in URL order (./query.ts's schema has exactly these: query.test.ts). */
export const graphParamNames = ['namespaces', 'graphType', 'duration', 'queryTime', 'idle', 'waypoints', 'focus'] as const;

/** What the browser asks: the parsed parameters (./query.ts's GraphParams), queryTime absent meaning "now". */
export interface GraphRequest {
  namespaces: string[];
  graphType: GraphType;
  /** Seconds. */
  duration: number;
  queryTime?: number;
  idle: boolean;
  waypoints: WaypointMode;
  /** Drill-down: one node's id. */
  focus?: string;
}

/** The canonical URL parameters of a request (API fetches, cache keys): namespaces sorted, so equal questions give equal URLs. */
export function graphSearchParams(request: GraphRequest): URLSearchParams {
  const values: Record<(typeof graphParamNames)[number], string | undefined> = {
    namespaces: [...request.namespaces].sort().join(','),
    graphType: request.graphType,
    duration: String(request.duration),
    queryTime: request.queryTime === undefined ? undefined : String(request.queryTime),
    idle: String(request.idle),
    waypoints: request.waypoints,
    focus: request.focus,
  };
  const params = new URLSearchParams();
  for (const name of graphParamNames) {
    const value = values[name];
    if (value !== undefined) params.set(name, value);
  }
  return params;
}
