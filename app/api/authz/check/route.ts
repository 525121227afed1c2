import { AuthzCheckParams } from '@/lib/kube/wire/authz';
import { checkNamespaces, getAuthzCheck } from '@/lib/server/authz';
import { parseQuery } from '@/lib/server/kube';
import { route } from '@/lib/server/route';

// GET /api/authz/check?from=NS/WORKLOAD|plaintext:NS&to=NS/WORKLOAD|NS/service:NAME[&port=N][&service=NAME]
// -> would this connection be allowed, by which policy, enforced where, seeing which identity.
export const dynamic = 'force-dynamic';

export const GET = route('authz.check', async (request, _context, services) => {
  const params = parseQuery(request, AuthzCheckParams);
  const user = await services.auth.requestUser(request);
  await services.auth.requireNamespaces(user, checkNamespaces(params));
  const access = await services.auth.requestAccess(request);
  return Response.json(await getAuthzCheck(services, params, access), { headers: { 'cache-control': 'no-store' } });
});
