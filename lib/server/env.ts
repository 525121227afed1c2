import 'server-only';
import { z } from 'zod';
import { DNS_LABEL } from '@/lib/graph/kube-names';

// Every setting the server reads, validated once. Nothing else reads process.env.

const headerList = z
  .string()
  .transform((raw, ctx) => {
    // "Name: value" pairs separated by newlines or commas, e.g. "X-Scope-OrgID: tenant-a"
    const headers: Record<string, string> = {};
    for (const part of raw.split(/[\n,]/).map((p) => p.trim()).filter(Boolean)) {
      const colon = part.indexOf(':');
      if (colon <= 0) {
        ctx.addIssue({ code: 'custom', message: `expected "Name: value", got "${part}"` });
        return z.NEVER;
      }
      headers[part.slice(0, colon).trim()] = part.slice(colon + 1).trim();
    }
    return headers;
  });

const optionalUrl = z.url({ protocol: /^https?$/ }).optional();
const basePath = z
  .string()
  .regex(/^(\/[A-Za-z0-9._~-]+)*\/?$/, 'must be a path such as /ambient-lens')
  .transform((p) => (p === '/' ? '' : p.replace(/\/$/, '')));

export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  BASE_PATH: basePath.default(''),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),

  PROMETHEUS_URL: optionalUrl,
  PROMETHEUS_TOKEN: z.string().min(1).optional(),
  PROMETHEUS_TOKEN_FILE: z.string().min(1).optional(),
  PROMETHEUS_CA_FILE: z.string().min(1).optional(),
  PROMETHEUS_HEADERS: headerList.optional(),
  /**
   * How long a page waits for Prometheus (or the simulator's metrics) before saying it did not
   * answer: one server-side bound, so the page names the fault well within 10 s.
   */
  PROMETHEUS_TIMEOUT_SECONDS: z.coerce.number().int().min(1, 'must be at least 1 second').max(300, 'must be at most 300 seconds').default(8),
  /** Per Prometheus query: a larger answer is cut off (read as a stream) and the graph fails with 502 prometheus_answer_too_large. */
  PROMETHEUS_MAX_ANSWER_BYTES: z.coerce.number().int().min(1024).default(128 * 1024 * 1024),
  /** auto: the graph reads Ambient Lens's recording rules (deploy/prometheus) for each family whose series exist; off: always the raw series. */
  PROMETHEUS_RECORDING_RULES: z.enum(['auto', 'off']).default('auto'),
  /** Per Prometheus query: at most this many series. */
  PROMETHEUS_MAX_SERIES: z.coerce.number().int().min(1).default(200_000),
  /** Demo without Prometheus: read the simulator's traffic directly. */
  SIMULATOR_METRICS_URL: optionalUrl,

  KUBECONFIG: z.string().min(1).optional(),
  ZTUNNEL_NAMESPACE: z.string().regex(DNS_LABEL).optional(),
  ISTIO_NAMESPACE: z.string().regex(DNS_LABEL).optional(),

  AUTH_STRATEGY: z.enum(['anonymous', 'token', 'openshift', 'header']).default('anonymous'),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  SESSION_TTL_SECONDS: z.coerce.number().int().min(60).default(8 * 3600),
  OPENSHIFT_OAUTH_CLIENT_ID: z.string().min(1).optional(),
  OPENSHIFT_OAUTH_CLIENT_SECRET: z.string().min(1).optional(),
  /** Overrides discovery from the API server's /.well-known/oauth-authorization-server. */
  OPENSHIFT_OAUTH_ISSUER: optionalUrl,
  /** Where the server exchanges the code (e.g. the in-cluster Service); default: the discovered token_endpoint. */
  OPENSHIFT_OAUTH_TOKEN_URL: optionalUrl,
  /** PEM bundle trusted for the OAuth token endpoint; default: Node's trust plus NODE_EXTRA_CA_CERTS. */
  OPENSHIFT_OAUTH_CA_FILE: z.string().min(1).optional(),
  /** The dashboard's public URL (https://host[/base]); default: taken from X-Forwarded-* / Host per request. */
  PUBLIC_URL: optionalUrl,
  /** Honour X-Forwarded-Proto/Host/Port/For and Forwarded (behind a Route, Ingress or proxy). */
  TRUST_FORWARDED_HEADERS: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  /**
   * AUTH_STRATEGY=header: a secret the authenticating proxy sends in X-Ambient-Lens-Proxy-Secret;
   * requests without it are refused, so a client that reaches the server directly cannot pass a token.
   */
  AUTH_HEADER_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** The address the production server listens on (Next's standalone server reads it). */
  HOSTNAME: z.string().optional(),
  /** /api/graph's "now" is aligned down to this many seconds (about the scrape interval), so refreshes and users share one answer. */
  GRAPH_TIME_BUCKET_SECONDS: z.coerce.number().int().min(1).max(300).default(15),
  /** Finished graph answers kept (gzipped; ~1 MB each for 5,000 workloads). */
  GRAPH_CACHE_ENTRIES: z.coerce.number().int().min(1).max(1000).default(64),
  /** Graph builds (build, JSON, gzip) running at once; each holds a whole graph in memory. Waiting on Prometheus is not counted. */
  GRAPH_MAX_BUILDS: z.coerce.number().int().min(1).max(32).default(2),
  /** How long a user's namespace access (SelfSubjectAccessReviews) is reused. */
  NAMESPACE_ACCESS_TTL_SECONDS: z.coerce.number().int().min(0).max(3600).default(30),
});

export type Env = z.infer<typeof envSchema>;

/** Whether the server listens where only its own pod can reach it. */
export const listensOnLoopback = (hostname: string | undefined): boolean => hostname === '127.0.0.1' || hostname === '::1' || hostname === 'localhost';

export class EnvError extends Error {
  override name = 'EnvError';
}

/** Parses an environment; throws an EnvError naming every bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new EnvError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const env = result.data;
  if (env.PROMETHEUS_TOKEN && env.PROMETHEUS_TOKEN_FILE) {
    throw new EnvError('Invalid configuration:\n  PROMETHEUS_TOKEN_FILE: set either PROMETHEUS_TOKEN or PROMETHEUS_TOKEN_FILE, not both');
  }
  if (env.AUTH_STRATEGY === 'openshift' && !(env.OPENSHIFT_OAUTH_CLIENT_ID && env.OPENSHIFT_OAUTH_CLIENT_SECRET)) {
    throw new EnvError('Invalid configuration:\n  OPENSHIFT_OAUTH_CLIENT_ID, OPENSHIFT_OAUTH_CLIENT_SECRET: required when AUTH_STRATEGY is openshift');
  }
  if (env.AUTH_STRATEGY === 'header' && !env.AUTH_HEADER_SECRET && !listensOnLoopback(env.HOSTNAME)) {
    throw new EnvError(
      'Invalid configuration:\n  AUTH_HEADER_SECRET: required when AUTH_STRATEGY is header, unless HOSTNAME is 127.0.0.1, ::1 or localhost ' +
        '(the server then listens on loopback only, for a proxy in the same pod); without either, any client could pass a token header',
    );
  }
  if (env.AUTH_STRATEGY !== 'anonymous' && !env.SESSION_SECRET) {
    throw new EnvError(`Invalid configuration:\n  SESSION_SECRET: required when AUTH_STRATEGY is ${env.AUTH_STRATEGY}`);
  }
  return env;
}

let cached: Env | undefined;

/** The process environment, parsed on first use. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
