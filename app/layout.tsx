import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import './globals.css';
import { Providers } from './providers';
import { Sidebar } from '@/components/shell/Sidebar';
import { DataSourceBadge } from '@/components/shell/DataSourceBadge';
import { ThemeToggle } from '@/components/shell/ThemeToggle';
import { UserMenu } from '@/components/shell/UserMenu';
import { summarize } from '@/lib/auth/user';
import { deps } from '@/lib/server/deps';
import { env } from '@/lib/server/env';
import { requestNonce } from '@/lib/server/nonce';

export const metadata: Metadata = {
  title: 'Ambient Lens',
  description: 'Traffic, mTLS and enrollment for Istio ambient mode',
};

// Applied before paint so a dark-mode user never sees a light flash.
const themeScript = `try{var t=localStorage.getItem('theme');var d=t==='dark'||(!t&&matchMedia('(prefers-color-scheme: dark)').matches);document.documentElement.classList.toggle('dark',d)}catch(e){}`;

export default async function RootLayout({ children }: { children: ReactNode }) {
  // proxy.ts makes a fresh CSP nonce per request; reading it renders every page per request.
  const nonce = await requestNonce();
  const user = await deps().auth.pageUser();
  const { PROMETHEUS_URL, SIMULATOR_METRICS_URL } = env();
  const trafficSource = PROMETHEUS_URL ? 'prometheus' : SIMULATOR_METRICS_URL ? 'simulator' : 'unconfigured';
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: themeScript }} />
      </head>
      <body className="flex h-full">
        <Providers>
          <Sidebar />
          <div className="flex min-w-0 flex-1 flex-col">
            <header className="flex h-12 shrink-0 items-center justify-end gap-2 border-b border-slate-200 bg-white py-0 pr-3 pl-14 md:gap-3 md:px-4 dark:border-slate-800 dark:bg-slate-900">
              <DataSourceBadge source={trafficSource} />
              <UserMenu user={user ? summarize(user) : undefined} basePath={env().BASE_PATH} />
              <ThemeToggle />
            </header>
            <main className="min-h-0 flex-1 overflow-auto">{children}</main>
          </div>
        </Providers>
      </body>
    </html>
  );
}
