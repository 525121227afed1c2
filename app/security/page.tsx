import type { Metadata } from 'next';
import { Suspense } from 'react';
import { SecurityView } from '@/components/pages/security/SecurityView';

export const metadata: Metadata = { title: 'Security · Ambient Lens' };

export default function SecurityPage() {
  return (
    <Suspense fallback={<div className="p-6 text-sm text-slate-500">Loading the security posture…</div>}>
      <SecurityView />
    </Suspense>
  );
}
