import type { Metadata } from 'next';
import { ControlPlaneView } from '@/components/pages/control-plane/ControlPlaneView';

export const metadata: Metadata = { title: 'Control plane · Ambient Lens' };

export default function ControlPlanePage() {
  return <ControlPlaneView />;
}
