import type { ZtunnelPodTraffic } from '@/lib/graph/samples';
import { selector, sumRateBy } from './promql';
import type { PrometheusVector } from './to-samples';
import { parseSampleValue } from './vector-scan';

// What each ztunnel pod carried, from its own series: the scrape adds `namespace` and `pod`
// (the kubernetes-pods job, or a PodMonitor on OpenShift). Three queries whatever the mesh size;
// the destination reporter's series are the pod's inbound traffic, the source reporter's its outbound.

const ZTUNNEL_POD: [string, '=~', string][] = [['pod', '=~', 'ztunnel-.+']];
const BY = ['namespace', 'pod', 'reporter'];

export type ZtunnelQueryKind = 'receivedBytes' | 'sentBytes' | 'connectionsOpened';

const METRIC: Record<ZtunnelQueryKind, string> = {
  receivedBytes: 'istio_tcp_received_bytes_total',
  sentBytes: 'istio_tcp_sent_bytes_total',
  connectionsOpened: 'istio_tcp_connections_opened_total',
};

export function ztunnelPodQueries(durationSeconds: number): { kind: ZtunnelQueryKind; promql: string }[] {
  return (Object.keys(METRIC) as ZtunnelQueryKind[]).map((kind) => ({ kind, promql: sumRateBy(BY, selector(METRIC[kind], ZTUNNEL_POD), durationSeconds) }));
}

/** Vendor vectors -> one row per ztunnel pod. Pure. */
export function toZtunnelPodTraffic(answers: { kind: ZtunnelQueryKind; vector: PrometheusVector }[]): ZtunnelPodTraffic[] {
  const pods = new Map<string, ZtunnelPodTraffic>();
  for (const { kind, vector } of answers) {
    for (const { metric, value } of vector) {
      const pod = metric.pod;
      const rate = parseSampleValue(value[1]);
      if (!pod || !Number.isFinite(rate)) continue;
      const namespace = metric.namespace ?? '';
      const key = `${namespace}/${pod}`;
      let row = pods.get(key);
      if (!row) pods.set(key, (row = { namespace, pod, inboundBps: 0, outboundBps: 0, connectionsOpenedPerSec: 0 }));
      if (kind === 'connectionsOpened') row.connectionsOpenedPerSec += rate;
      else if (metric.reporter === 'destination') row.inboundBps += rate;
      else if (metric.reporter === 'source') row.outboundBps += rate;
    }
  }
  return [...pods.values()].sort((a, b) => a.pod.localeCompare(b.pod));
}
