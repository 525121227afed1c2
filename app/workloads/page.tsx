import type { Metadata } from 'next';
import { Suspense } from 'react';
import { WorkloadsView } from '@/components/pages/workloads/WorkloadsView';

export const metadata: Metadata = { title: 'Workloads · Ambient Lens' };

export default function WorkloadsPage() {
  return (
    <Suspense fallback={<div className="p-6 text-sm text-slate-500">Loading workloads…</div>}>
      <WorkloadsView />
    </Suspense>
  );
}
