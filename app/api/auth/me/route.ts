import { NoParams, parseQuery } from '@/lib/server/kube';
import { summarize } from '@/lib/auth/user';
import { route } from '@/lib/server/route';

// Who the browser is logged in as (401 when nobody is).
export const GET = route('auth.me', async (request, _context, { auth }) => {
  parseQuery(request, NoParams);
  const user = await auth.requestUser(request);
  return Response.json({ user: summarize(user) }, { headers: { 'cache-control': 'no-store' } });
});
