import { graphParamNames, parseGraphParams } from '@/lib/graph/query';
import { rejectUnknownParams, singleParams } from '@/lib/server/kube';
import { AppError } from '@/lib/errors';
import type { MeshGraph } from '@/lib/graph/model';
import { route } from '@/lib/server/route';

// GET /api/graph?namespaces=a,b&graphType=workload&duration=600&queryTime=&idle=false&waypoints=show
// -> MeshGraph (docs/api-graph.md). 400 names the bad parameter; 403 for a namespace the user cannot see.
export const dynamic = 'force-dynamic';

export const GET = route('graph', async (request, _context, { auth, graph: getGraph }) => {
  const params = singleParams(request);
  rejectUnknownParams(params, graphParamNames);
  const parsed = parseGraphParams(params);
  if (!parsed.ok) throw new AppError('bad_request', parsed.message, parsed.parameter);
  const user = await auth.requestUser(request);
  await auth.requireNamespaces(user, parsed.query.namespaces);
  const access = await auth.accessibleNamespaces(user);
  const graph = await getGraph(parsed.query, access === 'all' ? {} : { accessibleNamespaces: access }, request.signal);
  return Response.json(graph satisfies MeshGraph, { headers: { 'cache-control': 'no-store' } });
});
