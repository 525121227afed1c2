import { gunzip } from 'node:zlib';
import { promisify } from 'node:util';
import { graphParamNames, parseGraphParams } from '@/lib/graph/query';
import { rejectUnknownParams, singleParams } from '@/lib/server/kube';
import { AppError } from '@/lib/errors';
import { route } from '@/lib/server/route';

// GET /api/graph?namespaces=a,b&graphType=workload&duration=600&queryTime=&idle=false&waypoints=show
// -> MeshGraph (docs/api-graph.md). 400 names the bad parameter; 403 for a namespace the user cannot see.
// The answer comes gzipped from the shared cache (lib/server/graph-cache.ts) and leaves as JSON: Next
// drops a route's own Content-Encoding header (send-response.ts) and compresses the body itself, so
// a pre-gzipped body would reach the browser gzipped twice.
export const dynamic = 'force-dynamic';

// On libuv's pool, not the event loop: a 5k-workload answer is ~8 MB of JSON, and a hundred callers
// sharing one cached answer would otherwise inflate it one after another on the only JS thread.
const gunzipAsync = promisify(gunzip);

export const GET = route('graph', async (request, _context, { auth, graphAnswers }) => {
  const params = singleParams(request);
  rejectUnknownParams(params, graphParamNames);
  const parsed = parseGraphParams(params);
  if (!parsed.ok) throw new AppError('bad_request', parsed.message, parsed.parameter);
  const answer = await graphAnswers(parsed.query, await auth.graphViewer(request, parsed.query.namespaces), request.signal);
  return new Response(new Uint8Array(await gunzipAsync(answer.gzip)), { headers: { 'content-type': 'application/json', 'cache-control': 'no-store' } });
});
