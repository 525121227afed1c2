import { badRequest } from '@/lib/errors';
import { parseGraphParams } from '@/lib/graph/query';
import { dnsLabel } from '@/lib/kube/wire/names';
import type { MigrationResponse } from '@/lib/migration/plan';
import { parseQuery } from '@/lib/server/kube';
import { migrationPlan } from '@/lib/server/migration';
import { z } from 'zod';
import { route } from '@/lib/server/route';

// What moving one namespace from sidecars to ambient would change (lib/migration/plan.ts).
export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ namespace: string }> };

/** Only the traffic window (callers and callees come from it); anything else is a 400. */
const Params = z.object({ duration: z.string().min(1, 'must not be empty').optional() }).strict();

export const GET = route('migration.plan', async (request, context: Context, { auth, kube, inventory, graph, env }) => {
  const { namespace } = await context.params;
  if (!dnsLabel.safeParse(namespace).success) throw badRequest('namespace', 'must be a Kubernetes namespace name');
  const access = await auth.requestAccessTo(request, namespace);
  const { duration } = parseQuery(request, Params);
  const parsed = parseGraphParams({ namespaces: namespace, duration });
  if (!parsed.ok) throw badRequest(parsed.parameter, parsed.message);
  const plan = await migrationPlan({ kube, inventory, graph, rootNamespace: env.ISTIO_NAMESPACE ?? 'istio-system' }, { ...parsed.query, namespaces: [namespace] }, access, request.signal);
  return Response.json({ plan } satisfies MigrationResponse);
});
