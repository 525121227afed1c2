// Everything the graph page shows is decided by this state, and this state lives in the URL:
// every view is a shareable link and the back button walks through them. Pure: no React, no DOM.
import type { EdgeProtocol, GraphType } from '@/lib/graph/model';
import { edgeProtocols, telemetrySources, type TelemetrySource } from '@/lib/graph/traffic-filter';
import { isDnsLabel } from '@/lib/graph/kube-names';
import { graphTypes as queryGraphTypes, waypointModes, type GraphRequest } from '@/lib/graph/request';

export type LayoutName = 'layered' | 'force' | 'grid';
export type EdgeLabelMode = 'none' | 'throughput' | 'connections' | 'requests' | 'latency' | 'distribution' | 'mtls';
export type BadgeName = 'security' | 'waypoint' | 'enrollment';

export interface CollapseSpec {
  /** Namespaces drawn as one node each; '*' collapses every namespace. */
  namespaces: string[];
  /** Apps drawn as one node each, as "namespace/app". */
  apps: string[];
}

export interface GraphViewState {
  namespaces: string[];
  graphType: GraphType;
  /** Seconds. */
  duration: number;
  /** Unix seconds for a replay; null follows "now". */
  queryTime: number | null;
  /** Seconds between refreshes; 0 is off. */
  refresh: number;
  layout: LayoutName;
  edgeLabel: EdgeLabelMode;
  badges: Record<BadgeName, boolean>;
  idle: boolean;
  waypoints: 'show' | 'merge';
  boxes: boolean;
  animation: boolean;
  find: string;
  hide: string;
  collapse: CollapseSpec;
  /** Id of the selected node or edge. */
  selected: string | null;
  /** Traffic menu: the protocols drawn. */
  protocols: EdgeProtocol[];
  /** Traffic menu: whose telemetry is drawn (ztunnel L4, waypoint L7). */
  telemetry: TelemetrySource[];
  /** Drill-down: the node whose node graph is shown; null: the namespaces' graph. */
  focus: string | null;
  /** Large graphs open as a namespace map (namespace-map.ts); 'off' draws every node. */
  map: MapMode;
  /** Namespaces drawn in full on the namespace map. */
  expand: string[];
}

export type MapMode = 'auto' | 'off';
export const mapModes: readonly MapMode[] = ['auto', 'off'];

export const graphTypes: readonly GraphType[] = queryGraphTypes;
export const durations: readonly number[] = [60, 300, 600, 1800, 3600, 10800, 21600, 43200, 86400];
export const refreshIntervals: readonly number[] = [0, 10, 30, 60];
export const layoutNames: readonly LayoutName[] = ['layered', 'force', 'grid'];
export const edgeLabelModes: readonly EdgeLabelMode[] = ['none', 'throughput', 'connections', 'requests', 'latency', 'distribution', 'mtls'];
export const badgeNames: readonly BadgeName[] = ['security', 'waypoint', 'enrollment'];

export const defaultViewState: GraphViewState = {
  namespaces: [],
  graphType: 'workload',
  duration: 600,
  queryTime: null,
  refresh: 30,
  layout: 'layered',
  edgeLabel: 'throughput',
  badges: { security: true, waypoint: true, enrollment: true },
  idle: false,
  waypoints: 'show',
  boxes: false,
  animation: false,
  find: '',
  hide: '',
  collapse: { namespaces: [], apps: [] },
  selected: null,
  protocols: [...edgeProtocols],
  telemetry: [...telemetrySources],
  focus: null,
  map: 'auto',
  expand: [],
};

export interface ParsedViewState {
  state: GraphViewState;
  /** Parameters of the link that were not understood and fell back to the default, in words. */
  problems: string[];
}

type Reader = { get(name: string): string | null };

const list = (value: string): string[] =>
  value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');

