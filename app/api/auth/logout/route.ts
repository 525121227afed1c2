import { logout } from '@/lib/server/auth-flows';
import { route } from '@/lib/server/route';

export const POST = route('auth.logout', async (request) => logout(request));
