import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseViewState } from '@/components/graph/view-state';
import { KubeLayerError } from '@/lib/kube/errors';
import { parseConfigDump } from '@/lib/kube/ztunnel/config-dump';
import { parseLogLine, parseZtunnelLogs } from '@/lib/kube/ztunnel/logs';
import { escapeString, selector } from '@/lib/prometheus/promql';
import { toHttpSamples, toTcpSamples, vectorSchema } from '@/lib/prometheus/to-samples';
import { kialiDump } from '@/testing/fixtures/clusters';

// fast-check over the parsers that read what others send: ztunnel config_dumps, access-log lines,
// Prometheus vectors, the graph page's URL, and user text headed for PromQL. None may throw
// anything but its own reported error; unknown shapes come back as the parser's own report.

const runs = { numRuns: 300 };

/** Any JSON value, nested a little. */
const json = fc.jsonValue({ maxDepth: 4 });

/** The real dump with random subtrees replaced: close enough to the real shape to reach deep code. */
const mutatedDump = fc
  .tuple(fc.constantFrom('workloads', 'services', 'policies', 'certificates', 'config'), json)
  .map(([key, value]) => ({ ...(JSON.parse(JSON.stringify(kialiDump)) as Record<string, unknown>), [key]: value }));

describe('ztunnel config_dump parser', () => {
  it('answers a config or its own unsupported_ztunnel_config error, whatever the JSON', () => {
    fc.assert(
      fc.property(fc.oneof(json, mutatedDump), (raw) => {
        try {
          const config = parseConfigDump(raw);
          expect(Array.isArray(config.workloads)).toBe(true);
        } catch (err) {
          expect(err).toBeInstanceOf(KubeLayerError);
          expect((err as KubeLayerError).code).toBe('unsupported_ztunnel_config');
        }
      }),
      runs,
    );
  });
});

describe('access-log line parser', () => {
  const field = fc.tuple(fc.constantFrom('src.addr', 'dst.workload', 'src.identity', 'bytes_sent', 'duration', 'error', 'x'), fc.string()).map(([k, v]) => `${k}=${/\s/.test(v) ? JSON.stringify(v) : v}`);
  const line = fc.oneof(
    fc.string(),
    fc.tuple(fc.date({ noInvalidDate: true, min: new Date(0), max: new Date(4e12) }), fc.constantFrom('info', 'error', 'warn'), fc.constantFrom('access', 'proxy'), fc.string(), fc.array(field, { maxLength: 8 }))
      .map(([t, level, target, msg, fields]) => `${t.toISOString()}\t${level}\t${target}\t${msg}\t${fields.join(' ')}`),
  );
  it('turns every line into an access record or keeps it as raw text', () => {
    fc.assert(
      fc.property(line, (text) => {
        const parsed = parseLogLine(text);
        expect(['access', 'raw']).toContain(parsed.kind);
        if (parsed.kind === 'access' && parsed.bytesSent !== undefined) expect(Number.isFinite(parsed.bytesSent)).toBe(true);
      }),
      runs,
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 20 }), (lines) => {
        const parsed = parseZtunnelLogs([{ pod: 'z', text: lines.join('\n') }], {}, 100);
        expect(parsed.length).toBeLessThanOrEqual(lines.join('\n').split('\n').length);
      }),
      runs,
    );
  });
});

describe('Prometheus vector', () => {
  it('an answer that is not a vector is refused by the schema, a vector always maps', () => {
    fc.assert(
      fc.property(json, (raw) => {
        const parsed = vectorSchema.safeParse(raw);
        if (parsed.success) expect(() => toHttpSamples(parsed.data)).not.toThrow();
      }),
      runs,
    );
    const sample = fc.record({
      metric: fc.dictionary(fc.constantFrom('reporter', 'source_workload', 'destination_workload_namespace', 'response_code', 'x'), fc.string()),
      value: fc.tuple(fc.double(), fc.oneof(fc.string(), fc.constantFrom('NaN', '+Inf', '-Inf', '1.5'))),
    });
    fc.assert(
      fc.property(fc.array(sample, { maxLength: 20 }), (vector) => {
        expect(() => toHttpSamples(vector)).not.toThrow();
        expect(() => toTcpSamples('sentBytes', vector)).not.toThrow();
      }),
      runs,
    );
  });
});

describe('graph URL view state', () => {
  const names = ['namespaces', 'graphType', 'duration', 'queryTime', 'idle', 'waypoints', 'layout', 'collapse', 'selected', 'badges', 'find', 'hide'];
  it('reads any URL into a state plus a list of problems, never a throw', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...names), fc.string({ maxLength: 200 })), (params) => {
        const parsed = parseViewState({ get: (n) => params[n] ?? null });
        expect(parsed).toBeDefined();
      }),
      runs,
    );
  });
});

/** The value a PromQL double-quoted literal stands for (the language's own unescaping). */
function promqlLiteral(text: string): string | undefined {
  const m = /^"((?:[^"\\]|\\.)*)"$/.exec(text);
  if (!m?.[1] && m?.[1] !== '') return undefined;
  return m[1].replace(/\\(.)/g, (_s, c: string) => ({ n: '\n', r: '\r', t: '\t' })[c] ?? c);
}

describe('PromQL escaping', () => {
  it('any user text is exactly one label matcher value that reads back as itself', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (value) => {
        const query = selector('istio_requests_total', [['destination_workload', '=', value]]);
        const m = /^istio_requests_total\{destination_workload=("(?:[^"\\]|\\.)*")\}$/.exec(query);
        expect(m, query).not.toBeNull();
        expect(promqlLiteral(m?.[1] ?? '')).toBe(value);
        expect(promqlLiteral(`"${escapeString(value)}"`)).toBe(value);
      }),
      { numRuns: 1000 },
    );
  });
});
