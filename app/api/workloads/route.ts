import { WorkloadsParams, type WorkloadsResponse } from '@/lib/kube/wire/workloads';
import { parseQuery, requestAccess, withKube } from '@/lib/server/kube';
import { route } from '@/lib/server/route';

// Workloads (named as ztunnel names them) with enrollment and reason, identity, protocol, nodes, waypoint.
export const dynamic = 'force-dynamic';

export const GET = route('kube.workloads', async (request) => {
  const { namespace } = parseQuery(request, WorkloadsParams);
  const access = await requestAccess(request);
  const workloads = await withKube((kube) => kube.workloads(namespace, access));
  return Response.json({ workloads } satisfies WorkloadsResponse);
});
