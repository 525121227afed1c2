import { badRequest } from '@/lib/errors';
import { parseGraphParams } from '@/lib/graph/query';
import { dnsLabel } from '@/lib/kube/wire/names';
import type { MigrationResponse } from '@/lib/migration/plan';
import { migrationPlan } from '@/lib/server/migration';
import { route } from '@/lib/server/route';

// What moving one namespace from sidecars to ambient would change (lib/migration/plan.ts).
export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ namespace: string }> };

export const GET = route('migration.plan', async (request, context: Context, { auth, kube, inventory, graph, env }) => {
  const { namespace } = await context.params;
  if (!dnsLabel.safeParse(namespace).success) throw badRequest('namespace', 'must be a Kubernetes namespace name');
  const access = await auth.requestAccessTo(request, namespace);
  const url = new URL(request.url);
  const parsed = parseGraphParams({ namespaces: namespace, duration: url.searchParams.get('duration') ?? undefined });
  if (!parsed.ok) throw badRequest(parsed.parameter, parsed.message);
  const plan = await migrationPlan({ kube, inventory, graph, rootNamespace: env.ISTIO_NAMESPACE ?? 'istio-system' }, { ...parsed.query, namespaces: [namespace] }, access, request.signal);
  return Response.json({ plan } satisfies MigrationResponse);
});
