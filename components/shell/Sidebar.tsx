'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useEffect, useState } from 'react';
import { navItems } from './nav-items';
import { PHONE_QUERY, useMediaQuery, useRemembered } from './use-layout';

function NavLinks({ collapsed, onNavigate }: { collapsed: boolean; onNavigate?: () => void }) {
  const pathname = usePathname();
  return (
    <ul className="flex flex-col gap-0.5 px-2">
      {navItems.map((item) => {
        const active = item.href === '/' ? pathname === '/' : pathname.startsWith(item.href);
        return (
          <li key={item.href}>
            <Link
              href={item.href}
              // No prefetch: every page is rendered per request, and prefetching all of them on each
              // load cost the server 16 renders and held the browser's connections while the page's
              // own requests (the graph, its script) waited.
              prefetch={false}
              aria-current={active ? 'page' : undefined}
              title={collapsed ? item.label : undefined}
              onClick={onNavigate}
              className={`flex items-center gap-2.5 rounded-md px-3 py-2 text-sm ${
                active
                  ? 'bg-indigo-50 font-medium text-indigo-700 dark:bg-indigo-950 dark:text-indigo-300'
                  : 'text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800'
              }`}
            >
              <span aria-hidden className="w-4 text-center">{item.icon}</span>
              <span className={collapsed ? 'sr-only' : undefined}>{item.label}</span>
            </Link>
          </li>
        );
      })}
    </ul>
  );
}

const brand = <span aria-hidden className="grid h-8 w-8 shrink-0 place-items-center rounded-lg bg-indigo-600 text-lg font-bold text-white">◈</span>;

/**
 * The main navigation: a column that can be narrowed to icons (remembered), and on phones a drawer
 * opened from the header's Menu button, so the page keeps the whole width.
 */
export function Sidebar() {
  const phone = useMediaQuery(PHONE_QUERY);
  const [collapsed, setCollapsed] = useRemembered('nav-collapsed', false);
  const [drawer, setDrawer] = useState(false);
  const pathname = usePathname();
  useEffect(() => setDrawer(false), [pathname, phone]);

  if (phone) {
    return (
      <>
        <button
          type="button"
          aria-expanded={drawer}
          aria-controls="main-nav-drawer"
          onClick={() => setDrawer(!drawer)}
          className="fixed top-2 left-2 z-50 grid h-8 w-10 place-items-center rounded-md border border-slate-300 bg-white text-lg dark:border-slate-700 dark:bg-slate-900"
        >
          <span aria-hidden>☰</span>
          <span className="sr-only">Menu</span>
        </button>
        {drawer && (
          <div className="fixed inset-0 z-40 flex" onKeyDown={(e) => e.key === 'Escape' && setDrawer(false)}>
            <nav id="main-nav-drawer" aria-label="Main" className="flex w-64 max-w-[80%] flex-col border-r border-slate-200 bg-white pt-12 shadow-xl dark:border-slate-800 dark:bg-slate-900">
              <NavLinks collapsed={false} onNavigate={() => setDrawer(false)} />
            </nav>
            <button type="button" aria-label="Close menu" className="flex-1 bg-slate-900/40" onClick={() => setDrawer(false)} />
          </div>
        )}
      </>
    );
  }

  return (
    <nav aria-label="Main" className={`flex shrink-0 flex-col border-r border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900 ${collapsed ? 'w-14' : 'w-52'}`}>
      <div className={`flex items-center gap-2 py-4 ${collapsed ? 'justify-center px-2' : 'px-4'}`}>
        {brand}
        {!collapsed && <span className="text-base font-semibold tracking-tight">Ambient Lens</span>}
      </div>
      <NavLinks collapsed={collapsed} />
      <button
        type="button"
        aria-pressed={collapsed}
        onClick={() => setCollapsed(!collapsed)}
        className="mx-2 mt-auto mb-3 flex items-center gap-2 rounded-md px-3 py-2 text-sm text-slate-600 hover:bg-slate-100 dark:text-slate-400 dark:hover:bg-slate-800"
      >
        <span aria-hidden className="w-4 text-center">{collapsed ? '»' : '«'}</span>
        <span className={collapsed ? 'sr-only' : undefined}>Collapse navigation</span>
      </button>
    </nav>
  );
}
