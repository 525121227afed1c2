import { AppError } from '@/lib/errors';
import { route } from '@/lib/server/route';

// GET: start the OpenShift OAuth login. POST: log in with a Kubernetes bearer token.
export const GET = route('auth.login', async (request, _context, { env, authFlows }) => {
  if (env.AUTH_STRATEGY !== 'openshift') throw new AppError('not_found', 'OAuth login is not enabled (AUTH_STRATEGY)');
  return authFlows.beginOpenShiftLogin(request);
});

export const POST = route('auth.login', async (request, _context, { env, authFlows }) => {
  if (env.AUTH_STRATEGY !== 'token') throw new AppError('not_found', 'Token login is not enabled (AUTH_STRATEGY)');
  return authFlows.loginWithToken(request);
});
