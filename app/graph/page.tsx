import type { Metadata } from 'next';
import { Suspense } from 'react';
import { GraphView } from '@/components/pages/graph/GraphView';

export const metadata: Metadata = { title: 'Traffic graph · Ambient Lens' };

export default function GraphPage() {
  // The view is read from the URL on the client (useSearchParams needs a Suspense boundary).
  return (
    <Suspense fallback={<div className="p-6 text-sm text-slate-500">Loading the traffic graph…</div>}>
      <GraphView />
    </Suspense>
  );
}
