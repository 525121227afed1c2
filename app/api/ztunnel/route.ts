import { NoParams, parseQuery } from '@/lib/server/kube';
import type { ZtunnelPodsResponse } from '@/lib/kube/wire/ztunnel';
import { route } from '@/lib/server/route';

// ztunnel pods per node: readiness, version, restarts (from the cache, no port-forward). A user who
// may not see the ztunnel namespace gets each node's health without the pod names.
export const dynamic = 'force-dynamic';

export const GET = route('kube.ztunnel', async (request, _context, { auth, kube }) => {
  parseQuery(request, NoParams);
  const access = await auth.requestAccess(request);
  const ztunnels = await kube().ztunnelPods(access);
  return Response.json({ ztunnels } satisfies ZtunnelPodsResponse);
});
