import { summarize } from '@/lib/auth/user';
import { requestUser } from '@/lib/server/auth';
import { route } from '@/lib/server/route';

// Who the browser is logged in as (401 when nobody is).
export const GET = route('auth.me', async (request) => {
  const user = await requestUser(request);
  return Response.json({ user: summarize(user) }, { headers: { 'cache-control': 'no-store' } });
});
