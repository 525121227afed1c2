import { WindowParams } from '@/lib/posture/query';
import { parseQuery, requestAccess } from '@/lib/server/kube';
import { getOverview } from '@/lib/server/overview';
import { route } from '@/lib/server/route';

// GET /api/overview?duration=600 -> Overview: namespace cards and mesh-wide headline figures.
export const dynamic = 'force-dynamic';

export const GET = route('overview', async (request) => {
  const { duration } = parseQuery(request, WindowParams);
  const access = await requestAccess(request);
  const overview = await getOverview({ duration, access, signal: request.signal });
  return Response.json(overview, { headers: { 'cache-control': 'no-store' } });
});
