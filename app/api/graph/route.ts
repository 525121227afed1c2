import { gunzip } from 'node:zlib';
import { promisify } from 'node:util';
import { parseGraphParams } from '@/lib/graph/query';
import { graphParamNames } from '@/lib/graph/request';
import { rejectUnknownParams, singleParams } from '@/lib/server/kube';
import { AppError } from '@/lib/errors';
import { route } from '@/lib/server/route';

// GET /api/graph?namespaces=a,b&graphType=workload&duration=600&queryTime=&idle=false&waypoints=show
// -> MeshGraph (docs/api-graph.md). 400 names the bad parameter; 403 for a namespace the user cannot see.
// The answer comes gzipped from the shared cache (lib/server/graph-cache.ts). Next drops a route's own
// Content-Encoding header (send-response.ts) and would gzip the JSON again for every caller (a
// 5k-workload answer is ~8.6 MB of JSON: ~0.1 s of CPU per response, times a team). So a caller that
// accepts `application/gzip` (the console's own client: lib/api-client/fetch-json.ts) gets the cached
// bytes as they are, as a gzip document that Next leaves alone, and inflates them itself; any other
// caller gets JSON.
export const dynamic = 'force-dynamic';

// Inflated on libuv's pool, not the event loop: callers sharing one cached answer would otherwise
// inflate it one after another on the only JS thread.
const gunzipAsync = promisify(gunzip);

/** Whether the caller takes the gzip document (an explicit `application/gzip`, not a wildcard). */
const takesGzip = (request: Request) => /(^|,)\s*application\/gzip\s*(;|,|$)/.test(request.headers.get('accept') ?? '');

export const GET = route('graph', async (request, _context, { auth, graphAnswers }) => {
  const params = singleParams(request);
  rejectUnknownParams(params, graphParamNames);
  const parsed = parseGraphParams(params);
  if (!parsed.ok) throw new AppError('bad_request', parsed.message, parsed.parameter);
  const answer = await graphAnswers(parsed.query, await auth.graphViewer(request, parsed.query.namespaces), request.signal);
  const headers = { 'cache-control': 'no-store', vary: 'accept' };
  if (takesGzip(request)) return new Response(new Uint8Array(answer.gzip), { headers: { ...headers, 'content-type': 'application/gzip' } });
  return new Response(new Uint8Array(await gunzipAsync(answer.gzip)), { headers: { ...headers, 'content-type': 'application/json' } });
});
