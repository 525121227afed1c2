import { deps } from '@/lib/server/deps';
import { checkKubernetesCache, checkPrometheus, publicChecks } from '@/lib/server/readiness';

// Readiness follows the Kubernetes cache: 503 until it has synced (or when it cannot).
// Prometheus is reported but does not fail readiness: with Prometheus down the pages still
// serve the cluster's state and say "Prometheus unreachable", which an unready pod could not.
// Probes are unauthenticated: they get each check's verdict only. The detail (internal addresses,
// versions) goes to a logged-in user and, when a check fails, to the log.
export const dynamic = 'force-dynamic';

export async function GET(request: Request): Promise<Response> {
  const services = deps();
  const [kubernetes, prometheus] = await Promise.all([checkKubernetesCache(services), checkPrometheus(services.env)]);
  const status = !kubernetes.ok ? 'not ready' : prometheus.ok ? 'ready' : 'degraded';
  const checks = { kubernetes, prometheus };
  if (!kubernetes.ok || !prometheus.ok) services.logger.warn('readiness', { status, kubernetes: kubernetes.detail, prometheus: prometheus.detail });
  return Response.json(
    { status, checks: (await authenticated(request)) ? checks : publicChecks(checks) },
    { status: kubernetes.ok ? 200 : 503, headers: { 'cache-control': 'no-store' } },
  );
}

/** A user who logged in (or whom the proxy named); the anonymous strategy authenticates nobody. */
async function authenticated(request: Request): Promise<boolean> {
  try {
    return (await deps().auth.requestUser(request)).strategy !== 'anonymous';
  } catch {
    return false;
  }
}
