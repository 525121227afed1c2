import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { safeReturnPath } from '@/lib/auth/forwarded';
import { deps } from '@/lib/server/deps';
import { env } from '@/lib/server/env';

export const metadata: Metadata = { title: 'Log in · Ambient Lens' };

const messages: Record<string, string> = {
  invalid_token: 'The cluster did not accept that token. It may have expired, or be mistyped.',
  cluster_unreachable: 'The Kubernetes API server did not answer. Try again in a moment.',
  oauth_state: 'The login took too long or was started in another tab. Please log in again.',
  oauth_denied: 'The OpenShift login was cancelled or refused.',
  oauth_failed: 'The OpenShift OAuth server did not complete the login.',
};

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const next = safeReturnPath(typeof params.next === 'string' ? params.next : undefined);
  const error = typeof params.error === 'string' ? messages[params.error] : undefined;
  const { AUTH_STRATEGY: strategy, BASE_PATH: base } = env();
  if (strategy === 'anonymous' || strategy === 'header' || (await deps().auth.pageUser())) redirect(next);

  return (
    <div className="mx-auto mt-16 w-full max-w-md p-6">
      <h1 className="text-xl font-semibold">Log in to Ambient Lens</h1>
      {error ? (
        <p role="alert" className="mt-4 rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200">
          {error}
        </p>
      ) : null}
      {strategy === 'token' ? (
        <form method="post" action={`${base}/api/auth/login`} className="mt-6 flex flex-col gap-3">
          <label htmlFor="token" className="text-sm text-slate-700 dark:text-slate-300">
            Kubernetes bearer token
          </label>
          <textarea
            id="token"
            name="token"
            required
            rows={5}
            autoComplete="off"
            spellCheck={false}
            className="rounded-md border border-slate-300 bg-white p-2 font-mono text-xs dark:border-slate-700 dark:bg-slate-900"
          />
          <p className="text-xs text-slate-500">
            For example <code>kubectl create token &lt;service-account&gt; -n &lt;namespace&gt;</code> or <code>oc whoami -t</code>. You will
            see the namespaces this token may list pods in.
          </p>
          <input type="hidden" name="next" value={next} />
          <button type="submit" className="rounded-md bg-slate-900 px-3 py-2 text-sm font-medium text-white hover:bg-slate-700 dark:bg-slate-100 dark:text-slate-900">
            Log in
          </button>
        </form>
      ) : (
        <a
          href={`${base}/api/auth/login?${new URLSearchParams({ next }).toString()}`}
          className="mt-6 inline-block rounded-md bg-slate-900 px-3 py-2 text-sm font-medium text-white hover:bg-slate-700 dark:bg-slate-100 dark:text-slate-900"
        >
          Log in with OpenShift
        </a>
      )}
    </div>
  );
}
