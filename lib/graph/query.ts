import { z } from 'zod';
import { DNS_LABEL, DNS_LABEL_MAX } from './kube-names';
import { CLOCK_SKEW_SECONDS, graphParamNames, graphTypes, MAX_DURATION, MAX_FOCUS, MAX_NAMESPACES, MIN_DURATION, waypointModes, type GraphRequest } from './request';

// The schema of /api/graph's parameters, for the route handlers, the server's pages and the CLI.
// They arrive as strings (URL search params, CLI flags); the schema turns them into typed values.
// What the browser needs of them (names, limits, the canonical URL) is in ./request.ts, without zod.

/** A Kubernetes namespace name: an RFC 1123 (DNS-1123) label. */
export const namespaceName = z
  .string()
  .max(DNS_LABEL_MAX, 'a namespace name has at most 63 characters')
  .regex(DNS_LABEL, 'not a valid namespace name (DNS-1123 label)');

const unitSeconds: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

/** "600", "600s", "5m", "1h" -> seconds. */
export const durationSeconds = z
  .string()
  .trim()
  .regex(/^\d{1,6}[smhd]?$/, 'expected seconds or a number with s, m, h or d (e.g. 600, 5m, 1h)')
  .transform((raw) => {
    const unit = /[smhd]$/.test(raw) ? raw.slice(-1) : 's';
    return Number.parseInt(raw, 10) * (unitSeconds[unit] ?? 1);
  })
  .pipe(
    z
      .number()
      .int()
      .min(MIN_DURATION, `must be at least ${MIN_DURATION} seconds`)
      .max(MAX_DURATION, `must be at most ${MAX_DURATION} seconds (1 day)`),
  );

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const namespaceList = z
  .string()
  .transform((raw) => [...new Set(raw.split(',').map((n) => n.trim()).filter(Boolean))].sort())
  .pipe(
    z
      .array(namespaceName)
      .min(1, 'at least one namespace is required')
      .max(MAX_NAMESPACES, `at most ${MAX_NAMESPACES} namespaces`),
  );

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/** The schema, with the clock injected so tests can fix "now". */
export function graphParamsAt(now: () => number) {
  return z.object({
    namespaces: namespaceList,
    graphType: z.enum(graphTypes).default('workload'),
    duration: durationSeconds.default(600),
    queryTime: z
      .string()
      .regex(/^\d{1,12}$/, 'expected unix seconds')
      .transform(Number)
      .pipe(z.number().int().positive())
      .refine((t) => t <= now() + CLOCK_SKEW_SECONDS, 'must not be in the future')
      .transform((t) => Math.min(t, now()))
      .optional()
      .transform((t) => t ?? now()),
    idle: bool.default(false),
    waypoints: z.enum(waypointModes).default('show'),
    /**
     * Drill-down: the id of one node. The graph is then that node's neighbourhood across every
     * namespace the user may see (namespaces still names the view it was opened from). Never put in PromQL.
     */
    focus: z.string().min(1).max(MAX_FOCUS, `a node id has at most ${MAX_FOCUS} characters`).optional(),
  });
}

/** The schema of /api/graph's parameters ("now" read at each parse). */
export const GraphParams = graphParamsAt(nowSeconds);
export type GraphParams = z.output<typeof GraphParams>;

/** The browser's GraphRequest (./request.ts) is the parsed parameters with queryTime optional: this fails to compile when either side drifts. */
type ParsedRequest = Omit<GraphParams, 'queryTime'> & { queryTime?: number };
const _requestIsParsed: [GraphRequest, ParsedRequest] extends [ParsedRequest, GraphRequest] ? true : never = true;

export type GraphParamsResult = { ok: true; query: GraphParams } | { ok: false; parameter: string; message: string };

type RawParams = URLSearchParams | Record<string, string | undefined>;

/** Parses raw string parameters; on failure names the first bad parameter. Unknown parameters are ignored. */
export function parseGraphParams(input: RawParams, now?: () => number): GraphParamsResult {
  const raw: Record<string, string> = {};
  for (const name of graphParamNames) {
    const value = input instanceof URLSearchParams ? input.get(name) : input[name];
    if (value !== null && value !== undefined && value !== '') raw[name] = value;
  }
  if (raw.namespaces === undefined) return { ok: false, parameter: 'namespaces', message: 'namespaces: required (comma-separated namespace names)' };
  const result = (now ? graphParamsAt(now) : GraphParams).safeParse(raw);
  if (result.success) return { ok: true, query: result.data };
  const issue = result.error.issues[0];
  const parameter = String(issue?.path[0] ?? 'query');
  return { ok: false, parameter, message: `${parameter}: ${issue?.message ?? 'invalid'}` };
}
