import { parseQuery } from '@/lib/server/kube';
import { WorkloadsParams, type WorkloadsResponse } from '@/lib/kube/wire/workloads';
import { route } from '@/lib/server/route';

// Workloads (named as ztunnel names them) with enrollment and reason, identity, protocol, nodes, waypoint.
export const dynamic = 'force-dynamic';

export const GET = route('kube.workloads', async (request, _context, { auth, kube }) => {
  const { namespace } = parseQuery(request, WorkloadsParams);
  const access = await auth.requestAccessTo(request, namespace);
  const workloads = await kube().workloads(namespace, access);
  return Response.json({ workloads } satisfies WorkloadsResponse);
});
