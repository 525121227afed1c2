import type { Metadata } from 'next';
import Link from 'next/link';

export const metadata: Metadata = { title: 'Not found · Ambient Lens' };

const links: [string, string][] = [
  ['/', 'Overview'],
  ['/graph', 'Traffic graph'],
  ['/namespaces', 'Namespaces'],
  ['/workloads', 'Workloads'],
  ['/security', 'Security'],
  ['/ztunnel', 'ztunnel'],
];

// Rendered inside the root layout, so the sidebar and header stay and every way back is one click.
export default function NotFound() {
  return (
    <div className="p-6">
      <h1 className="text-xl font-semibold">Page not found</h1>
      <p className="mt-2 max-w-prose text-sm text-slate-600 dark:text-slate-400">
        Ambient Lens has no page at this address. It may have been mistyped, or a link may point at a workload or namespace that no longer exists.
      </p>
      <ul className="mt-4 flex flex-wrap gap-3 text-sm" aria-label="Pages">
        {links.map(([href, label]) => (
          <li key={href}>
            <Link href={href} className="text-indigo-600 hover:underline dark:text-indigo-400">{label}</Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
