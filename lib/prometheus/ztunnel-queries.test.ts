import { describe, expect, it } from 'vitest';
import { toZtunnelPodTraffic, ztunnelPodQueries } from './ztunnel-queries';

describe('ztunnel pod queries', () => {
  it('select ztunnel pods by name and keep reporter apart', () => {
    const [received] = ztunnelPodQueries(300);
    expect(received?.promql).toBe('sum by (namespace,pod,reporter) (rate(istio_tcp_received_bytes_total{pod=~"ztunnel-.+"}[300s]))');
    expect(ztunnelPodQueries(300)).toHaveLength(3);
  });

  it('adds a pod\'s destination series to inbound and its source series to outbound', () => {
    const row = (pod: string, reporter: string, v: string) => ({ metric: { namespace: 'ztunnel', pod, reporter }, value: [1, v] as [number, string] });
    const rows = toZtunnelPodTraffic([
      { kind: 'receivedBytes', vector: [row('ztunnel-a', 'destination', '10'), row('ztunnel-a', 'source', '1'), row('ztunnel-b', 'source', '5')] },
      { kind: 'sentBytes', vector: [row('ztunnel-a', 'destination', '100'), row('ztunnel-b', 'source', 'NaN')] },
      { kind: 'connectionsOpened', vector: [row('ztunnel-a', 'destination', '0.5'), row('ztunnel-a', 'source', '0.25')] },
    ]);
    expect(rows).toEqual([
      { namespace: 'ztunnel', pod: 'ztunnel-a', inboundBps: 110, outboundBps: 1, connectionsOpenedPerSec: 0.75 },
      { namespace: 'ztunnel', pod: 'ztunnel-b', inboundBps: 0, outboundBps: 5, connectionsOpenedPerSec: 0 },
    ]);
  });
});
