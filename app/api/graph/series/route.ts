import { SeriesParams, type TrafficSeries } from '@/lib/graph/series';
import { AppError } from '@/lib/errors';
import { rejectUnknownParams, singleParams } from '@/lib/server/kube';
import { route } from '@/lib/server/route';

// GET /api/graph/series?namespaces=a,b&graphType=workload&waypoints=show&duration=600&queryTime=&edge=<id>|node=<id>
// -> TrafficSeries (lib/graph/series.ts). 400 names the bad parameter; 403 for a namespace the user cannot see.
export const dynamic = 'force-dynamic';

export const GET = route('graph-series', async (request, _context, { auth, series }) => {
  const params = singleParams(request);
  rejectUnknownParams(params, Object.keys(SeriesParams.shape));
  const parsed = SeriesParams.safeParse(params);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const parameter = String(issue?.path[0] ?? 'query');
    throw new AppError('bad_request', `${parameter}: ${issue?.message ?? 'invalid'}`, parameter);
  }
  const answer = await series.series(parsed.data, await auth.graphViewer(request, parsed.data.namespaces), request.signal);
  return Response.json(answer satisfies TrafficSeries, { headers: { 'cache-control': 'no-store' } });
});
