import { route } from '@/lib/server/route';

export const POST = route('auth.logout', async (request, _context, { authFlows }) => authFlows.logout(request));
