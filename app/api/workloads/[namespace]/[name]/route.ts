import { badRequest } from '@/lib/errors';
import { dnsLabel, objectName } from '@/lib/kube/wire/names';
import type { WorkloadResponse } from '@/lib/kube/wire/workloads';
import { NoParams, parseQuery } from '@/lib/server/kube';
import { route } from '@/lib/server/route';

// One workload with its pods.
export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ namespace: string; name: string }> };

export const GET = route('kube.workload', async (request, context: Context, { auth, kube }) => {
  parseQuery(request, NoParams);
  const { namespace, name } = await context.params;
  if (!dnsLabel.safeParse(namespace).success) throw badRequest('namespace', 'must be a Kubernetes namespace name');
  if (!objectName.safeParse(name).success) throw badRequest('name', 'must be a Kubernetes object name');
  const access = await auth.requestAccessTo(request, namespace);
  const workload = await kube().workload(namespace, name, access);
  return Response.json({ workload } satisfies WorkloadResponse);
});
