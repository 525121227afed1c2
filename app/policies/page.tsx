import type { Metadata } from 'next';
import { Suspense } from 'react';
import { PoliciesView } from '@/components/pages/policies/PoliciesView';

export const metadata: Metadata = { title: 'Policies · Ambient Lens' };

export default function PoliciesPage() {
  return (
    <Suspense fallback={<div className="p-6 text-sm text-slate-500">Loading the policies…</div>}>
      <PoliciesView />
    </Suspense>
  );
}
