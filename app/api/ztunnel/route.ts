import type { ZtunnelPodsResponse } from '@/lib/kube/wire/ztunnel';
import { requestAccess, withKube } from '@/lib/server/kube';
import { route } from '@/lib/server/route';

// ztunnel pods per node: readiness, version, restarts (from the cache, no port-forward).
export const dynamic = 'force-dynamic';

export const GET = route('kube.ztunnel', async (request) => {
  await requestAccess(request);
  const ztunnels = await withKube((kube) => kube.ztunnelPods());
  return Response.json({ ztunnels } satisfies ZtunnelPodsResponse);
});
