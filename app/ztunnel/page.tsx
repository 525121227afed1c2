import type { Metadata } from 'next';
import { Suspense } from 'react';
import { ZtunnelView } from '@/components/pages/ztunnel/ZtunnelView';

export const metadata: Metadata = { title: 'ztunnel · Ambient Lens' };

export default function ZtunnelPage() {
  return (
    <Suspense fallback={<div className="p-6 text-sm text-slate-500">Loading ztunnel…</div>}>
      <ZtunnelView />
    </Suspense>
  );
}
