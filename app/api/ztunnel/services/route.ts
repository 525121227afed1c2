import { ztunnelTable } from '@/lib/kube/views';
import { ZtunnelTableParams, type ZtunnelTableResponse } from '@/lib/kube/wire/ztunnel';
import { parseQuery, requestAccess, withKube } from '@/lib/server/kube';
import { route } from '@/lib/server/route';

// ztunnel services merged from every ztunnel's /config_dump, with each ztunnel's status.
export const dynamic = 'force-dynamic';

export const GET = route('kube.ztunnel.services', async (request) => {
  const { namespace } = parseQuery(request, ZtunnelTableParams);
  const access = await requestAccess(request);
  const view = await withKube((kube) => kube.ztunnelView(access));
  return Response.json(ztunnelTable(view, 'services', namespace) satisfies ZtunnelTableResponse<'services'>);
});
