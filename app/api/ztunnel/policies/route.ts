import { ztunnelTable } from '@/lib/kube/views';
import { parseQuery } from '@/lib/server/kube';
import { ZtunnelTableParams, type ZtunnelTableResponse } from '@/lib/kube/wire/ztunnel';
import { route } from '@/lib/server/route';

// ztunnel policies merged from every ztunnel's /config_dump, with each ztunnel's status.
export const dynamic = 'force-dynamic';

export const GET = route('kube.ztunnel.policies', async (request, _context, { auth, kube }) => {
  const { namespace } = parseQuery(request, ZtunnelTableParams);
  const access = await auth.requestAccessTo(request, namespace);
  const view = await kube().ztunnelView(access);
  return Response.json(ztunnelTable(view, 'policies', namespace) satisfies ZtunnelTableResponse<'policies'>);
});
