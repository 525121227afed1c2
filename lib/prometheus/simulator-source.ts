import 'server-only';
import { z } from 'zod';
import type { MetricsSource, TimedSamples, TrafficSamples } from '@/lib/graph/samples';
import { MetricsError } from './errors';
import type { FetchLike } from './https-fetch';
import { LabelInterner } from './label-interner';

// Demo without Prometheus: the simulator serves TrafficSamples directly at
// POST <baseUrl>/sim/traffic with the form body namespaces=a,b&duration=600&time=<unix seconds>
// (a form body, not a query string: 200 long namespace names overflow a URL). Validated like any input.

const peer = z.object({
  cluster: z.string(), namespace: z.string(), workload: z.string(), canonicalService: z.string(),
  canonicalRevision: z.string(), app: z.string(), version: z.string(), principal: z.string(),
});
const destination = peer.extend({ service: z.string(), serviceName: z.string(), serviceNamespace: z.string() });
const rate = z.number().finite().nonnegative();
const workloadRef = z.object({ cluster: z.string(), namespace: z.string(), workload: z.string() });

export const trafficSamplesSchema = z.object({
  tcp: z.array(
    z.object({
      metric: z.enum(['receivedBytes', 'sentBytes', 'connectionsOpened', 'connectionsClosed']),
      reporter: z.enum(['source', 'destination']).optional(),
      proxy: z.literal('sidecar').optional(),
      source: peer, destination, securityPolicy: z.string(), responseFlags: z.string(), value: rate,
    }),
  ),
  http: z.array(
    z.object({
      reporter: z.enum(['source', 'destination', 'waypoint']),
      source: peer, destination, protocol: z.enum(['http', 'grpc']), responseCode: z.string(), grpcStatus: z.string(),
      securityPolicy: z.string(), responseFlags: z.string(), value: rate,
    }),
  ),
  latency: z.array(
    z.object({ reporter: z.enum(['source', 'destination']).optional(), source: workloadRef, destination: workloadRef, quantile: z.union([z.literal(0.5), z.literal(0.95), z.literal(0.99)]), valueMs: z.number().finite().nullable() }),
  ),
}) satisfies z.ZodType<TrafficSamples>;

const timedSamplesSchema = z.array(z.object({ time: z.number(), samples: trafficSamplesSchema })) satisfies z.ZodType<TimedSamples[]>;

/**
 * The samples with one label object per distinct tuple, as the Prometheus parser hands them over
 * (label-interner.ts): the graph core tells series apart by object (lib/graph/passes/tcp-edges.ts),
 * so an object per sample, as parsed, made every sample a series of its own (~20% slower at 5,000
 * workloads). The parsed objects are this adapter's own: their labels are replaced in place.
 */
export function internSamples(samples: TrafficSamples, interner = new LabelInterner()): TrafficSamples {
  for (const s of [...samples.tcp, ...samples.http]) {
    s.source = interner.samePeer(s.source);
    s.destination = interner.sameDestination(s.destination);
  }
  return samples;
}

export function createSimulatorMetricsSource(baseUrl: string, doFetch: FetchLike = (url, init) => fetch(url, init), timeoutMs = 10_000): MetricsSource {
  const root = baseUrl.replace(/\/+$/, '');
  return {
    kind: 'simulator',
    async samples(query, signal) {
      const params = new URLSearchParams({ namespaces: query.namespaces.join(','), duration: String(query.duration), time: String(query.queryTime) });
      return internSamples(await get(`${root}/sim/traffic`, trafficSamplesSchema, signal, params));
    },
    async samplesRange(range, signal) {
      // The simulator's history: the same samples at each step, in one request.
      const params = new URLSearchParams({ namespaces: range.namespaces.join(','), duration: String(range.rateWindow), start: String(range.start), end: String(range.end), step: String(range.step) });
      const steps = await get(`${root}/sim/traffic/range?${params}`, timedSamplesSchema, signal);
      const interner = new LabelInterner();
      return steps.map(({ time, samples }) => ({ time, samples: internSamples(samples, interner) }));
    },
    async ztunnelSeries(duration, queryTime, signal) {
      // Every namespace (an empty list): ztunnel's own TCP samples, sidecars' left out.
      const params = new URLSearchParams({ namespaces: '', duration: String(duration), time: String(queryTime) });
      const all = await get(`${root}/sim/traffic`, trafficSamplesSchema, signal, params);
      return { series: all.tcp.filter((t) => t.proxy === undefined).length, check: "the simulator's ztunnel TCP samples in every namespace" };
    },
  };

  async function get<T>(url: string, schema: z.ZodType<T>, signal?: AbortSignal, form?: URLSearchParams): Promise<T> {
      const timeout = AbortSignal.timeout(timeoutMs);
      let response: Response;
      let text: string;
      try {
        // A form body when given: many long namespace names overflow a URL.
        response = await doFetch(url, {
          method: form ? 'POST' : 'GET',
          headers: { accept: 'application/json', ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
          ...(form ? { body: form.toString() } : {}),
          signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
        });
        text = await response.text();
      } catch (err) {
        if (signal?.aborted) throw signal.reason;
        if (timeout.aborted) throw new MetricsError('prometheus_unreachable', `The simulator's metrics did not answer within ${timeoutMs / 1000}s`, { cause: err });
        const why = err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err);
        throw new MetricsError('prometheus_unreachable', `The simulator's metrics at ${root} are unreachable: ${why}`, { cause: err });
      }
      if (!response.ok) throw new MetricsError('prometheus_error', `The simulator's metrics answered HTTP ${response.status}`);
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        throw new MetricsError('prometheus_error', "The simulator's metrics answer is not JSON");
      }
      const parsed = schema.safeParse(json);
      if (!parsed.success) throw new MetricsError('prometheus_error', `The simulator's metrics answer is malformed: ${parsed.error.issues[0]?.message ?? ''}`);
      return parsed.data;
  }
}
