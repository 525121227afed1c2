import { NoParams, parseQuery } from '@/lib/server/kube';
import type { ControlPlaneResponse } from '@/lib/kube/wire/control-plane';
import { route } from '@/lib/server/route';

// Sail Operator resources, ztunnel and istio-cni DaemonSets per node, istiod pods.
export const dynamic = 'force-dynamic';

export const GET = route('kube.control-plane', async (request, _context, { auth, kube }) => {
  parseQuery(request, NoParams);
  const access = await auth.requestAccess(request);
  const controlPlane = await kube().controlPlane(access);
  return Response.json({ controlPlane, resources: kube().resourceStates() } satisfies ControlPlaneResponse);
});
