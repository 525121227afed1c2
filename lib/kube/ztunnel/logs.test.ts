import { describe, expect, it } from 'vitest';
import { matchesFilter, parseDuration, parseLogLine, parseZtunnelLogs } from './logs';

// The line from the reference, byte for byte (tabs between the first five parts).
const real =
  '2025-01-23T05:07:25.806642Z\tinfo\taccess\tconnection complete\tsrc.addr=10.129.0.48:40978 src.workload="productpage-v1-57ffb6658c-vmb6z" src.namespace="bookinfo" src.identity="spiffe://cluster.local/ns/bookinfo/sa/bookinfo-productpage" dst.addr=10.129.0.43:15008 dst.hbone_addr=10.129.0.43:9080 dst.service="details.bookinfo.svc.cluster.local" dst.workload="details-v1-6cd6d9df6b-mddv2" dst.namespace="bookinfo" dst.identity="spiffe://cluster.local/ns/bookinfo/sa/bookinfo-details" direction="outbound" bytes_sent=283 bytes_recv=358 duration="2ms"';
const denied =
  '2025-01-23T05:07:26.000001Z\twarn\taccess\tconnection complete\tsrc.addr=10.129.0.9:5000 src.workload="sleep-7b9f8d5c4-abcde" src.namespace="other" dst.addr=10.129.0.43:15008 dst.workload="details-v1-6cd6d9df6b-mddv2" dst.namespace="bookinfo" direction="inbound" bytes_sent=0 bytes_recv=0 duration="0ms" error="connection closed due to policy rejection: explicitly denied by: bookinfo/deny \\"all\\""';

describe('parseLogLine', () => {
  it('parses the real access line', () => {
    const r = parseLogLine(real);
    expect(r).toMatchObject({
      kind: 'access',
      time: '2025-01-23T05:07:25.806642Z',
      level: 'info',
      message: 'connection complete',
      direction: 'outbound',
      src: { addr: '10.129.0.48:40978', workload: 'productpage-v1-57ffb6658c-vmb6z', namespace: 'bookinfo', identity: 'spiffe://cluster.local/ns/bookinfo/sa/bookinfo-productpage' },
      dst: { addr: '10.129.0.43:15008', hboneAddr: '10.129.0.43:9080', service: 'details.bookinfo.svc.cluster.local', workload: 'details-v1-6cd6d9df6b-mddv2', namespace: 'bookinfo' },
      bytesSent: 283,
      bytesRecv: 358,
      durationMs: 2,
    });
    expect(r.kind === 'access' && r.error).toBeUndefined();
  });
  it('reads an error with escaped quotes', () => {
    const r = parseLogLine(denied);
    expect(r.kind === 'access' && r.error).toBe('connection closed due to policy rejection: explicitly denied by: bookinfo/deny "all"');
  });
  it('keeps other ztunnel lines and garbage as raw text', () => {
    expect(parseLogLine('2025-01-23T05:07:25.806642Z\tinfo\txds::client\tconnected')).toMatchObject({ kind: 'raw', level: 'info' });
    expect(parseLogLine('garbage \u0000 line')).toEqual({ kind: 'raw', text: 'garbage \u0000 line' });
    expect(parseLogLine('')).toEqual({ kind: 'raw', text: '' });
  });
  it('parses durations', () => {
    expect([parseDuration('2ms'), parseDuration('1.5s'), parseDuration('350µs'), parseDuration('soon')]).toEqual([2, 1500, 0.35, undefined]);
  });
});

describe('filters', () => {
  const lines = parseZtunnelLogs([{ pod: 'ztunnel-a', node: 'n1', text: `${real}\n${denied}\nnot a log line\n` }], {}, 100);
  it('keeps every line, newest first, raw lines last', () => {
    expect(lines.map((l) => l.kind)).toEqual(['access', 'access', 'raw']);
    expect(lines[0]).toMatchObject({ ztunnel: 'ztunnel-a', node: 'n1', direction: 'inbound' });
  });
  it('filters by workload (pods of it), namespace, direction and errors', () => {
    const only = (f: Parameters<typeof matchesFilter>[1]) => lines.filter((l) => matchesFilter(l, f)).length;
    expect(only({ workload: 'productpage-v1' })).toBe(1);
    expect(only({ workload: 'details-v1' })).toBe(2);
    expect(only({ workload: 'details' })).toBe(0);
    expect(only({ namespace: 'other' })).toBe(1);
    expect(only({ namespace: 'other', workload: 'details-v1' })).toBe(0);
    expect(only({ direction: 'outbound' })).toBe(1);
    expect(only({ errorsOnly: true })).toBe(1);
  });
  it('limits the count', () => {
    expect(parseZtunnelLogs([{ pod: 'z', text: `${real}\n${denied}` }], {}, 1)).toHaveLength(1);
  });
});
