import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import './globals.css';
import { Providers } from './providers';
import { Sidebar } from '@/components/shell/Sidebar';
import { ThemeToggle } from '@/components/shell/ThemeToggle';

export const metadata: Metadata = {
  title: 'Ambient Lens',
  description: 'Traffic, mTLS and enrollment for Istio ambient mode',
};

// Applied before paint so a dark-mode user never sees a light flash.
const themeScript = `try{var t=localStorage.getItem('theme');var d=t==='dark'||(!t&&matchMedia('(prefers-color-scheme: dark)').matches);document.documentElement.classList.toggle('dark',d)}catch(e){}`;

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: themeScript }} />
      </head>
      <body className="flex h-full">
        <Providers>
          <Sidebar />
          <div className="flex min-w-0 flex-1 flex-col">
            <header className="flex h-12 shrink-0 items-center justify-end gap-3 border-b border-slate-200 bg-white px-4 dark:border-slate-800 dark:bg-slate-900">
              <ThemeToggle />
            </header>
            <main className="min-h-0 flex-1 overflow-auto">{children}</main>
          </div>
        </Providers>
      </body>
    </html>
  );
}
