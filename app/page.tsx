import type { Metadata } from 'next';
import { Suspense } from 'react';
import { OverviewView } from '@/components/pages/overview/OverviewView';

export const metadata: Metadata = { title: 'Overview · Ambient Lens' };

export default function OverviewPage() {
  return (
    <Suspense fallback={<div className="p-6 text-sm text-slate-500">Loading the overview…</div>}>
      <OverviewView />
    </Suspense>
  );
}
