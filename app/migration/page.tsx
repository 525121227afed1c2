import type { Metadata } from 'next';
import { MigrationView } from '@/components/pages/migration/MigrationView';

export const metadata: Metadata = { title: 'Sidecar to ambient · Ambient Lens' };

export default function MigrationPage() {
  return <MigrationView />;
}
