import { describe, expect, it } from 'vitest';
import { createSimulatorMetricsSource } from './simulator-source';

// The simulator's traffic as its HTTP answer carries it: every sample with label objects of its own.
const peer = (workload: string) => ({
  cluster: 'Kubernetes', namespace: 'bookinfo', workload, canonicalService: workload, canonicalRevision: 'v1', app: workload, version: 'v1',
  principal: `spiffe://cluster.local/ns/bookinfo/sa/${workload}`,
});
const dest = (workload: string) => ({ ...peer(workload), service: `${workload}.bookinfo.svc.cluster.local`, serviceName: workload, serviceNamespace: 'bookinfo' });
const tcp = (metric: string, source: string, destination: string, value: number) => ({ metric, source: peer(source), destination: dest(destination), securityPolicy: 'mutual_tls', responseFlags: '-', value });
const answer = {
  tcp: [tcp('receivedBytes', 'productpage', 'details', 10), tcp('sentBytes', 'productpage', 'details', 20), tcp('receivedBytes', 'productpage', 'reviews', 5)],
  http: [{ reporter: 'waypoint', source: peer('productpage'), destination: dest('details'), protocol: 'http', responseCode: '200', grpcStatus: '', securityPolicy: 'mutual_tls', responseFlags: '-', value: 1 }],
  latency: [],
};

describe('the simulator metrics source', () => {
  it('hands over one label object per distinct tuple, as the Prometheus parser does', async () => {
    const fetch = async () => new Response(JSON.stringify(answer), { status: 200 });
    const samples = await createSimulatorMetricsSource('http://sim', fetch).samples({ namespaces: ['bookinfo'], duration: 600, queryTime: 1 });
    const [a, b, c] = samples.tcp;
    expect(a?.source).toBe(b?.source);
    expect(a?.source).toBe(c?.source);
    expect(a?.destination).toBe(b?.destination);
    expect(a?.destination).not.toBe(c?.destination);
    expect(samples.http[0]?.source).toBe(a?.source);
    expect(samples.http[0]?.destination).toBe(a?.destination);
    // The labels themselves are unchanged.
    expect(samples.tcp.map((t) => [t.source.workload, t.destination.service, t.value])).toEqual([
      ['productpage', 'details.bookinfo.svc.cluster.local', 10],
      ['productpage', 'details.bookinfo.svc.cluster.local', 20],
      ['productpage', 'reviews.bookinfo.svc.cluster.local', 5],
    ]);
  });

  it('shares them across the steps of a range', async () => {
    const fetch = async () => new Response(JSON.stringify([{ time: 1, samples: answer }, { time: 2, samples: answer }]), { status: 200 });
    const steps = await createSimulatorMetricsSource('http://sim', fetch).samplesRange!({ namespaces: ['bookinfo'], rateWindow: 60, start: 1, end: 2, step: 1 });
    expect(steps.map((s) => s.time)).toEqual([1, 2]);
    expect(steps[0]?.samples.tcp[0]?.source).toBe(steps[1]?.samples.tcp[0]?.source);
  });
});
