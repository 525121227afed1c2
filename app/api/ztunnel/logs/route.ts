import { parseQuery } from '@/lib/server/kube';
import { ZtunnelLogParams, type ZtunnelLogs } from '@/lib/kube/wire/ztunnel-logs';
import { route } from '@/lib/server/route';

// ztunnel access logs from every ztunnel pod, parsed and filtered; a peer in a namespace the user may
// not see is redacted as the graph redacts it, and asking for such a namespace is a 403.
export const dynamic = 'force-dynamic';

export const GET = route('kube.ztunnel.logs', async (request, _context, { auth, kube }) => {
  const q = parseQuery(request, ZtunnelLogParams);
  const access = await auth.requestAccessTo(request, q.namespace);
  const logs = await kube().ztunnelLogs(
    { namespace: q.namespace, workload: q.workload, direction: q.direction, errorsOnly: q.errors, tailLines: q.tail, sinceSeconds: q.since, limit: q.limit },
    access,
    request.signal,
  );
  return Response.json(logs satisfies ZtunnelLogs);
});
