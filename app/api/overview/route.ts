import { WindowParams } from '@/lib/posture/query';
import { parseQuery } from '@/lib/server/kube';
import { getOverview } from '@/lib/server/overview';
import { route } from '@/lib/server/route';

// GET /api/overview?duration=600 -> Overview: namespace cards and mesh-wide headline figures.
export const dynamic = 'force-dynamic';

export const GET = route('overview', async (request, _context, services) => {
  const { duration } = parseQuery(request, WindowParams);
  const access = await services.auth.requestAccess(request);
  const overview = await getOverview(services, { duration, access, signal: request.signal });
  return Response.json(overview, { headers: { 'cache-control': 'no-store' } });
});
