import type { Metadata } from 'next';
import { WorkloadDetailView } from '@/components/pages/workloads/WorkloadDetailView';

type Props = { params: Promise<{ namespace: string; name: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { namespace, name } = await params;
  return { title: `${decodeURIComponent(name)} · ${decodeURIComponent(namespace)} · Ambient Lens` };
}

export default async function WorkloadPage({ params }: Props) {
  const { namespace, name } = await params;
  return <WorkloadDetailView namespace={decodeURIComponent(namespace)} name={decodeURIComponent(name)} />;
}
