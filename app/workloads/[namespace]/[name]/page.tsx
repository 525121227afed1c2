import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { WorkloadDetailView } from '@/components/pages/workloads/WorkloadDetailView';
import { dnsLabel, objectName } from '@/lib/kube/wire/names';
import { decodeSegment } from '@/lib/server/url-path';

type Props = { params: Promise<{ namespace: string; name: string }> };

/**
 * The workload a path names, decoded once and only if it is a Kubernetes name. Anything else (a
 * malformed or double-encoded segment such as %25) is the app's 404, never a URIError.
 */
async function workloadOf({ params }: Props): Promise<{ namespace: string; name: string }> {
  const raw = await params;
  const namespace = decodeSegment(raw.namespace);
  const name = decodeSegment(raw.name);
  if (!dnsLabel.safeParse(namespace).success || !objectName.safeParse(name).success) notFound();
  return { namespace: namespace as string, name: name as string };
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  const { namespace, name } = await workloadOf(props);
  return { title: `${name} · ${namespace} · Ambient Lens` };
}

export default async function WorkloadPage(props: Props) {
  const { namespace, name } = await workloadOf(props);
  return <WorkloadDetailView namespace={namespace} name={name} />;
}
