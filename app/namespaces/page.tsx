import type { Metadata } from 'next';
import { Suspense } from 'react';
import { NamespacesView } from '@/components/pages/namespaces/NamespacesView';

export const metadata: Metadata = { title: 'Namespaces · Ambient Lens' };

export default function NamespacesPage() {
  return (
    <Suspense fallback={<div className="p-6 text-sm text-slate-500">Loading namespaces…</div>}>
      <NamespacesView />
    </Suspense>
  );
}
