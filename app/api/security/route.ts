import { WindowParams } from '@/lib/posture/query';
import { parseQuery } from '@/lib/server/kube';
import { getSecurityPosture } from '@/lib/server/posture';
import { route } from '@/lib/server/route';

// GET /api/security?duration=600 -> the mesh-wide security posture for that window.
export const dynamic = 'force-dynamic';

export const GET = route('security', async (request, _context, services) => {
  const { duration } = parseQuery(request, WindowParams);
  const access = await services.auth.requestAccess(request);
  const posture = await getSecurityPosture(services, { duration, access, signal: request.signal });
  return Response.json(posture, { headers: { 'cache-control': 'no-store' } });
});
