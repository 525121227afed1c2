import { workloadsQuery } from '@/lib/kube/query';
import { parseQuery } from '@/lib/server/kube';
import { route } from '@/lib/server/route';

// Workloads (named as ztunnel names them) with enrollment and reason, identity, protocol, nodes, waypoint.
export const dynamic = 'force-dynamic';

export const GET = route('kube.workloads', async (request, _context, { auth, kube }) => {
  const { namespace } = parseQuery(request, workloadsQuery);
  const access = await auth.requestAccess(request);
  const workloads = await kube().workloads(namespace, access);
  return Response.json({ workloads });
});
