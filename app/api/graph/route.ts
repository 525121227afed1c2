import { gunzipSync } from 'node:zlib';
import { graphParamNames, parseGraphParams } from '@/lib/graph/query';
import { rejectUnknownParams, singleParams } from '@/lib/server/kube';
import { AppError } from '@/lib/errors';
import { route } from '@/lib/server/route';

// GET /api/graph?namespaces=a,b&graphType=workload&duration=600&queryTime=&idle=false&waypoints=show
// -> MeshGraph (docs/api-graph.md). 400 names the bad parameter; 403 for a namespace the user cannot see.
// The answer comes gzipped from the shared cache (lib/server/graph-cache.ts); Next's own compression
// leaves a response that already has a Content-Encoding alone, so a hit costs no CPU per caller.
export const dynamic = 'force-dynamic';

export const GET = route('graph', async (request, _context, { auth, graphAnswers }) => {
  const params = singleParams(request);
  rejectUnknownParams(params, graphParamNames);
  const parsed = parseGraphParams(params);
  if (!parsed.ok) throw new AppError('bad_request', parsed.message, parsed.parameter);
  const answer = await graphAnswers(parsed.query, await auth.graphViewer(request, parsed.query.namespaces), request.signal);
  const headers = { 'content-type': 'application/json', 'cache-control': 'no-store', vary: 'accept-encoding' };
  if (/\bgzip\b/.test(request.headers.get('accept-encoding') ?? '')) {
    return new Response(new Uint8Array(answer.gzip), { headers: { ...headers, 'content-encoding': 'gzip' } });
  }
  return new Response(new Uint8Array(gunzipSync(answer.gzip)), { headers });
});
