import { NoParams, parseQuery } from '@/lib/server/kube';
import type { NamespacesResponse } from '@/lib/kube/wire/namespaces';
import { route } from '@/lib/server/route';

// Namespaces with enrollment summary, waypoint, discovery and pod counts.
export const dynamic = 'force-dynamic';

export const GET = route('kube.namespaces', async (request, _context, { auth, kube }) => {
  parseQuery(request, NoParams);
  const access = await auth.requestAccess(request);
  const namespaces = await kube().namespaces(access);
  return Response.json({ namespaces } satisfies NamespacesResponse);
});
