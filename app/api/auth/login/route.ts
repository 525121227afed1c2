import { beginOpenShiftLogin, loginWithToken } from '@/lib/server/auth-flows';
import { env } from '@/lib/server/env';
import { AppError } from '@/lib/server/errors';
import { route } from '@/lib/server/route';

// GET: start the OpenShift OAuth login. POST: log in with a Kubernetes bearer token.
export const GET = route('auth.login', async (request) => {
  if (env().AUTH_STRATEGY !== 'openshift') throw new AppError('not_found', 'OAuth login is not enabled (AUTH_STRATEGY)');
  return beginOpenShiftLogin(request);
});

export const POST = route('auth.login', async (request) => {
  if (env().AUTH_STRATEGY !== 'token') throw new AppError('not_found', 'Token login is not enabled (AUTH_STRATEGY)');
  return loginWithToken(request);
});
