import { z } from 'zod';
import { parseQuery, requestAccess } from '@/lib/server/kube';
import { getDataplane } from '@/lib/server/posture';
import { route } from '@/lib/server/route';

// GET /api/security/dataplane -> every pod as ztunnel and the Kubernetes API see it, with mismatches.
export const dynamic = 'force-dynamic';

export const GET = route('security.dataplane', async (request) => {
  parseQuery(request, z.object({}).strict());
  const access = await requestAccess(request);
  return Response.json(await getDataplane(access), { headers: { 'cache-control': 'no-store' } });
});
