import { route } from '@/lib/server/route';
import { requestAccess, withKube } from '@/lib/server/kube';

// Namespaces with enrollment summary, waypoint, discovery and pod counts.
export const dynamic = 'force-dynamic';

export const GET = route('kube.namespaces', async (request) => {
  const access = await requestAccess(request);
  const namespaces = await withKube((kube) => kube.namespaces(access));
  return Response.json({ namespaces });
});
