// The simulated mesh: owns the scenario's objects in the store, keeps the traffic timeline in step
// with cluster changes, and answers what a ztunnel, waypoint or sidecar pod would serve at a given time.

import type { KubeObject, ObjectStore } from '../store';
import type { Scenario } from '../scenarios/types';
import type { Series } from '../traffic/series';
import { buildSeries } from '../traffic/series';
import { resolveLegs, type Leg } from '../traffic/legs';
import { Timeline } from '../traffic/timeline';
import type { TrafficProfile } from '../traffic/profile';
import { buildMeshView, type MeshView } from './view';
import { keys, registerMeshTypes } from './resource-types';
import { scrapeTarget, type ScrapeTarget } from '../metrics/targets';
import { renderEnvoyMetrics, renderZtunnelMetrics } from '../metrics/exposition';

export interface MeshOptions {
  store: ObjectStore;
  scenario: Scenario;
  profile: TrafficProfile;
  /** Unix seconds where counters start (default: one day before now). */
  origin?: number;
  /** Unix seconds, fractional allowed. */
  now?: () => number;
}

export class SimMesh {
  readonly store: ObjectStore;
  readonly scenario: Scenario;
  readonly timeline: Timeline;
  readonly now: () => number;
  private cachedView: { rv: string; view: MeshView } | undefined;
  private readonly byTarget = new WeakMap<Map<string, Series>, Map<string, [string, Series][]>>();
  private dirtySince: number | undefined;
  /** Every scrape target a pod ever was, so history keeps the series of pods since replaced. */
  private readonly everTargets = new Map<string, ScrapeTarget>();
  private readonly unsubscribe: () => void;

  constructor(options: MeshOptions) {
    this.store = options.store;
    this.scenario = options.scenario;
    this.now = options.now ?? (() => Date.now() / 1000);
    const origin = options.origin ?? Math.floor(this.now()) - 86400;
    this.timeline = new Timeline(options.profile, origin);
    registerMeshTypes(this.store);
    for (const o of options.scenario.objects) this.store.upsert(keys[o.type], o.object);
    for (const pod of this.store.list(keys.pods)) this.rememberTarget(pod);
    this.recompute(origin);
    this.unsubscribe = this.store.subscribe((key, event) => {
      if (key === keys.pods && event.type !== 'DELETED') this.rememberTarget(event.object);
      this.markDirty();
    });
  }

  view(): MeshView {
    const rv = this.store.currentResourceVersion();
    if (this.cachedView?.rv !== rv) this.cachedView = { rv, view: buildMeshView(this.store, this.scenario.trustDomain, this.scenario.clusterId) };
    return this.cachedView.view;
  }

  /** Applies pending cluster changes to the traffic timeline (they take effect when they happened). */
  sync(): void {
    if (this.dirtySince === undefined) return;
    const at = this.dirtySince;
    this.dirtySince = undefined;
    this.recompute(at);
  }

  legsAt(t: number): Leg[] {
    this.sync();
    return this.timeline.segmentAt(t).legs;
  }

  /** Series a target pod ("namespace/name") exposes at time t, keyed. */
  targetSeries(target: string, t: number): [string, Series][] {
    this.sync();
    const series = this.timeline.segmentAt(t).series;
    let index = this.byTarget.get(series);
    if (!index) {
      index = new Map();
      for (const entry of series) {
        const list = index.get(entry[1].target);
        if (list) list.push(entry);
        else index.set(entry[1].target, [entry]);
      }
      this.byTarget.set(series, index);
    }
    return index.get(target) ?? [];
  }

  targets(): ScrapeTarget[] {
    return this.store.list(keys.pods).map(scrapeTarget).filter((t): t is ScrapeTarget => t !== undefined);
  }

  /** Targets of every pod seen since start, current or gone (for history). */
  historyTargets(): ScrapeTarget[] {
    return [...this.everTargets.values()];
  }

  /** Metrics text of a pod at time t; undefined when nothing serves it (not a target, or not ready). */
  metricsText(namespace: string, pod: string, t = this.now()): string | undefined {
    const target = this.targets().find((x) => x.namespace === namespace && x.pod === pod);
    if (!target) return undefined;
    const view = this.view();
    const counter = (key: string) => this.timeline.counter(key, t);
    const uptime = Math.max(0, t - this.timeline.origin);
    if (target.kind === 'ztunnel') {
      const z = [...view.ztunnels.values()].find((x) => x.name === pod && x.namespace === namespace);
      if (!z?.ready) return undefined;
      const activeProxies = view.pods.filter((p) => p.node === z.node && p.captured).length;
      return renderZtunnelMetrics(this.targetSeries(target.key, t), counter, { activeProxies, uptime });
    }
    if (target.kind === 'waypoint') return renderEnvoyMetrics(this.targetSeries(target.key, t), counter, uptime);
    // A sidecar answers while its pod is ready; Envoy's uptime counts from the pod's start.
    if (!view.pods.find((p) => p.namespace === namespace && p.name === pod)?.ready) return undefined;
    const started = Date.parse(this.store.get(keys.pods, namespace, pod)?.metadata.creationTimestamp ?? '') / 1000 || 0;
    return renderEnvoyMetrics(this.targetSeries(target.key, t), counter, Math.max(0, t - Math.max(this.timeline.origin, started)));
  }

  stop(): void {
    this.unsubscribe();
  }

  private rememberTarget(pod: KubeObject): void {
    const target = scrapeTarget(pod);
    if (target) this.everTargets.set(target.key, target);
  }

  private markDirty(): void {
    if (this.dirtySince !== undefined) return;
    this.dirtySince = this.now();
    // Apply the change once this burst of writes is done, so a later change (after the clock has
    // moved) cannot back-date it to this one's time.
    queueMicrotask(() => this.sync());
  }

  private recompute(at: number): void {
    const view = this.view();
    const legs = resolveLegs(view, this.scenario.flows);
    this.timeline.push(at, legs, buildSeries(legs, this.scenario.clusterId));
  }
}
