// Scrape targets as Istio's sample Prometheus `kubernetes-pods` job sees them: pods annotated
// prometheus.io/scrape=true, with namespace, pod, node and every pod label (sanitized) as target
// labels. The simulator serves the ztunnel, waypoint and sidecar ones (a sidecar-injected pod is
// annotated for the agent's merged endpoint, :15020/stats/prometheus); history carries the same
// labels so backfilled and live-scraped series are the same series.

import type { KubeObject } from '../store';
import { MANAGED_LABEL } from '../mesh/gateway-resources';
import { hasSidecar } from '../mesh/injection';

export const SCRAPE_JOB = 'kubernetes-pods';

export interface ScrapeTarget {
  /** "namespace/pod" (the series target key). */
  key: string;
  namespace: string;
  pod: string;
  kind: 'ztunnel' | 'waypoint' | 'sidecar';
  /** The pod's metrics path (prometheus.io/path, default /metrics). */
  path: string;
  /** Where the real pod would be scraped: podIP:port (the `instance` label). */
  instance: string;
  /** Target labels a kubernetes-pods scrape adds (without job/instance). */
  labels: Record<string, string>;
}

export function sanitizeLabelName(name: string): string {
  return name.replace(/[^a-zA-Z0-9_]/g, '_');
}

export function scrapeTarget(pod: KubeObject): ScrapeTarget | undefined {
  const ann = pod.metadata.annotations ?? {};
  const labels = pod.metadata.labels ?? {};
  if (ann['prometheus.io/scrape'] !== 'true') return undefined;
  const phase = (pod.status as { phase?: string } | undefined)?.phase;
  if (phase && /^(Pending|Succeeded|Failed|Completed)$/.test(phase)) return undefined;
  const kind = labels['app'] === 'ztunnel' ? 'ztunnel' : labels[MANAGED_LABEL] === 'istio.io-mesh-controller' ? 'waypoint' : hasSidecar(pod) ? 'sidecar' : undefined;
  if (!kind) return undefined;
  const namespace = pod.metadata.namespace ?? '';
  const podIp = (pod.status as { podIP?: string } | undefined)?.podIP ?? '';
  const node = (pod.spec as { nodeName?: string } | undefined)?.nodeName ?? '';
  const targetLabels: Record<string, string> = {};
  for (const [k, v] of Object.entries(labels)) targetLabels[sanitizeLabelName(k)] = v;
  targetLabels.namespace = namespace;
  targetLabels.pod = pod.metadata.name;
  targetLabels.node = node;
  return {
    key: `${namespace}/${pod.metadata.name}`,
    namespace,
    pod: pod.metadata.name,
    kind,
    path: ann['prometheus.io/path'] ?? '/metrics',
    instance: `${podIp}:${ann['prometheus.io/port'] ?? '15020'}`,
    labels: targetLabels,
  };
}

/** The simulator URL path serving a target. */
export function targetPath(t: Pick<ScrapeTarget, 'namespace' | 'pod' | 'path'>): string {
  return `/sim/pods/${encodeURIComponent(t.namespace)}/${encodeURIComponent(t.pod)}${t.path}`;
}

/** Prometheus http_sd_configs payload. `hostPort` is the simulator's listen address. */
export function httpSdPayload(targets: ScrapeTarget[], hostPort: string): { targets: string[]; labels: Record<string, string> }[] {
  return targets.map((t) => ({
    targets: [hostPort],
    labels: { __metrics_path__: targetPath(t), instance: t.instance, ...t.labels },
  }));
}
