import { deps } from '@/lib/server/deps';
import { checkKubernetesCache, checkPrometheus } from '@/lib/server/readiness';

// Readiness follows the Kubernetes cache: 503 until it has synced (or when it cannot).
// Prometheus is reported but does not fail readiness: with Prometheus down the pages still
// serve the cluster's state and say "Prometheus unreachable", which an unready pod could not.
export const dynamic = 'force-dynamic';

export async function GET(): Promise<Response> {
  const services = deps();
  const [kubernetes, prometheus] = await Promise.all([checkKubernetesCache(services), checkPrometheus(services.env)]);
  const status = !kubernetes.ok ? 'not ready' : prometheus.ok ? 'ready' : 'degraded';
  return Response.json(
    { status, checks: { kubernetes, prometheus } },
    { status: kubernetes.ok ? 200 : 503, headers: { 'cache-control': 'no-store' } },
  );
}