function oneOf<T>(params: Reader, name: string, allowed: readonly T[], parse: (raw: string) => T, fallback: T, problems: string[]): T {
  const raw = params.get(name);
  if (raw === null) return fallback;
  const value = parse(raw);
  if (allowed.includes(value)) return value;
  problems.push(`${name}=${raw} is not one of ${allowed.join(', ')}; using ${String(fallback)}`);
  return fallback;
}

function flag(params: Reader, name: string, fallback: boolean, problems: string[]): boolean {
  const raw = params.get(name);
  if (raw === null) return fallback;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  problems.push(`${name}=${raw} is not true or false; using ${fallback}`);
  return fallback;
}

/** A set parameter ("http,tcp") in a fixed order; unknown items are reported and dropped. */
function subset<T extends string>(params: Reader, name: string, allowed: readonly T[], fallback: T[], problems: string[]): T[] {
  const raw = params.get(name);
  if (raw === null) return fallback;
  const items = list(raw);
  for (const bad of items.filter((i) => !allowed.includes(i as T))) problems.push(`${name} item "${bad}" is not one of ${allowed.join(', ')}`);
  return allowed.filter((a) => items.includes(a));
}

const sameSet = <T>(a: readonly T[], b: readonly T[]) => a.length === b.length && a.every((x) => b.includes(x));

function parseCollapse(raw: string | null, problems: string[]): CollapseSpec {
  const spec: CollapseSpec = { namespaces: [], apps: [] };
  for (const item of list(raw ?? '')) {
    if (item.startsWith('ns:') && item.length > 3) spec.namespaces.push(item.slice(3));
    else if (/^app:[^/]+\/.+$/.test(item)) spec.apps.push(item.slice(4));
    else problems.push(`collapse item "${item}" is neither ns:<namespace> nor app:<namespace>/<app>`);
  }
  return spec;
}

/** The API's own namespace-name rule (DNS-1123 label: lib/graph/kube-names.ts, as lib/graph/query.ts's schema checks it), so a link never asks what the server rejects. */
function parseNamespaces(raw: string | null, problems: string[]): string[] {
  const names = [...new Set(list(raw ?? ''))].sort();
  const valid = names.filter(isDnsLabel);
  for (const bad of names.filter((n) => !valid.includes(n))) problems.push(`"${bad}" is not a namespace name`);
  return valid;
}

export function parseViewState(params: Reader): ParsedViewState {
  const problems: string[] = [];
  const d = defaultViewState;
  const queryTimeRaw = params.get('queryTime');
  let queryTime: number | null = null;
  if (queryTimeRaw !== null) {
    const n = Number(queryTimeRaw);
    if (Number.isInteger(n) && n > 0) queryTime = n;
    else problems.push(`queryTime=${queryTimeRaw} is not a Unix time in seconds; showing now`);
  }
  const badgesRaw = params.get('badges');
  const badgeList = badgesRaw === null ? null : list(badgesRaw);
  for (const b of badgeList ?? []) {
    if (!badgeNames.includes(b as BadgeName)) problems.push(`badge "${b}" is unknown`);
  }
  const state: GraphViewState = {
    namespaces: parseNamespaces(params.get('namespaces'), problems),
    graphType: oneOf(params, 'graphType', graphTypes, (s) => s as GraphType, d.graphType, problems),
    duration: oneOf(params, 'duration', durations, Number, d.duration, problems),
    queryTime,
    refresh: oneOf(params, 'refresh', refreshIntervals, Number, d.refresh, problems),
    layout: oneOf(params, 'layout', layoutNames, (s) => s as LayoutName, d.layout, problems),
    edgeLabel: oneOf(params, 'edgeLabel', edgeLabelModes, (s) => s as EdgeLabelMode, d.edgeLabel, problems),
    badges:
      badgeList === null
        ? { ...d.badges }
        : { security: badgeList.includes('security'), waypoint: badgeList.includes('waypoint'), enrollment: badgeList.includes('enrollment') },
    idle: flag(params, 'idle', d.idle, problems),
    waypoints: oneOf(params, 'waypoints', waypointModes, (s) => s as 'show' | 'merge', d.waypoints, problems),
    boxes: flag(params, 'boxes', d.boxes, problems),
    animation: flag(params, 'animation', d.animation, problems),
    find: params.get('find') ?? '',
    hide: params.get('hide') ?? '',
    collapse: parseCollapse(params.get('collapse'), problems),
    selected: params.get('selected') || null,
    protocols: subset(params, 'protocols', edgeProtocols, d.protocols, problems),
    telemetry: subset(params, 'telemetry', telemetrySources, d.telemetry, problems),
    focus: params.get('focus') || null,
    map: oneOf(params, 'map', mapModes, (s) => s as MapMode, d.map, problems),
    expand: parseNamespaces(params.get('expand'), problems),
  };
  return { state, problems };
}

