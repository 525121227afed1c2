import { NoParams, parseQuery } from '@/lib/server/kube';
import { getDataplane } from '@/lib/server/posture';
import { route } from '@/lib/server/route';

// GET /api/security/dataplane -> every pod as ztunnel and the Kubernetes API see it, with mismatches.
export const dynamic = 'force-dynamic';

export const GET = route('security.dataplane', async (request, _context, services) => {
  parseQuery(request, NoParams);
  const access = await services.auth.requestAccess(request);
  return Response.json(await getDataplane(services, access), { headers: { 'cache-control': 'no-store' } });
});
