import type { NamespacesResponse } from '@/lib/kube/wire/namespaces';
import { requestAccess, withKube } from '@/lib/server/kube';
import { route } from '@/lib/server/route';

// Namespaces with enrollment summary, waypoint, discovery and pod counts.
export const dynamic = 'force-dynamic';

export const GET = route('kube.namespaces', async (request) => {
  const access = await requestAccess(request);
  const namespaces = await withKube((kube) => kube.namespaces(access));
  return Response.json({ namespaces } satisfies NamespacesResponse);
});
