import type { UserSummary } from '@/lib/auth/user';

/** The header's user name and log-out button (a plain form post: works before hydration). */
export function UserMenu({ user, basePath }: { user: UserSummary | undefined; basePath: string }) {
  if (!user) return null;
  return (
    <div className="flex items-center gap-2 text-xs text-slate-700 dark:text-slate-300">
      <span data-testid="user-name" title={user.strategy === 'anonymous' ? 'No login: every visitor sees everything' : `Logged in (${user.strategy})`}>
        {user.name}
      </span>
      {user.canLogOut ? (
        <form method="post" action={`${basePath}/api/auth/logout`}>
          <button
            type="submit"
            className="rounded-md border border-slate-300 px-2.5 py-1 hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
          >
            Log out
          </button>
        </form>
      ) : null}
    </div>
  );
}
