import { AuthzPoliciesParams } from '@/lib/kube/wire/authz';
import { getAuthzPolicies } from '@/lib/server/authz';
import { parseQuery } from '@/lib/server/kube';
import { route } from '@/lib/server/route';

// GET /api/authz/policies[?namespace=NS] -> AuthorizationPolicies and PeerAuthentications of the
// namespaces the user may see, with enforcement points, findings and ztunnel's view of them.
export const dynamic = 'force-dynamic';

export const GET = route('authz.policies', async (request, _context, services) => {
  const { namespace } = parseQuery(request, AuthzPoliciesParams);
  if (namespace) await services.auth.requireNamespaces(await services.auth.requestUser(request), [namespace]);
  const access = await services.auth.requestAccess(request);
  return Response.json(await getAuthzPolicies(services, access, namespace), { headers: { 'cache-control': 'no-store' } });
});
