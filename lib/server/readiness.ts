import 'server-only';
import { readFileSync } from 'node:fs';
import { VersionApi } from '@kubernetes/client-node';
import { z } from 'zod';
import { requestJson } from '@/lib/auth/http-json';
import type { Deps } from './deps';
import type { Env } from './env';

// Readiness: the Kubernetes cache has synced (and the API answers); Prometheus answers a query.

export type CheckResult = { ok: true; detail?: string } | { ok: false; detail: string };

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export async function checkKubernetes(services: Pick<Deps, 'auth'>): Promise<CheckResult> {
  try {
    const version = await withTimeout(services.auth.serviceAccountKubeConfig().makeApiClient(VersionApi).getCode(), 4000, 'Kubernetes API');
    return { ok: true, detail: version.gitVersion };
  } catch (err) {
    return { ok: false, detail: `Kubernetes API: ${message(err)}` };
  }
}

/**
 * The informer cache has listed every resource it can: 'missing' (CRD not installed) and
 * 'forbidden' are settled states shown to users; 'pending' and 'error' are not ready.
 */
export async function checkKubernetesCache(services: Pick<Deps, 'auth' | 'kube'>): Promise<CheckResult> {
  const api = await checkKubernetes(services);
  if (!api.ok) return api;
  try {
    await withTimeout(services.kube().snapshot(), 3000, 'Kubernetes cache');
  } catch (err) {
    return { ok: false, detail: message(err) };
  }
  const unsettled = Object.entries(services.kube().resourceStates()).filter(([, s]) => s.status === 'pending' || s.status === 'error');
  if (unsettled.length > 0) return { ok: false, detail: `cache not synced: ${unsettled.map(([name, s]) => `${name} ${s.status}`).join(', ')}` };
  return { ok: true, detail: `${api.detail ?? 'Kubernetes'}; cache synced` };
}

const vectorOfOne = z.object({
  status: z.literal('success'),
  data: z.object({ resultType: z.literal('vector'), result: z.array(z.object({ value: z.tuple([z.number(), z.literal('1')]) })).length(1) }),
});

/** requestJson hands over parsed JSON, or the text when it was not JSON (which never matches). */
const isVectorOfOne = (body: unknown): boolean => vectorOfOne.safeParse(body).success;

/** The answer for a caller who may not see internal addresses: each check's verdict, no detail. */
export function publicChecks<K extends string>(checks: Record<K, CheckResult>): Record<K, { ok: boolean }> {
  return Object.fromEntries(Object.entries<CheckResult>(checks).map(([name, c]) => [name, { ok: c.ok }])) as Record<K, { ok: boolean }>;
}

export async function checkPrometheus(e: Pick<Env, 'PROMETHEUS_URL' | 'PROMETHEUS_TOKEN' | 'PROMETHEUS_TOKEN_FILE' | 'PROMETHEUS_CA_FILE' | 'PROMETHEUS_HEADERS' | 'SIMULATOR_METRICS_URL'>): Promise<CheckResult> {
  if (!e.PROMETHEUS_URL) return { ok: true, detail: e.SIMULATOR_METRICS_URL ? 'not configured (simulator metrics)' : 'not configured' };
  const token = e.PROMETHEUS_TOKEN ?? (e.PROMETHEUS_TOKEN_FILE ? readFileSync(e.PROMETHEUS_TOKEN_FILE, 'utf8').trim() : undefined);
  const url = new URL('api/v1/query', e.PROMETHEUS_URL.endsWith('/') ? e.PROMETHEUS_URL : `${e.PROMETHEUS_URL}/`);
  url.searchParams.set('query', 'vector(1)');
  try {
    const response = await requestJson(
      url.toString(),
      { method: 'GET', headers: { ...e.PROMETHEUS_HEADERS, ...(token ? { authorization: `Bearer ${token}` } : {}) }, timeoutMs: 4000 },
      e.PROMETHEUS_CA_FILE ? { ca: readFileSync(e.PROMETHEUS_CA_FILE) } : {},
    );
    if (response.status !== 200) return { ok: false, detail: `Prometheus answered ${response.status}` };
    // A proxy's or a wrong service's 200 is not Prometheus answering: the body must be its API's vector(1).
    return isVectorOfOne(response.body) ? { ok: true } : { ok: false, detail: 'Prometheus answered 200 with a body that is not its query API\'s answer' };
  } catch (err) {
    return { ok: false, detail: `Prometheus: ${message(err)}` };
  }
}