/** The URL query for a state; defaults are left out so links stay short, order is fixed so equal views give equal links. */
export function serializeViewState(state: GraphViewState): URLSearchParams {
  const d = defaultViewState;
  const p = new URLSearchParams();
  if (state.namespaces.length > 0) p.set('namespaces', [...state.namespaces].sort().join(','));
  if (state.graphType !== d.graphType) p.set('graphType', state.graphType);
  if (state.duration !== d.duration) p.set('duration', String(state.duration));
  if (state.queryTime !== null) p.set('queryTime', String(state.queryTime));
  if (state.refresh !== d.refresh) p.set('refresh', String(state.refresh));
  if (state.layout !== d.layout) p.set('layout', state.layout);
  if (state.edgeLabel !== d.edgeLabel) p.set('edgeLabel', state.edgeLabel);
  const badges = badgeNames.filter((b) => state.badges[b]);
  if (badgeNames.some((b) => state.badges[b] !== d.badges[b])) p.set('badges', badges.join(','));
  if (state.idle !== d.idle) p.set('idle', String(state.idle));
  if (state.waypoints !== d.waypoints) p.set('waypoints', state.waypoints);
  if (state.boxes !== d.boxes) p.set('boxes', String(state.boxes));
  if (state.animation !== d.animation) p.set('animation', String(state.animation));
  if (state.find !== '') p.set('find', state.find);
  if (state.hide !== '') p.set('hide', state.hide);
  const collapse = [...state.collapse.namespaces.map((n) => `ns:${n}`), ...state.collapse.apps.map((a) => `app:${a}`)];
  if (collapse.length > 0) p.set('collapse', collapse.join(','));
  if (state.selected !== null) p.set('selected', state.selected);
  if (!sameSet(state.protocols, d.protocols)) p.set('protocols', edgeProtocols.filter((x) => state.protocols.includes(x)).join(','));
  if (!sameSet(state.telemetry, d.telemetry)) p.set('telemetry', telemetrySources.filter((x) => state.telemetry.includes(x)).join(','));
  if (state.focus !== null) p.set('focus', state.focus);
  if (state.map !== d.map) p.set('map', state.map);
  if (state.expand.length > 0) p.set('expand', [...state.expand].sort().join(','));
  return p;
}

/** The question the graph API is asked for this view. */
export function toGraphRequest(state: GraphViewState): GraphRequest {
  return {
    namespaces: state.namespaces,
    graphType: state.graphType,
    duration: state.duration,
    ...(state.queryTime !== null ? { queryTime: state.queryTime } : {}),
    idle: state.idle,
    waypoints: state.waypoints,
    ...(state.focus !== null ? { focus: state.focus } : {}),
  };
}

/** "10m", "1h", "1d": the short form used in the toolbar. */
export function formatDuration(seconds: number): string {
  if (seconds % 86400 === 0) return `${seconds / 86400}d`;
  if (seconds % 3600 === 0) return `${seconds / 3600}h`;
  if (seconds % 60 === 0) return `${seconds / 60}m`;
  return `${seconds}s`;
}
