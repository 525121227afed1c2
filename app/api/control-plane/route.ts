import type { ControlPlaneResponse } from '@/lib/kube/wire/control-plane';
import { requestAccess, withKube } from '@/lib/server/kube';
import { route } from '@/lib/server/route';

// Sail Operator resources, ztunnel and istio-cni DaemonSets per node, istiod pods.
export const dynamic = 'force-dynamic';

export const GET = route('kube.control-plane', async (request) => {
  const access = await requestAccess(request);
  const controlPlane = await withKube((kube) => kube.controlPlane(access));
  return Response.json({ controlPlane, resources: await withKube(async (kube) => kube.resourceStates()) } satisfies ControlPlaneResponse);
});
