import { AppError } from '@/lib/errors';
import { route } from '@/lib/server/route';

// The OAuth server sends the browser back here with ?code&state (the OAuthClient's redirect URI).
export const GET = route('auth.callback', async (request, _context, { env, authFlows }) => {
  if (env.AUTH_STRATEGY !== 'openshift') throw new AppError('not_found', 'OAuth login is not enabled (AUTH_STRATEGY)');
  return authFlows.finishOpenShiftLogin(request);
});
