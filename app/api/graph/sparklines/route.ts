import { parseGraphParams } from '@/lib/graph/query';
import { graphParamNames } from '@/lib/graph/request';
import { rejectUnknownParams, singleParams } from '@/lib/server/kube';
import type { EdgeSparklines } from '@/lib/graph/series';
import { AppError } from '@/lib/errors';
import { route } from '@/lib/server/route';

// GET /api/graph/sparklines?namespaces=a,b&graphType=workload&waypoints=show&duration=600&queryTime=
// -> EdgeSparklines: every edge's bytes/s (L4) or requests/s (L7) over the window, for the edge list.
// The graph's own parameters (idle and focus are not used); 403 for a namespace the user cannot see.
export const dynamic = 'force-dynamic';

export const GET = route('graph-sparklines', async (request, _context, { auth, series }) => {
  const params = singleParams(request);
  rejectUnknownParams(params, graphParamNames);
  const parsed = parseGraphParams(params);
  if (!parsed.ok) throw new AppError('bad_request', parsed.message, parsed.parameter);
  const answer = await series.sparklines(parsed.query, await auth.graphViewer(request, parsed.query.namespaces), request.signal);
  return Response.json(answer satisfies EdgeSparklines, { headers: { 'cache-control': 'no-store' } });
});
