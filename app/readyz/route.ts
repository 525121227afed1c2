import { checkKubernetes, checkPrometheus } from '@/lib/server/readiness';

// Readiness: 200 when the Kubernetes API and Prometheus answer, 503 (with the reasons) otherwise.
export const dynamic = 'force-dynamic';

export async function GET(): Promise<Response> {
  const [kubernetes, prometheus] = await Promise.all([checkKubernetes(), checkPrometheus()]);
  const ready = kubernetes.ok && prometheus.ok;
  return Response.json(
    { status: ready ? 'ready' : 'not ready', checks: { kubernetes, prometheus } },
    { status: ready ? 200 : 503, headers: { 'cache-control': 'no-store' } },
  );
}
