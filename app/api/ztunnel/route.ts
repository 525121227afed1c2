import type { ZtunnelPodsResponse } from '@/lib/kube/wire/ztunnel';
import { route } from '@/lib/server/route';

// ztunnel pods per node: readiness, version, restarts (from the cache, no port-forward).
export const dynamic = 'force-dynamic';

export const GET = route('kube.ztunnel', async (request, _context, { auth, kube }) => {
  await auth.requestAccess(request);
  const ztunnels = await kube().ztunnelPods();
  return Response.json({ ztunnels } satisfies ZtunnelPodsResponse);
});
